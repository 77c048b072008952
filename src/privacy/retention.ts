/**
 * @module privacy/retention
 * The purge. A case whose status has not changed for its status's TTL (config.retentionDays,
 * documented in docs/retention.md) loses everything that could identify or quote the reporter:
 * the sealed identity, the encrypted original, the follow-up thread, voice statements, encrypted
 * notes; its receipt stops working. The redacted case stays for statistics and escalations.
 * Expired conversations, idempotency replies, counters and finished jobs are deleted.
 */
import { STATUSES } from '../cases/statuses.js'
import { DAY_MS } from '../clock.js'
import type { RetentionDays } from '../config.js'
import type { Deps } from '../deps.js'
import { stmt, type Statement } from '../store/port.js'


/** Idempotency replies live a day: Twilio's retries come within minutes. */
export const REPLY_TTL_MS = DAY_MS
/** Finished jobs are kept a week for diagnosis (they hold no identifier once done). */
export const DONE_JOB_TTL_MS = 7 * DAY_MS

export interface PurgeResult {
  cases: number
  conversations: number
  total: number
}

/** Statements purging the cases of one status last changed before `cutoff`. */
function purgeCases(status: string, cutoff: number, now: number): Statement[] {
  const match = `status = ? AND updated_at < ? AND purged_at IS NULL`
  const inMatch = `case_id IN (SELECT id FROM cases WHERE ${match})`
  return [
    stmt(`DELETE FROM case_messages WHERE ${inMatch}`, status, cutoff),
    stmt(`DELETE FROM voice_recordings WHERE ${inMatch}`, status, cutoff),
    stmt(`UPDATE case_events SET data_enc = NULL WHERE ${inMatch}`, status, cutoff),
    stmt(
      // idempotency_key is a keyed hash of a MessageSid/CallSid, which Twilio links to a number.
      `UPDATE cases SET identity_sealed = NULL, original_enc = NULL, fields_enc = NULL, receipt_hash = 'purged:' || id,
         idempotency_key = NULL, purged_at = ? WHERE ${match}`,
      now,
      status,
      cutoff,
    ),
  ]
}

/** Run the purge now. Returns how many cases and conversations were purged. */
export async function purgeExpired(deps: Deps, days: RetentionDays = deps.config.retentionDays): Promise<PurgeResult> {
  const now = deps.clock.now()
  const statements: Statement[] = []
  for (const status of STATUSES) statements.push(...purgeCases(status, now - days[status] * DAY_MS, now))
  const caseCounts = STATUSES.map((_, i) => i * 4 + 3)
  const conversationCutoff = now - days.conversation * DAY_MS
  const tail = statements.length
  statements.push(
    stmt('DELETE FROM sms_sessions WHERE expires_at <= ? OR updated_at < ?', now, conversationCutoff),
    stmt('DELETE FROM voice_calls WHERE expires_at <= ? OR updated_at < ?', now, conversationCutoff),
    stmt('DELETE FROM webhook_replies WHERE created_at < ?', now - REPLY_TTL_MS),
    stmt('DELETE FROM rate_limits WHERE expires_at <= ?', now),
    stmt('DELETE FROM jobs WHERE done_at IS NOT NULL AND done_at < ?', now - DONE_JOB_TTL_MS),
  )
  const results = await deps.sql.batch(statements)
  const cases = caseCounts.reduce((n, i) => n + (results[i]?.changes ?? 0), 0)
  const conversations = (results[tail]?.changes ?? 0) + (results[tail + 1]?.changes ?? 0)
  return { cases, conversations, total: cases + conversations }
}
