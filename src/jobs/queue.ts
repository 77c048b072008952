/**
 * @module jobs/queue
 * Background work, stored with the data it needs encrypted, so that enqueuing can join the
 * batch that files a case (nothing is promised that is not recorded).
 */
import { dayOf, minuteCeil, minuteOf } from '../clock.js'
import type { Deps } from '../deps.js'
import * as jobs from '../store/jobs.js'
import type { Statement } from '../store/port.js'

export type JobKind = 'twilio.delete' | 'recording.fetch' | 'whatsapp.voice_note'

export interface JobPayloads {
  'twilio.delete': { resource: 'Messages' | 'Calls' | 'Recordings'; sid: string }
  'recording.fetch': { recordingSid: string; caseId: string; purpose: string; callSid?: string }
  'whatsapp.voice_note': { messageSid: string; mediaSid: string; caseId: string }
}

/**
 * A statement that enqueues a job, to run at `delayMs` from now. With an `id`, a job already
 * enqueued under it is left alone (callbacks that repeat enqueue once).
 */
export function enqueue<K extends JobKind>(
  deps: Deps,
  kind: K,
  payload: JobPayloads[K],
  delayMs = 0,
  id = deps.crypto.randomToken(16),
): Statement {
  // A job is enqueued in the reporter's own request: its times must not pin that request.
  const now = deps.clock.now()
  return jobs.insert({
    id,
    kind,
    payloadEnc: deps.crypto.encrypt(JSON.stringify(payload), `job:${id}`),
    runAt: delayMs === 0 ? minuteOf(now) : minuteCeil(now + delayMs), // due now, or never before the delay
    createdAt: dayOf(now),
  })
}

/** Erasure at Twilio is off unless TWILIO_ACCOUNT_SID is set. */
export function twilioErasureEnabled(deps: Deps): boolean {
  return Boolean(deps.config.twilioAccountSid && deps.config.twilioAuthToken)
}

/** Statements that erase these records at Twilio, first try after a minute (error 20009 before). */
export function eraseAtTwilio(
  deps: Deps,
  records: { resource: 'Messages' | 'Calls' | 'Recordings'; sid: string }[],
): Statement[] {
  if (!twilioErasureEnabled(deps)) return []
  return records.map((r) => enqueue(deps, 'twilio.delete', r, 60_000))
}
