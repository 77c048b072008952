/**
 * @module channels/voice/state
 * A call in progress: one `voice_calls` row under a keyed hash of the CallSid, its state
 * encrypted (it names the chosen problem, the RecordingSid, later the receipt). Never the
 * caller's number: the number arrives with every webhook and is used, if at all, only at the
 * moment the case is filed.
 *
 * Also the "guards": every trace a call leaves at Twilio (the call record, each recording) gets
 * an erasure job the moment it exists, due in half an hour. Filing disarms them and hands the
 * trace to the recording job, which erases it after the audio is stored; a call that ends
 * without a case keeps them armed, so its traces are erased even if no callback ever arrives.
 */
import { minuteOf } from '../../clock.js'
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import { enqueue, twilioErasureEnabled } from '../../jobs/queue.js'
import * as jobs from '../../store/jobs.js'
import type { Statement } from '../../store/port.js'
import * as voice from '../../store/voice.js'
import { isSid } from '../../twilio/sids.js'

export interface CallState {
  /** The right chosen on the keypad ('other' when none was). */
  right?: string
  /** The statement (reporting) or the answer (follow-up) recorded on this call. */
  recordingSid?: string
  duration?: number
  workers?: number
  /** Armed erasure jobs (see module doc): Twilio sid → job id. */
  guards?: Record<string, string>
  /** Kept until the call ends so that "press 9" can read it again. */
  receipt?: string
  /** Follow-up calls: the case the receipt opened. */
  caseId?: string
  /** The recording job, so that the recording callback can run it at once. */
  fetchJob?: string
}

export interface Call {
  hash: string
  exists: boolean
  step: string
  caseId: string | null
  state: CallState
}

/** A call row lives two hours past its last step (retention also drops it after a day). */
export const CALL_TTL_MS = 2 * 3_600_000
/** Erasure of an abandoned call's traces starts half an hour after they appear. */
export const GUARD_DELAY_MS = 30 * 60_000

const aad = (hash: string) => `voice:${hash}`

/** The keyed hash that names a call in the database. */
export function callHash(deps: Deps, callSid: string): string {
  return deps.crypto.blindIndex('call', callSid)
}

export async function loadCall(deps: Deps, callSid: string): Promise<Call> {
  const hash = callHash(deps, callSid)
  const row = await voice.liveCall(deps.sql, hash, deps.clock.now())
  if (!row) return { hash, exists: false, step: 'new', caseId: null, state: {} }
  const state = row.state_enc?.length
    ? (JSON.parse(deps.crypto.decryptText(row.state_enc, aad(hash))) as CallState)
    : {}
  return { hash, exists: true, step: row.step, caseId: row.case_id, state }
}

/** Write the call's step and state (insert or update). */
export function saveCall(
  deps: Deps,
  call: Call,
  step: string,
  lang: Lang | null,
  caseId: string | null = null,
): Statement {
  const now = minuteOf(deps.clock.now())
  return voice.saveCall({
    callHash: call.hash,
    language: lang,
    step,
    stateEnc: deps.crypto.encrypt(JSON.stringify(call.state), aad(call.hash)),
    caseId,
    at: now,
    expiresAt: now + CALL_TTL_MS,
  })
}

export function dropCall(call: Call): Statement {
  return voice.dropCall(call.hash)
}

/** True when this record can be erased at Twilio (REST configured, a real sid). */
export function canErase(deps: Deps, sid: string | undefined): sid is string {
  return Boolean(isSid(sid) && twilioErasureEnabled(deps))
}

/** The id of the job a statement from `enqueue()` inserts (its first parameter). */
export function jobIdOf(statement: Statement): string {
  return String(statement.params[0])
}

/** Arm a guard on a Twilio record (once per sid); records its job id in the call's state. */
export function armGuard(
  deps: Deps,
  call: Call,
  resource: 'Calls' | 'Recordings',
  sid: string | undefined,
): Statement[] {
  if (!canErase(deps, sid) || call.state.guards?.[sid]) return []
  const st = enqueue(deps, 'twilio.delete', { resource, sid }, GUARD_DELAY_MS)
  call.state.guards = { ...call.state.guards, [sid]: jobIdOf(st) }
  return [st]
}

/** Disarm the guards of these records (the recording job takes them over). */
export function disarmGuards(call: Call, sids: readonly (string | undefined)[]): Statement[] {
  const guards = { ...call.state.guards }
  const ids: string[] = []
  for (const sid of sids) {
    if (sid && guards[sid]) ids.push(guards[sid])
    if (sid) delete guards[sid]
  }
  call.state.guards = guards
  if (ids.length === 0) return []
  return [jobs.cancel(ids)]
}

/** The ids of every armed guard. */
export function guardIds(call: Call): string[] {
  return Object.values(call.state.guards ?? {})
}

/**
 * Make these jobs due now (the call has ended, or the recording is ready). Only jobs never
 * leased (attempts = 0; the runner counts an attempt when it leases a job), so a job being run
 * right now is never released to a second run.
 */
export function hurryJobs(deps: Deps, ids: readonly string[]): Statement[] {
  if (ids.length === 0) return []
  return [jobs.hurry(ids, minuteOf(deps.clock.now()))]
}
