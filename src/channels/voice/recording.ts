/**
 * @module channels/voice/recording
 * Voice recordings: attached to a case when the caller is told about it, then fetched by a
 * retried job that downloads the audio from Twilio, seals it to the custodian's public key
 * (crypto_box_seal: the server can never listen to it), stores it, and only then erases the
 * recording and the call record at Twilio. See docs/voice.md for why sealing, and how a monitor
 * gets to hear a statement (a custodian-approved access request, opened offline).
 *
 * A sealed recording is stored in one or more `voice_recordings` rows: D1 refuses values over
 * 2 MB and five minutes of Twilio's WAV is about 4.8 MB. The first row (id = a keyed hash of the
 * RecordingSid, so that a retried job finds it) carries the purpose and duration and exists from
 * filing on, empty until the audio arrives; the others are `<id>.001`, `<id>.002`… with purpose
 * `<purpose>.part`. The custodian concatenates them in id order and opens the result once.
 */
import { dayOf } from '../../clock.js'
import type { Deps } from '../../deps.js'
import { enqueue, type JobPayloads } from '../../jobs/queue.js'
import { openSealed } from '../../privacy/crypto.js'
import type { Sodium } from '../../privacy/sodium.js'
import * as events from '../../store/events.js'
import type { Sql, Statement } from '../../store/port.js'
import * as voice from '../../store/voice.js'
import { deleteRecord, downloadRecording } from '../../twilio/rest.js'
import { canErase, disarmGuards, jobIdOf, type Call } from './state.js'

/** Bytes of sealed audio per row (under D1's 2,000,000-byte value limit). */
export const PART_BYTES = 1_000_000

export type RecordingPurpose = 'statement' | 'answer'

/** The row id of a recording: a keyed hash of its RecordingSid (no sid in the clear). */
export function recordingRowId(deps: Deps, recordingSid: string): string {
  return deps.crypto.blindIndex('token', `voice-recording:${recordingSid}`)
}

/** The state the case timeline shows for a recording (case_events kind 'voice_recording'). */
export type RecordingState = 'pending' | 'stored' | 'not_retrieved' | 'missing'

export function recordingEvent(
  deps: Deps,
  caseId: string,
  purpose: string,
  state: RecordingState,
  extra: object = {},
): Statement {
  return events.append({
    id: deps.crypto.randomToken(16),
    caseId,
    at: dayOf(deps.clock.now()),
    kind: 'voice_recording',
    data: { purpose, state, ...extra },
  })
}

/**
 * Statements that attach a recording to a case, for the batch that files the case (or stores the
 * answer): the empty recording row, and either the fetch job (which takes over the erasure of
 * the recording and the call record, so their guards are disarmed) or, without Twilio REST
 * credentials, an honest "not retrieved" on the timeline.
 */
export function attachRecording(
  deps: Deps,
  call: Call,
  a: {
    caseId: string
    callSid: string
    recordingSid: string
    duration: number
    purpose: RecordingPurpose
  },
): Statement[] {
  const out: Statement[] = [
    voice.insertRecording({
      id: recordingRowId(deps, a.recordingSid),
      caseId: a.caseId,
      purpose: a.purpose,
      durationS: a.duration,
      at: dayOf(deps.clock.now()),
    }),
  ]
  if (!canErase(deps, a.recordingSid)) {
    out.push(
      recordingEvent(deps, a.caseId, a.purpose, 'not_retrieved', { reason: 'twilio_rest_not_configured' }),
    )
    return out
  }
  out.push(...disarmGuards(call, [a.recordingSid, a.callSid]))
  const payload: JobPayloads['recording.fetch'] = {
    recordingSid: a.recordingSid,
    caseId: a.caseId,
    purpose: a.purpose,
    ...(canErase(deps, a.callSid) ? { callSid: a.callSid } : {}),
  }
  const job = enqueue(deps, 'recording.fetch', payload)
  call.state.fetchJob = jobIdOf(job)
  out.push(job, recordingEvent(deps, a.caseId, a.purpose, 'pending'))
  return out
}

