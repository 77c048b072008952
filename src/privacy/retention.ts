/**
 * @module privacy/retention
 * The purge. A case whose status has not changed for its status's TTL (config.retentionDays,
 * documented in docs/retention.md) loses everything that could identify or quote the reporter:
 * the sealed identity, the encrypted original, the follow-up thread, voice statements, encrypted
 * notes; its receipt stops working. The redacted case stays for statistics and escalations.
 * Expired conversations, idempotency replies, counters and finished jobs are deleted.
 *
 * It never blocks: work goes in batches of a few hundred rows, each one atomic `sql.batch` (a case
 * is purged whole or not at all), with a turn of the event loop between batches. A run can be
 * bounded (`maxCases`, for the Workers Cron's CPU limit) or stopped between batches (`signal`).
 */
import { STATUSES } from '../cases/statuses.js'
import { DAY_MS } from '../clock.js'
import type { RetentionDays } from '../config.js'
import type { Deps } from '../deps.js'
import { nextTurn } from '../next-turn.js'
import * as purge from '../store/purge.js'
import * as evidence from '../store/evidence.js'

/** Idempotency replies live a day: Twilio's retries come within minutes. */
export const REPLY_TTL_MS = DAY_MS
/** Finished jobs are kept a week for diagnosis (they hold no identifier once done). */
export const DONE_JOB_TTL_MS = 7 * DAY_MS
/** Cases per batch: on a million-case SQLite file a batch takes a few milliseconds (docs/operations.md). */
export const PURGE_BATCH = 50

export interface PurgeOptions {
  /** Cases (or expired rows) per atomic batch. */
  batchSize?: number
  /** Purge at most this many cases in this run; the rest wait for the next one. */
  maxCases?: number
  /** Stop between batches once aborted (shutdown). */
  signal?: AbortSignal
}

export interface PurgeResult {
  cases: number
  conversations: number
  total: number
  /** Batches written (cases and expired rows). */
  batches: number
  /** False when the run stopped early (budget or signal) and due rows remain. */
  complete: boolean
}

/** Run the purge now. Returns how many cases and conversations were purged. */
export async function purgeExpired(
  deps: Deps,
  days: RetentionDays = deps.config.retentionDays,
  opts: PurgeOptions = {},
): Promise<PurgeResult> {
  const batchSize = opts.batchSize ?? PURGE_BATCH
  const now = deps.clock.now()
  const result: PurgeResult = { cases: 0, conversations: 0, total: 0, batches: 0, complete: true }
  const stop = () => opts.signal?.aborted === true
  let budget = opts.maxCases ?? Infinity

  // Short-lived rows first: few, and some (replies) may carry a receipt. The case budget spares them.
  const expired = purge.expiredRows({
    now,
    conversation: now - days.conversation * DAY_MS,
    reply: now - REPLY_TTL_MS,
    doneJob: now - DONE_JOB_TTL_MS,
  })
  for (const rows of expired) {
    const { conversation } = rows
    for (;;) {
      if (stop()) return { ...result, complete: false }
      const { changes } = await purge.deleteExpired(deps.sql, rows, batchSize)
      if (changes > 0) result.batches++
      if (conversation) {
        result.conversations += changes
        result.total += changes
      }
      if (changes < batchSize) break
      await nextTurn()
    }
  }

  for (const status of STATUSES) {
    const cutoff = now - days[status] * DAY_MS
    for (;;) {
      if (stop() || budget <= 0) return { ...result, complete: false }
      const limit = Math.min(batchSize, budget)
      const rows = await purge.dueCases(deps.sql, status, cutoff, limit)
      if (rows.length === 0) break
      const ids = rows.map((r) => r.id)
      const objects = await evidence.objectsOfCases(deps.sql, ids)
      const results = await deps.sql.batch(purge.purgeCases(ids, status, cutoff, now))
      if (objects.length > 0) await purgeEvidenceObjects(deps, ids, objects)
      const purged = purge.purgedCount(results)
      result.cases += purged
      result.total += purged
      result.batches++
      budget -= rows.length
      await nextTurn()
      if (rows.length < limit) break
    }
  }
  return result
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
