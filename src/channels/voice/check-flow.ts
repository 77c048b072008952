/**
 * @module channels/voice/check-flow
 * Checking a report by phone: the caller types the receipt on the keypad (16 digits, # to end),
 * hears the status and any open question from the monitor, and can record an answer. Wrong
 * receipts count against an hourly limit (the web's size) keyed by a keyed hash of the caller ID;
 * a withheld number counts per call and against one large counter shared by all withheld
 * callers. A recorded answer becomes a message from the reporter whose text says that an
 * encrypted voice answer exists; the audio follows the statement's path (fetched, sealed to the
 * custodian, erased at Twilio). When the worker gave an organisation consent, 9 withdraws it;
 * when a referral waits for their answer, 7 agrees and 8 refuses.
 */
import { actBeforeOf } from '../../escalation/urgent.js'
import {
  openByReceipt,
  openQuestions,
  reporterMessageStatements,
  reporterThread,
} from '../../cases/reporter.js'
import { consentsForWorker, withdrawByWorker } from '../../partners/ledger.js'
import { answerReferral } from '../../partners/referral.js'
import type { Statement } from '../../store/port.js'
import { callableNumber, spokenDuration } from './file-call.js'
import { attachRecording } from './recording.js'
import { armGuard, canErase, saveCall } from './state.js'
import { sayTo, type Twiml } from './twiml.js'
import { endWithoutCase, goodbye, type Reply, type Turn } from './turn.js'
import { consume, RECEIPT_FAILURES, refund, type Limit } from '../../privacy/rate-limit.js'

/** How many wrong receipts one call may type before it is ended. */
const TRIES = 3
/** Longest question read out (characters); the rest is on the web and SMS. */
const QUESTION_MAX = 600

export function checkPrompt(t: Turn, retry: number, tw: Twiml = t.twiml()): Twiml {
  return tw.gather(
    {
      action: t.url('/check', { r: retry }),
      noInput: t.url('/check', { r: retry, t: 1 }),
      // No numDigits: the prompt says "then press the hash key", so # ends the receipt. With
      // numDigits 16 Twilio would submit at the 16th digit and the # would land in the next
      // menu (Twilio's <Gather>: it ends at numDigits, at finishOnKey, or after `timeout`
      // seconds without a key; finishOnKey itself is not part of Digits).
      finishOnKey: '#',
      timeout: 10,
    },
    (g) => sayTo(g, t.lang, t.t('voice:check.prompt')),
  )
}

/** Wrong receipts from all withheld numbers together, an hour (a receipt has 10^16 values). */
export const WITHHELD_RECEIPTS: Limit = { bucket: 'receipt-withheld', max: 300, windowMs: 3_600_000 }