/** Seal audio to the custodian (one crypto_box_seal) and cut the ciphertext into parts. */
export function sealAudio(deps: Deps, audio: Uint8Array): Uint8Array[] {
  const sealed = deps.crypto.sealToCustodian(audio)
  const parts: Uint8Array[] = []
  for (let i = 0; i < sealed.length; i += PART_BYTES) parts.push(sealed.slice(i, i + PART_BYTES))
  return parts
}

/** Open sealed audio offline with the custodian's key pair (parts in id order). */
export function openAudio(
  sodium: Sodium,
  parts: readonly Uint8Array[],
  publicKey: Uint8Array,
  privateKey: Uint8Array,
): Uint8Array {
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    whole.set(p, at)
    at += p.length
  }
  return openSealed(sodium, whole, publicKey, privateKey)
}

export interface SealedRecording {
  purpose: string
  durationS: number | null
  createdAt: number
  /** Empty while the audio has not been fetched (or could not be). */
  parts: Uint8Array[]
}

/** A case's sealed recordings, for the custodian's offline tool. */
export async function sealedRecordings(sql: Sql, caseId: string): Promise<SealedRecording[]> {
  const rows = await voice.recordingRows(sql, caseId)
  const out = new Map<string, SealedRecording>()
  // Ids sort the head row before its parts ("<id>" < "<id>.001").
  for (const r of rows) {
    if (r.purpose.endsWith('.part')) {
      if (r.audio_sealed) out.get(r.id.replace(/\.\d+$/, ''))?.parts.push(r.audio_sealed)
      continue
    }
    const parts = r.audio_sealed ? [r.audio_sealed] : []
    out.set(r.id, { purpose: r.purpose, durationS: r.duration_s, createdAt: r.created_at, parts })
  }
  return [...out.values()].sort((a, b) => a.createdAt - b.createdAt)
}

/**
 * The custodian's offline step (for `hotline voice open`): every recording of a case, opened
 * with the custodian's key pair. `audio` is null while a recording has not been fetched.
 */
export async function openCaseRecordings(
  sql: Sql,
  sodium: Sodium,
  caseId: string,
  keys: { publicKey: Uint8Array; privateKey: Uint8Array },
): Promise<
  { purpose: string; durationS: number | null; createdAt: number; audio: Uint8Array | null }[]
> {
  const recs = await sealedRecordings(sql, caseId)
  return recs.map(({ parts, ...r }) => ({
    ...r,
    audio: parts.length > 0 ? openAudio(sodium, parts, keys.publicKey, keys.privateKey) : null,
  }))
}

/**
 * The `recording.fetch` job: download → seal → store → erase the recording, then the call
 * record, at Twilio. Each stage is skipped when already done, so a retry after any failure
 * resumes where it stopped. A recording whose row is gone (case purged, recording absent) is
 * only erased.
 */
export async function fetchRecording(deps: Deps, p: JobPayloads['recording.fetch']): Promise<void> {
  const id = recordingRowId(deps, p.recordingSid)
  const row = await voice.recordingHead(deps.sql, id)
  if (row && !row.stored) {
    const audio = await downloadRecording(deps, p.recordingSid)
    if (audio.length === 0) throw new Error('empty recording')
    const parts = sealAudio(deps, audio)
    const now = dayOf(deps.clock.now())
    await deps.sql.batch([
      ...voice.storeAudio(id, p.purpose, parts, now),
      recordingEvent(deps, p.caseId, p.purpose, 'stored'),
    ])
    deps.log.info('voice_recording_stored', { purpose: p.purpose, parts: parts.length })
  }
  await deleteRecord(deps, 'Recordings', p.recordingSid)
  if (p.callSid) await deleteRecord(deps, 'Calls', p.callSid)
}
