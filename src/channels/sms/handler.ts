/**
 * @module channels/sms/handler
 * One inbound text message, already verified, to one TwiML reply. In order:
 * 1. a repeated delivery (same MessageSid) gets the reply it got before, and nothing changes;
 * 2. a sender who opted out gets silence, except START/UNSTOP/YES (back in) and HELP;
 * 3. STOP (and the carrier list, in three languages), HELP, the status word with a receipt, and
 *    a receipt followed by an answer work at any step;
 * 4. everything else is the conversation (channels/sms/conversation).
 * Each reply is stored (encrypted, under a keyed hash of the MessageSid) in the same batch as the
 * state change it answers, with a job erasing the inbound message at Twilio. The sender's number
 * is only ever hashed, or sealed to the custodian when the worker agrees to be contacted; the
 * From* geo fields are never kept.
 */
import { getCatalog } from '../../catalog/index.js'
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import { fileReport } from '../../intake/file-report.js'
import { rememberReply, replayFor } from '../../intake/replay.js'
import { validateSubmission } from '../../intake/schema.js'
import { intakeVocabulary } from '../../intake/vocabulary.js'
import { eraseAtTwilio } from '../../jobs/queue.js'
import type { Statement } from '../../store/port.js'
import { replyStatusUrl } from '../twilio/status.js'
import type { TwilioParams } from '../twilio/signature.js'
import { converse } from './conversation.js'
import { statusReply, answerReply, withdrawReply, type FollowUpContext } from './follow-up.js'
import { command, isOptIn, MENU_LANGS, optInLanguage } from './keywords.js'
import { fitReply, say, twiml } from './messages.js'
import type { FittedReply } from './segments.js'
import {
  dropSession,
  endSession,
  loadSession,
  optIn,
  optOut,
  optOutOf,
  saveSession,
  senderKey,
  type Session,
} from './session.js'

/** Longest Body looked at (Twilio delivers at most 1,600 characters; anything longer is cut). */
export const BODY_MAX = 30_000
/** Attempts when another message from the same sender changes the conversation meanwhile. */
const ATTEMPTS = 10

interface Inbound {
  deps: Deps
  params: TwilioParams
  sid: string
  delivery: string
  sender: string
  body: string
}

/** Answer one verified webhook with TwiML; a repeated MessageSid gets the same TwiML. */
export async function handleSms(deps: Deps, params: TwilioParams): Promise<string> {
  const sid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid
  const from = params.From
  if (!sid || !from) return twiml(null)
  const delivery = `sms:${sid}`
  const msg: Inbound = {
    deps,
    params,
    sid,
    delivery,
    sender: senderKey(deps, from),
    body: (params.Body ?? '').slice(0, BODY_MAX),
  }
  for (let attempt = 1; ; attempt++) {
    const seen = await replayFor(deps, delivery)
    if (seen !== undefined) return seen
    try {
      return await respond(msg)
    } catch (err) {
      if (attempt < ATTEMPTS) {
        deps.log.warn('sms_retry', { attempt })
        continue
      }
      // Not remembered: the worker's next message (or a retry) is answered afresh.
      deps.log.error('sms_failed', { name: err instanceof Error ? err.name : 'unknown' })
      return twiml(fitReply(MENU_LANGS.map((l) => say(l, 'error')).join(' / ')))
    }
  }
}

/** Write the reply with the statements it answers, in one batch; log only its size. */
async function commit(
  msg: Inbound,
  what: string,
  reply: FittedReply | null,
  statements: Statement[],
) {
  const { deps } = msg
  const xml = twiml(reply, replyStatusUrl(deps))
  await deps.sql.batch([
    ...statements,
    rememberReply(deps, msg.delivery, xml),
    ...eraseAtTwilio(deps, [{ resource: 'Messages', sid: msg.sid }]),
  ])
  logReply(deps, what, reply)
  return xml
}

function logReply(deps: Deps, what: string, reply: FittedReply | null) {
  deps.log.info('sms_reply', {
    step: what,
    encoding: reply?.info.encoding ?? 'none',
    segments: reply?.info.segments ?? 0,
  })
}

/** STOP's (or START's) confirmation: in the known language, else in all three. */
function stopReply(lang: Lang | undefined, key: 'stop' | 'start' = 'stop'): FittedReply {
  if (lang) return fitReply(say(lang, key))
  return fitReply(MENU_LANGS.map((l) => say(l, key)).join(' / '))
}

/**
 * Statements remembering the worker's language after the conversation ended (a report filed, a
 * STATUS answered), so that STOP, START and HELP keep answering in it: a fresh conversation
 * state holding only the language, which expires like any conversation (24 h idle).
 */
