/**
 * @module privacy/retention
 * The purge. A case whose status has not changed for its status's TTL (config.retentionDays,
 * documented in docs/retention.md) loses everything that could identify or quote the reporter:
 * the sealed identity, the encrypted original, the follow-up thread, voice statements, encrypted
 * notes; its receipt stops working. The redacted case stays for statistics and escalations.
 * Expired conversations, idempotency replies, counters and finished jobs are deleted.
 *
 * It never blocks: work goes in batches, each one atomic `sql.batch` (a case is purged whole or not
 * at all), with a turn of the event loop between batches. A batch's size adapts so that it holds
 * the event loop for about SLICE_BUDGET_MS (slice-size.ts): the same 50 cases took 5 ms on a quiet
 * database and over 300 ms with a large WAL and a busy disk. A run can be bounded (`maxCases`,
 * for the Workers Cron's CPU limit) or stopped between batches (`signal`).
 */
import { STATUSES } from '../cases/statuses.js'
import { DAY_MS } from '../clock.js'
import type { RetentionDays } from '../config.js'
import type { Deps } from '../deps.js'
import { nextTurn } from '../next-turn.js'
import { monotonicMs, sliceSizer, type SliceSizeOptions } from '../slice-size.js'
import * as purge from '../store/purge.js'
import * as evidence from '../store/evidence.js'

/** Idempotency replies live a day: Twilio's retries come within minutes. */
export const REPLY_TTL_MS = DAY_MS
/** Finished jobs are kept a week for diagnosis (they hold no identifier once done). */
export const DONE_JOB_TTL_MS = 7 * DAY_MS
/** Cases (or expired rows) in the first batch; later ones adapt to the time budget. */
export const PURGE_BATCH = 50
/** Target time of one batch: a request arriving meanwhile waits at most about this long. */
export const SLICE_BUDGET_MS = 10
/** Bounds of a batch (cases or rows). */
export const PURGE_BATCH_MAX = 500

export interface PurgeOptions {
  /** A fixed number of cases (or expired rows) per atomic batch, instead of adapting to time. */
  batchSize?: number
  /** The monotonic clock batches are timed with (tests). */
  now?: () => number
  /** Purge at most this many cases in this run; the rest wait for the next one. */
  maxCases?: number
  /** Stop between batches once aborted (shutdown). */
  signal?: AbortSignal
  /** Awaited after each batch: the runtime's back-pressure (Node: while the WAL is large). */
  pause?: () => Promise<void>
}

export interface PurgeResult {
  cases: number
  conversations: number
  total: number
  /** Batches written (cases and expired rows). */
  batches: number
  /** False when the run stopped early (budget or signal) and due rows remain. */
  complete: boolean
  /** The longest batch (ms of synchronous work: between two turns of the event loop). */
  batchMaxMs: number
}

/** Run the purge now. Returns how many cases and conversations were purged. */
export async function purgeExpired(
  deps: Deps,
  days: RetentionDays = deps.config.retentionDays,
  opts: PurgeOptions = {},
): Promise<PurgeResult> {
  const fixed = opts.batchSize
  const sizing: SliceSizeOptions = fixed
    ? { first: fixed, min: fixed, max: fixed, budgetMs: SLICE_BUDGET_MS }
    : { first: PURGE_BATCH, min: 1, max: PURGE_BATCH_MAX, budgetMs: SLICE_BUDGET_MS }
  const clock = opts.now ?? monotonicMs
  const now = deps.clock.now()
  const result: PurgeResult = { cases: 0, conversations: 0, total: 0, batches: 0, complete: true, batchMaxMs: 0 }
  const stop = () => opts.signal?.aborted === true
  let budget = opts.maxCases ?? Infinity

  // Short-lived rows first: few, and some (replies) may carry a receipt. The case budget spares them.
  const expired = purge.expiredRows({
    now,
    conversation: now - days.conversation * DAY_MS,
    reply: now - REPLY_TTL_MS,
    doneJob: now - DONE_JOB_TTL_MS,
  })
  const rowSizer = sliceSizer(sizing)
  const caseSizer = sliceSizer(sizing)
  const done = (complete: boolean) => ({ ...result, complete, batchMaxMs: Math.max(rowSizer.maxMs, caseSizer.maxMs) })
  for (const rows of expired) {
    const { conversation } = rows
    for (;;) {
      if (stop()) return done(false)
      const limit = rowSizer.size
      const started = clock()
      const { changes } = await purge.deleteExpired(deps.sql, rows, limit)
      rowSizer.took(changes, clock() - started)
      if (changes > 0) result.batches++
      if (conversation) {
        result.conversations += changes
        result.total += changes
      }
      if (changes < limit) break
      await nextTurn()
      await opts.pause?.()
    }
  }

  for (const status of STATUSES) {
    const cutoff = now - days[status] * DAY_MS
    for (;;) {
      if (stop() || budget <= 0) return done(false)
      const limit = Math.min(caseSizer.size, budget)
      // Timed from the choice of cases to the end of the batch: one synchronous slice on SQLite.
      const started = clock()
      const rows = await purge.dueCases(deps.sql, status, cutoff, limit)
      if (rows.length === 0) break
      const ids = rows.map((r) => r.id)
      const objects = await evidence.objectsOfCases(deps.sql, ids)
      const results = await deps.sql.batch(purge.purgeCases(ids, status, cutoff, now))
      if (objects.length > 0) await purgeEvidenceObjects(deps, ids, objects)
      caseSizer.took(rows.length, clock() - started)
      const purged = purge.purgedCount(results)
      result.cases += purged
      result.total += purged
      result.batches++
      budget -= rows.length
      await nextTurn()
      await opts.pause?.()
      if (rows.length < limit) break
    }
  }
  return done(true)
}

/**
 * Delete the blob-store objects of the evidence rows the batch removed (a case a reporter wrote
 * to meanwhile keeps its rows, and its objects). Their keys went with the rows, so an object
 * left behind by a failed delete cannot be opened; the next purge of the case finds none.
 */
async function purgeEvidenceObjects(deps: Deps, ids: string[], before: { object_name: string }[]) {
  const kept = new Set((await evidence.objectsOfCases(deps.sql, ids)).map((o) => o.object_name))
  const gone = before.map((o) => o.object_name).filter((n) => !kept.has(n))
  try {
    await deps.blobs.delete(gone)
  } catch (err) {
    deps.log.error('evidence_purge_failed', { name: (err as Error)?.name ?? 'Error', objects: gone.length })
  }
}
