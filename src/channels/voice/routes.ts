/**
 * @module channels/voice/routes
 * POST /twilio/voice and its sub-paths: the IVR. Every request is checked against
 * X-Twilio-Signature (403 otherwise) and every step is idempotent on CallSid + step (see
 * `turn.ts`). Two callbacks carry no TwiML: `/recording` (Twilio's recording status) and
 * `/status` (the call's status, when the number is configured to send it). Importing this module
 * registers the `recording.fetch` job handler. The whole design is in docs/voice.md.
 */
import { Hono, type Context } from 'hono'
import { rememberReply, replayFor } from '../../intake/replay.js'
import type { Statement } from '../../store/port.js'
import { deleteRecording, recordingHead } from '../../store/voice.js'
import { verifyTwilio, type TwilioEnv } from '../twilio/signature.js'
import { onAnswered, onCheck, onReplyMenu } from './check-flow.js'
import { recordingEvent, recordingRowId } from './recording.js'
import {
  onCallback,
  onIncoming,
  onLanguage,
  onMainMenu,
  onProblem,
  onReceipt,
  onRecorded,
  onWorkers,
} from './report-flow.js'
import { dropCall, guardIds, hurryJobs, loadCall, saveCall } from './state.js'
import { EMPTY } from './twiml.js'
import { turn, xml } from './turn.js'

export const voiceRoutes = new Hono<TwilioEnv>()

voiceRoutes.use('*', verifyTwilio)

voiceRoutes.post('/', turn(onIncoming))
voiceRoutes.post('/lang', turn(onLanguage))
voiceRoutes.post('/menu', turn(onMainMenu))
voiceRoutes.post('/problem', turn(onProblem))
voiceRoutes.post('/recorded', turn(onRecorded))
voiceRoutes.post('/workers', turn(onWorkers))
voiceRoutes.post('/callback', turn(onCallback))
voiceRoutes.post('/receipt', turn(onReceipt))
voiceRoutes.post('/check', turn(onCheck))
voiceRoutes.post('/reply', turn(onReplyMenu))
voiceRoutes.post('/answered', turn(onAnswered))

/** Run a callback once per delivery key; the reply is always an empty `<Response/>`. */
async function once(
  c: Context<TwilioEnv>,
  key: string,
  work: () => Promise<Statement[]>,
): Promise<Response> {
  const deps = c.get('deps')
  if ((await replayFor(deps, key)) === undefined) {
    await deps.sql.batch([...(await work()), rememberReply(deps, key, EMPTY)])
  }
  return xml(c, EMPTY)
}

/**
 * Twilio's recording status. `completed` after filing: run the fetch job now. `absent` or
 * `failed`: the case's recording row goes and the timeline says the statement is missing (the
 * job, finding no row, only erases at Twilio). Before filing there is nothing to do: filing
 * enqueues the job itself, and a call that ends unfiled is erased by its guards.
 */
voiceRoutes.post('/recording', (c) => {
  const p = c.get('twilio')
  const sid = p.RecordingSid ?? ''
  const status = p.RecordingStatus ?? ''
  return once(c, `voice:${p.CallSid}:recording:${sid}:${status}`, async () => {
    const deps = c.get('deps')
    if (!sid) return []
    const id = recordingRowId(deps, sid)
    const row = await recordingHead(deps.sql, id)
    if (!row) return []
    if (status === 'completed') {
      const fetchJob = p.CallSid ? (await loadCall(deps, p.CallSid)).state.fetchJob : undefined
      return fetchJob ? hurryJobs(deps, [fetchJob]) : []
    }
    if (status !== 'absent' && status !== 'failed') return []
    return [
      deleteRecording(id),
      recordingEvent(deps, row.case_id, row.purpose, 'missing'),
    ]
  })
})

const ENDED = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled'])

/**
 * The call's status (optional: set it as the number's "call status changes" URL). When the call
 * ends, its remaining guards become due now; a call that filed nothing loses its row, and one
 * that did forgets the receipt it kept for "press 9".
 */
voiceRoutes.post('/status', (c) => {
  const p = c.get('twilio')
  const status = p.CallStatus ?? ''
  return once(c, `voice:${p.CallSid}:status:${status}`, async () => {
    const deps = c.get('deps')
    if (!p.CallSid || !ENDED.has(status)) return []
    const call = await loadCall(deps, p.CallSid)
    if (!call.exists) return []
    const due = hurryJobs(deps, guardIds(call))
    if (!call.caseId && !call.state.caseId) return [...due, dropCall(call)]
    delete call.state.receipt
    return [...due, saveCall(deps, call, 'ended', null)]
  })
})