function keepLanguage(msg: Inbound, session: Session, lang: Lang) {
  return saveSession(msg.deps, msg.sender, session.stored, { step: 'lang', lang, parts: [] })
}

async function respond(msg: Inbound): Promise<string> {
  const { deps, sender, body } = msg
  const optedOut = await optOutOf(deps, sender)
  const session = await loadSession(deps, sender)
  const known = session.state.lang
  const cmd = command(body)

  if (optedOut) {
    const lang = optedOut.language ?? undefined
    if (isOptIn(body)) {
      // HOLA says Spanish; START says nothing, so the language kept with the opt-out (or all three).
      const back = optInLanguage(body) ?? lang
      const keep = back ? keepLanguage(msg, session, back) : []
      return commit(msg, 'optin', stopReply(back, 'start'), [optIn(sender), ...keep])
    }
    // Carriers expect HELP to be answered even after STOP.
    if (cmd?.kind === 'help') {
      return commit(msg, 'help', fitReply(say(cmd.lang ?? lang ?? 'en', 'help')), [])
    }
    return commit(msg, 'silent', null, [])
  }
  if (cmd?.kind === 'optout') {
    const lang = known ?? cmd.lang
    return commit(msg, 'optout', stopReply(lang), [dropSession(sender), optOut(deps, sender, lang)])
  }
  if (cmd?.kind === 'help') {
    return commit(msg, 'help', fitReply(say(cmd.lang ?? known ?? 'en', 'help')), [])
  }
  const ctx: FollowUpContext = {
    deps,
    sender,
    lang: cmd?.kind === 'status' || cmd?.kind === 'withdraw' ? (cmd.lang ?? known) : known,
    delivery: msg.delivery,
  }
  if (cmd?.kind === 'status') {
    const reply = await statusReply(ctx, cmd.receipt)
    // The language the status was read in (the report's, when no word said it) is kept.
    const keep = !known && ctx.answeredIn ? keepLanguage(msg, session, ctx.answeredIn) : []
    return commit(msg, 'status', reply, keep)
  }
  if (cmd?.kind === 'withdraw') {
    return commit(msg, 'withdraw', await withdrawReply(ctx, cmd.receipt), [])
  }
  if (cmd?.kind === 'answer') {
    return commit(msg, 'answer', await answerReply(ctx, cmd.receipt, cmd.text), [])
  }

  const catalog = getCatalog()
  const outcome = converse(
    session.state,
    {
      body,
      media: Number(msg.params.NumMedia ?? 0) > 0,
      now: deps.clock.now(),
      fromCountry: msg.params.FromCountry,
      toCountry: msg.params.ToCountry,
    },
    catalog,
  )
  if (outcome.kind === 'reply') {
    const statements = saveSession(deps, sender, session.stored, outcome.state)
    return commit(msg, outcome.state.step, fitReply(outcome.reply), statements)
  }
  return file(msg, session, outcome.consent)
}

/** File the finished conversation; the receipt goes back in the same batch that stores the case. */
async function file(msg: Inbound, session: Session, consent: boolean): Promise<string> {
  const { deps, params } = msg
  const s = session.state
  const lang = s.lang ?? 'en'
  const phoneOk = /^\+?[0-9][0-9 ().-]{5,24}$/.test(params.From!.trim())
  const sub: Record<string, unknown> = {
    language: lang,
    country: s.country,
    employer: s.employer,
    location: s.town,
    description: s.parts.join('\n\n'),
    consentToContact: consent,
  }
  if (s.right && s.right !== 'other') sub.rights = [s.right]
  if (consent && phoneOk) sub.contact = { phone: params.From!.trim() }
  const valid = validateSubmission(sub, intakeVocabulary(getCatalog()))
  if (!valid.ok) {
    deps.log.warn('sms_invalid', { fields: Object.keys(valid.fields).join(',') })
    return commit(msg, 'invalid', fitReply(say(lang, 'error')), [])
  }
  let xml = ''
  let reply: FittedReply | null = null
  const filed = await fileReport(deps, valid.value, {
    channel: 'sms',
    idempotencyKey: msg.delivery,
    identityMeta: consent && !phoneOk ? { from: params.From! } : undefined,
    extra: (_caseId, receipt) => {
      reply = fitReply(say(lang, 'done', { receipt }))
      xml = twiml(reply, replyStatusUrl(deps))
      return [
        ...keepLanguage(msg, session, lang),
        rememberReply(deps, msg.delivery, xml),
        ...eraseAtTwilio(deps, [{ resource: 'Messages', sid: msg.sid }]),
      ]
    },
  })
  if (filed.duplicate) {
    return commit(
      msg,
      'duplicate',
      fitReply(say(lang, 'duplicate')),
      keepLanguage(msg, session, lang),
    )
  }
  logReply(deps, 'filed', reply)
  return xml
}
