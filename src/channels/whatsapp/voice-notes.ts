/**
 * @module channels/whatsapp/voice-notes
 * A WhatsApp voice note is a part of the worker's story. While the story is being told, the
 * conversation state (encrypted) remembers only the note's MessageSid and MediaSid, and the story
 * gets a marker ("[voice note 1]"); the audio stays at Twilio. When the report is filed, each note
 * gets an empty `voice_recordings` row and a retried job (`whatsapp.voice_note`) that downloads
 * the audio through Twilio's REST API, reads its length, seals it to the custodian like a call
 * recording (channels/voice/recording: the server can never listen to it), stores it, and only
 * then deletes the media and the message at Twilio. A note whose conversation is never filed
 * (abandoned, STOP) is erased at Twilio with its message by a fallback job, at the first UTC
 * midnight at least 25 hours after it came.
 */
import { DAY_MS, dayOf } from '../../clock.js'
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import { enqueue, twilioErasureEnabled, type JobPayloads } from '../../jobs/queue.js'
import type { Statement } from '../../store/port.js'
import * as voice from '../../store/voice.js'
import { insertVoiceNote, setDuration } from '../../store/voice-notes.js'
import { deleteMedia, deleteRecord, downloadMedia, TwilioApiError } from '../../twilio/rest.js'
import { isSid } from '../../twilio/sids.js'
import { say } from '../sms/messages.js'
import type { MediaVerdict } from '../sms/profile.js'
import { SESSION_TTL_MS, type SmsState } from '../sms/session.js'
import type { TwilioParams } from '../twilio/signature.js'
import { recordingEvent, sealAudio } from '../voice/recording.js'
import { oggOpusSeconds } from './ogg.js'

export const PURPOSE = 'voice_note'
/** Voice notes one report may carry (each is a download and a sealed file). */
export const MAX_NOTES = 20
/** A note not filed by then is erased at Twilio with its message (the session lives 24 h). */
export const FALLBACK_ERASE_MS = SESSION_TTL_MS + 3_600_000

/**
 * The delay of the fallback erasure: to the first UTC midnight at least FALLBACK_ERASE_MS away.
 * The job row outlives a day, so its time must not be finer than the day (docs/security.md):
 * a minute-precise time 25 h on would tell the minute the note came.
 */
export function fallbackDelay(now: number): number {
  return dayOf(now + FALLBACK_ERASE_MS) + DAY_MS - now
}

export interface VoiceNoteRef {
  messageSid: string
  mediaSid: string
}

/** The conversation state with the voice notes of the story so far. */
export type WhatsAppState = SmsState & { voiceNotes?: VoiceNoteRef[] }

const notesOf = (state: SmsState) => (state as WhatsAppState).voiceNotes ?? []

/** The message and media sids in Twilio's MediaUrl (…/Messages/MM…/Media/ME…). */
export function mediaRef(url: string | undefined): VoiceNoteRef | undefined {
  const m = /\/Messages\/((?:SM|MM)[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})$/.exec(url ?? '')
  return m ? { messageSid: m[1]!, mediaSid: m[2]! } : undefined
}

/** The row id of a voice note: a keyed hash of its MediaSid (no sid in the clear). */
export const noteRowId = (deps: Deps, mediaSid: string) =>
  deps.crypto.blindIndex('token', `voice-note:${mediaSid}`)

/**
 * What a WhatsApp message's media means: a voice note while the worker tells the story is a part
 * of it; a voice note at another question, a picture, a video or a document gets a translated
 * "not here" and is erased at Twilio with its message like any other.
 */
export function whatsappMedia(
  deps: Deps,
  p: TwilioParams,
  state: SmsState,
  lang: Lang,
): MediaVerdict | undefined {
  const count = Number(p.NumMedia ?? 0)
  if (!(count > 0)) return undefined
  const audio = count === 1 && (p.MediaContentType0 ?? '').toLowerCase().startsWith('audio/')
  const ref = audio ? mediaRef(p.MediaUrl0) : undefined
  if (!audio || !ref) return { kind: 'reply', text: say(lang, 'whatsapp.mediaRefused') }
  if (state.step !== 'describe' && state.step !== 'consent')
    return { kind: 'reply', text: say(lang, 'whatsapp.voiceLater') }
  const notes = notesOf(state)
  if (notes.length >= MAX_NOTES) return { kind: 'reply', text: say(lang, 'whatsapp.tooManyNotes') }
  const marker = say(lang, 'whatsapp.voiceNote', { n: notes.length + 1 })
  const caption = (p.Body ?? '').trim()
  return {
    kind: 'part',
    body: caption ? `${marker} ${caption}` : marker,
    keep: (s) => ({ ...s, voiceNotes: [...notesOf(s), ref] }) as WhatsAppState,
    statements: twilioErasureEnabled(deps)
      ? [enqueue(deps, 'twilio.delete', { resource: 'Messages', sid: ref.messageSid }, fallbackDelay(deps.clock.now()))]
      : [],
  }
}

/** Statements filing the story's voice notes with the case: their rows and fetch jobs. */
export function fileVoiceNotes(deps: Deps, caseId: string, state: SmsState): Statement[] {
  const at = dayOf(deps.clock.now())
  const out: Statement[] = []
  for (const ref of notesOf(state)) {
    out.push(insertVoiceNote({ id: noteRowId(deps, ref.mediaSid), caseId, at }))
    if (!twilioErasureEnabled(deps)) {
      out.push(recordingEvent(deps, caseId, PURPOSE, 'not_retrieved', { reason: 'twilio_rest_not_configured' }))
      continue
    }
    const payload: JobPayloads['whatsapp.voice_note'] = { ...ref, caseId }
    out.push(enqueue(deps, 'whatsapp.voice_note', payload), recordingEvent(deps, caseId, PURPOSE, 'pending'))
  }
  return out
}

/**
 * The `whatsapp.voice_note` job: download → read the length → seal → store → delete the media
 * and the message at Twilio. Each stage is skipped when already done, so a retry resumes where it
 * stopped. Media Twilio no longer has is recorded as missing (the row goes, the event stays).
 */
export async function fetchVoiceNote(deps: Deps, p: JobPayloads['whatsapp.voice_note']): Promise<void> {
  if (!isSid(p.messageSid, 'SM', 'MM') || !isSid(p.mediaSid, 'ME')) throw new Error('malformed sid')
  const id = noteRowId(deps, p.mediaSid)
  const row = await voice.recordingHead(deps.sql, id)
  if (row && !row.stored) {
    let audio: Uint8Array
    try {
      audio = await downloadMedia(deps, p.messageSid, p.mediaSid)
    } catch (err) {
      if (!(err instanceof TwilioApiError && err.status === 404)) throw err
      await deps.sql.batch([voice.deleteRecording(id), recordingEvent(deps, p.caseId, PURPOSE, 'missing')])
      deps.log.warn('voice_note_missing', {})
      audio = new Uint8Array()
    }
    if (audio.length > 0) {
      const seconds = oggOpusSeconds(audio)
      const parts = sealAudio(deps, audio)
      await deps.sql.batch([
        ...voice.storeAudio(id, PURPOSE, parts, dayOf(deps.clock.now())),
        ...(seconds === undefined ? [] : [setDuration(id, seconds)]),
        recordingEvent(deps, p.caseId, PURPOSE, 'stored'),
      ])
      deps.log.info('voice_note_stored', { parts: parts.length })
    }
  }
  await deleteMedia(deps, p.messageSid, p.mediaSid)
  await deleteRecord(deps, 'Messages', p.messageSid)
}