export async function onCheck(t: Turn): Promise<Reply> {
  // A withheld number is counted per call (TRIES caps a call) and, so that new calls do not bring
  // endless fresh tries, against one shared and much larger limit for all withheld callers.
  const withheld = !callableNumber(t.p.From)
  const source = withheld ? `voice-call:${t.callSid}` : `voice:${t.p.From}`
  if (!t.digits) {
    if (t.retry >= 1) return endWithoutCase(t, t.twiml(), t.t('voice:menu.notHeard'))
    const tw = t.twiml().say(t.lang, t.t('voice:menu.notHeard'))
    return { twiml: checkPrompt(t, t.retry + 1, tw).toString() }
  }
  if (withheld && !(await consume(t.deps, WITHHELD_RECEIPTS, 'voice:withheld'))) {
    return endWithoutCase(t, t.twiml(), t.t('voice:check.limited'))
  }
  const found = await openByReceipt(t.deps, t.digits, source, RECEIPT_FAILURES)
  if (withheld && found.ok) await refund(t.deps, WITHHELD_RECEIPTS, 'voice:withheld')
  if (!found.ok && found.reason === 'limited') {
    return endWithoutCase(t, t.twiml(), t.t('voice:check.limited'))
  }
  if (!found.ok) {
    const notFound = t.t('voice:check.notFound')
    if (t.retry + 1 >= TRIES) return endWithoutCase(t, t.twiml(), notFound)
    const tw = t.twiml().say(t.lang, notFound, t.t('voice:check.tryAgain'))
    return { twiml: checkPrompt(t, t.retry + 1, tw).toString() }
  }
  const kase = found.kase
  t.call.state.caseId = kase.id
  const open = openQuestions(await reporterThread(t.deps, kase.id)).slice(-3)
  const tw = t.twiml().say(t.lang, t.t(`followup:status.${kase.status}`))
  // LFT Art. 518: a dismissed worker in Mexico hears the day to act by.
  const actBefore = await actBeforeOf(t.deps, kase)
  if (actBefore !== null) {
    const date = new Intl.DateTimeFormat(t.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(actBefore))
    tw.say(t.lang, t.t('followup:urgent.voice', { date }))
  }
  if (open.length > 0) {
    tw.say(t.lang, t.t('voice:check.question'), ...open.map((m) => m.body.slice(0, QUESTION_MAX)))
  } else {
    tw.say(t.lang, t.t('voice:check.noQuestion'))
  }
  // A referral waiting for the worker's answer (7 yes, 8 no; the question was read above), and
  // a consent given to an organisation (9 withdraws it).
  const consents = await consentsForWorker(t.deps, kase.id)
  const choices = [
    t.t(open.length > 0 ? 'voice:check.answer' : 'voice:check.message'),
    ...(consents.some((c) => c.status === 'asked') ? [t.t('voice:check.referral')] : []),
    ...(consents.some((c) => c.status === 'given') ? [t.t('voice:check.withdraw')] : []),
  ]
  tw.gather({ action: t.url('/reply'), numDigits: 1 }, (g) => sayTo(g, t.lang, choices.join(' ')))
  goodbye(t, tw)
  return { twiml: tw.toString(), statements: [saveCall(t.deps, t.call, 'checked', t.lang)] }
}

export async function onReplyMenu(t: Turn): Promise<Reply> {
  const caseId = t.call.state.caseId
  if (t.digits === '9' && caseId) {
    const n = await withdrawByWorker(t.deps, caseId, 'voice')
    if (n > 0) return { twiml: goodbye(t, t.twiml(), t.t('voice:check.withdrawn')).toString() }
  }
  if ((t.digits === '7' || t.digits === '8') && caseId) {
    const answer = await answerReferral(t.deps, caseId, t.digits === '7', 'voice')
    if (answer) return { twiml: goodbye(t, t.twiml(), t.t('voice:check.answered')).toString() }
  }
  if (t.digits !== '1' || !caseId) return { twiml: goodbye(t).toString() }
  const tw = t.twiml().say(t.lang, t.t('voice:answer.prompt'))
  tw.record({
    action: t.url('/answered'),
    statusCallback: t.url('/recording', { n: undefined }),
    noAudio: t.url('/answered', { t: 1 }),
  })
  return { twiml: tw.toString(), statements: [saveCall(t.deps, t.call, 'answer', t.lang)] }
}

/** The answer is recorded: store it as the reporter's message, in one batch with its job. */
export function onAnswered(t: Turn): Reply {
  const sid = t.p.RecordingSid
  const duration = Math.round(Number(t.p.RecordingDuration ?? 0))
  const guard = sid ? armGuard(t.deps, t.call, 'Recordings', sid) : []
  const caseId = t.call.state.caseId
  if (!sid || !(duration >= 1) || !caseId) {
    const end = endWithoutCase(t, t.twiml(), t.t('voice:answer.none'))
    return { ...end, statements: [...guard, ...(end.statements ?? [])] }
  }
  const key = canErase(t.deps, sid) ? 'voice:case.answer' : 'voice:case.answerNotRetrieved'
  const statements: Statement[] = [
    ...guard,
    ...reporterMessageStatements(t.deps, {
      id: t.deps.crypto.randomToken(16),
      caseId,
      channel: 'voice',
      bodyRedacted: t.t(key, { duration: spokenDuration(t.t, duration) }),
      bodyEnc: null,
      idempotencyKey: t.deps.crypto.blindIndex('token', `message:voice:${sid}`),
    }),
    ...attachRecording(t.deps, t.call, {
      caseId,
      callSid: t.callSid,
      recordingSid: sid,
      duration,
      purpose: 'answer',
    }),
  ]
  statements.push(saveCall(t.deps, t.call, 'answered', t.lang))
  return { twiml: goodbye(t, t.twiml(), t.t('voice:answer.saved')).toString(), statements }
}
