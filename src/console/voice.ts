/**
 * @module console/voice
 * What staff may know about a case's voice recordings: that they exist, what each is (the
 * statement, or a recorded answer), how long it is and where it stands (pending / stored / not
 * retrieved / missing). Never their bytes: the audio is sealed to the custodian, and this module
 * selects no audio column. A monitor who needs to hear one files an access request (`voice`);
 * the custodian opens it offline (`hotline voice open`). See docs/voice.md.
 */
import type { RecordingState } from '../channels/voice/recording.js'
import type { CaseView, TimelineEvent } from '../cases/queue.js'
import { recordingSummaries } from '../store/voice.js'
import type { Deps } from '../deps.js'

/** One voice recording of a case, as staff see it. */
export interface VoiceRecordingInfo {
  /** `statement` (the report) or `answer` (a recorded reply to a question). */
  purpose: string
  /** Seconds, as Twilio reported them; null when unknown (a recording Twilio lost). */
  durationS: number | null
  state: RecordingState
  /** When it was attached to the case (or, for a missing one, found missing). */
  at: number
}

/** A case view with its voice recordings (the case page and GET /api/v1/cases/:id). */
export type ConsoleCaseView = CaseView & { voice: VoiceRecordingInfo[] }

const STATES: readonly string[] = ['pending', 'stored', 'not_retrieved', 'missing']

/**
 * The voice recordings of a case the actor was already allowed to see (`viewCase` checked the
 * scope and produced `timeline`). A recording row (head rows only, not its `.part` rows) is
 * `stored` once its sealed audio is there, otherwise the state of the event written with it
 * (`pending`, or `not_retrieved` without Twilio REST credentials). A recording Twilio reported
 * absent has no row any more: its `missing` event stands for it.
 */
export async function voiceRecordings(
  deps: Deps,
  caseId: string,
  timeline: readonly TimelineEvent[],
): Promise<VoiceRecordingInfo[]> {
  const rows = await recordingSummaries(deps.sql, caseId)
  const events = timeline
    .filter((e) => e.kind === 'voice_recording' && STATES.includes(String(e.data.state)))
    .map((e) => ({
      at: e.at,
      purpose: String(e.data.purpose ?? 'statement'),
      state: e.data.state as RecordingState,
      used: false,
    }))
  const out: VoiceRecordingInfo[] = rows.map((r) => {
    // The event written in the same batch as the row: same purpose, at (or just after) it.
    const first = events.find(
      (e) =>
        !e.used &&
        e.purpose === r.purpose &&
        (e.state === 'pending' || e.state === 'not_retrieved') &&
        e.at >= r.created_at,
    )
    if (first) first.used = true
    const state: RecordingState = r.stored ? 'stored' : (first?.state ?? 'pending')
    return { purpose: r.purpose, durationS: r.duration_s, state, at: r.created_at }
  })
  for (const e of events) {
    if (e.state !== 'missing') continue
    out.push({ purpose: e.purpose, durationS: null, state: e.state, at: e.at })
  }
  return out.sort((a, b) => a.at - b.at)
}

/** `view` with its voice recordings. */
export async function withVoice(deps: Deps, view: CaseView): Promise<ConsoleCaseView> {
  return { ...view, voice: await voiceRecordings(deps, view.id, view.timeline) }
}
