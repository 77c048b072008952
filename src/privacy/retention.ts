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
import { stmt, type SqlValue, type Statement } from '../store/port.js'

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

/**
 * The cases a batch may purge: listed by id, and still due when the batch runs. The unary `+`
 * keeps SQLite from walking cases_purge_due for status and date (every due case of the status)
 * instead of looking the listed ids up.
 */
const STILL_DUE = `id IN (SELECT value FROM json_each(?)) AND +status = ? AND +updated_at < ? AND purged_at IS NULL`

/**
 * Statements purging the listed cases, if they are still due (a reporter may have written in the
 * meantime). Their ids travel as one JSON parameter: D1 binds at most 100 parameters.
 * The cases row goes last, since it is what makes the others stop matching.
 */
function purgeCases(ids: string[], status: string, cutoff: number, now: number): Statement[] {
  const due = [JSON.stringify(ids), status, cutoff] as const
  const inDue = `case_id IN (SELECT id FROM cases WHERE ${STILL_DUE})`
  return [
    stmt(`DELETE FROM case_messages WHERE ${inDue}`, ...due),
    stmt(`DELETE FROM voice_recordings WHERE ${inDue}`, ...due),
    stmt(`UPDATE case_events SET data_enc = NULL WHERE data_enc IS NOT NULL AND ${inDue}`, ...due),
    stmt(
      // idempotency_key is a keyed hash of a MessageSid/CallSid, which Twilio links to a number.
      `UPDATE cases SET identity_sealed = NULL, original_enc = NULL, fields_enc = NULL, receipt_hash = 'purged:' || id,
         idempotency_key = NULL, purged_at = ? WHERE ${STILL_DUE}`,
      now,
      ...due,
    ),
  ]
}

/** Expired rows of short-lived tables, each deleted in batches through an index where it matters. */
function expiredRows(days: RetentionDays, now: number): { table: string; where: string; params: SqlValue[]; conversation?: true }[] {
  const conversationCutoff = now - days.conversation * DAY_MS
  return [
    { table: 'sms_sessions', where: 'expires_at <= ? OR updated_at < ?', params: [now, conversationCutoff], conversation: true },
    { table: 'voice_calls', where: 'expires_at <= ? OR updated_at < ?', params: [now, conversationCutoff], conversation: true },
    { table: 'webhook_replies', where: 'created_at < ?', params: [now - REPLY_TTL_MS] },
    { table: 'rate_limits', where: 'expires_at <= ?', params: [now] },
    { table: 'jobs', where: 'done_at IS NOT NULL AND done_at < ?', params: [now - DONE_JOB_TTL_MS] },
  ]
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
  for (const { table, where, params, conversation } of expiredRows(days, now)) {
    for (;;) {
      if (stop()) return { ...result, complete: false }
      const { changes } = await deps.sql.run(
        `DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ?)`,
        ...params,
        batchSize,
      )
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
      // On the partial index cases_purge_due: purged rows are not in it, so no run walks them again.
      const rows = await deps.sql.all<{ id: string }>(
        'SELECT id FROM cases WHERE status = ? AND updated_at < ? AND purged_at IS NULL LIMIT ?',
        status,
        cutoff,
        limit,
      )
      if (rows.length === 0) break
      const results = await deps.sql.batch(purgeCases(rows.map((r) => r.id), status, cutoff, now))
      const purged = results[3]?.changes ?? 0
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
