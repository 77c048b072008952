/**
 * @module store/purge
 * The retention purge's SQL (privacy/retention.ts runs it in batches): the cases due for a status,
 * the statements that purge listed cases whole, and the deletion of expired short-lived rows.
 */
import { stmt, type RunResult, type Sql, type SqlValue, type Statement } from './port.js'

/**
 * The cases a batch may purge: listed by id, and still due when the batch runs. The unary `+`
 * keeps SQLite from walking cases_purge_due for status and date (every due case of the status)
 * instead of looking the listed ids up.
 */
const STILL_DUE = `id IN (SELECT value FROM json_each(?)) AND +status = ? AND +updated_at < ? AND purged_at IS NULL`

/** Up to `limit` ids of cases in `status` unchanged since before `cutoff` and not yet purged. */
export function dueCases(sql: Sql, status: string, cutoff: number, limit: number): Promise<{ id: string }[]> {
  // On the partial index cases_purge_due: purged rows are not in it, so no run walks them again.
  return sql.all<{ id: string }>(
    'SELECT id FROM cases WHERE status = ? AND updated_at < ? AND purged_at IS NULL LIMIT ?',
    status,
    cutoff,
    limit,
  )
}

/**
 * Statements purging the listed cases, if they are still due (a reporter may have written in the
 * meantime). Their ids travel as one JSON parameter: D1 binds at most 100 parameters.
 * The cases row goes last, since it is what makes the others stop matching: its result
 * (`purgedCount`) counts the cases purged.
 */
export function purgeCases(ids: string[], status: string, cutoff: number, now: number): Statement[] {
  const due = [JSON.stringify(ids), status, cutoff] as const
  const inDue = `case_id IN (SELECT id FROM cases WHERE ${STILL_DUE})`
  return [
    stmt(`DELETE FROM case_messages WHERE ${inDue}`, ...due),
    stmt(`DELETE FROM voice_recordings WHERE ${inDue}`, ...due),
    // Evidence rows hold the file keys (and releases a key released for a request): without them
    // the stored objects cannot be opened.
    stmt(`DELETE FROM evidence_releases WHERE ${inDue}`, ...due),
    stmt(`DELETE FROM evidence WHERE ${inDue}`, ...due),
    stmt(`UPDATE case_events SET data_enc = NULL WHERE data_enc IS NOT NULL AND ${inDue}`, ...due),
    // The queue's rows of the purged cases (migration 0013), which the UPDATE's trigger would
    // otherwise delete one case at a time.
    stmt(`DELETE FROM case_rights WHERE case_rowid IN (SELECT rowid FROM cases WHERE ${STILL_DUE})`, ...due),
    stmt(`DELETE FROM case_commitments WHERE case_rowid IN (SELECT rowid FROM cases WHERE ${STILL_DUE})`, ...due),
    // Their share and grant rows too (migration 0014).
    stmt(`DELETE FROM case_access WHERE case_rowid IN (SELECT rowid FROM cases WHERE ${STILL_DUE})`, ...due),
    stmt(
      // idempotency_key is a keyed hash of a MessageSid/CallSid, which Twilio links to a number.
      `UPDATE cases SET identity_sealed = NULL, original_enc = NULL, fields_enc = NULL, receipt_hash = 'purged:' || id,
         idempotency_key = NULL, purged_at = ? WHERE ${STILL_DUE}`,
      now,
      ...due,
    ),
  ]
}

/** The cases a batch of purgeCases' statements purged: the last statement's changes (the UPDATE of cases). */
export const purgedCount = (results: readonly RunResult[]) => results.at(-1)?.changes ?? 0

/** Rows of a short-lived table that have expired. */
export interface ExpiredRows {
  table: string
  where: string
  params: SqlValue[]
  /** Rows that are conversations (counted as such in the purge's result). */
  conversation?: true
}

/** The cutoffs of the short-lived tables (epoch ms). */
export interface ExpiryCutoffs {
  now: number
  /** Conversations (SMS sessions, voice calls) untouched since before this are expired. */
  conversation: number
  /** Idempotency replies created before this. */
  reply: number
  /** Finished jobs done before this. */
  doneJob: number
}

/** Expired rows of short-lived tables, each deleted in batches through an index where it matters. */
export function expiredRows(c: ExpiryCutoffs): ExpiredRows[] {
  return [
    { table: 'sms_sessions', where: 'expires_at <= ? OR updated_at < ?', params: [c.now, c.conversation], conversation: true },
    { table: 'voice_calls', where: 'expires_at <= ? OR updated_at < ?', params: [c.now, c.conversation], conversation: true },
    { table: 'webhook_replies', where: 'created_at < ?', params: [c.reply] },
    { table: 'rate_limits', where: 'expires_at <= ?', params: [c.now] },
    { table: 'jobs', where: 'done_at IS NOT NULL AND done_at < ?', params: [c.doneJob] },
    // Evidence keys the custodian released for a request nobody used: gone with the approval.
    { table: 'evidence_releases', where: 'expires_at <= ?', params: [c.now] },
    // Redaction misses (escalation masks, encrypted) serve the eval for 180 days (docs/escalation.md).
    { table: 'redaction_misses', where: 'created_at < ?', params: [c.now - 180 * 86_400_000] },
  ]
}

/** Delete up to `limit` of these expired rows. */
export function deleteExpired(sql: Sql, rows: ExpiredRows, limit: number): Promise<RunResult> {
  const { table, where, params } = rows
  return sql.run(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE ${where} LIMIT ?)`, ...params, limit)
}
