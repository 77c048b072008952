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
import { reword, SMS_PROFILE, type ChannelProfile } from './profile.js'
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
  profile: ChannelProfile
  /** A reply within the channel's limit. */
  fit: (text: string) => FittedReply
}

/**
 * Answer one verified webhook with TwiML; a repeated MessageSid gets the same TwiML. `profile`
 * is the channel (SMS unless told: channels/sms/profile).
 */
export async function handleSms(
  deps: Deps,
  params: TwilioParams,
  profile: ChannelProfile = SMS_PROFILE,
): Promise<string> {
  const sid = params.MessageSid ?? params.SmsMessageSid ?? params.SmsSid
  const from = params.From
  if (!sid || !from) return twiml(null)
  const delivery = `sms:${sid}`
  const msg: Inbound = {
    deps,
    params,
    sid,
    delivery,
    sender: senderKey(deps, profile.number(from)),
    body: (params.Body ?? '').slice(0, BODY_MAX),
    profile,
    fit: (text) => profile.fit(text),
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
  /** False when `statements` take over the inbound message's erasure (media kept for later). */
  eraseInbound = true,
) {
  const { deps } = msg
  const xml = twiml(reply, replyStatusUrl(deps))
  await deps.sql.batch([
    ...statements,
    rememberReply(deps, msg.delivery, xml),
    ...(eraseInbound ? eraseAtTwilio(deps, [{ resource: 'Messages', sid: msg.sid }]) : []),
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
function stopReply(msg: Inbound, lang: Lang | undefined, key: 'stop' | 'start' = 'stop'): FittedReply {
  if (lang) return msg.fit(say(lang, key))
  return msg.fit(MENU_LANGS.map((l) => say(l, key)).join(' / '))
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
      return commit(msg, 'optin', stopReply(msg, back, 'start'), [optIn(sender), ...keep])
    }
    // Carriers expect HELP to be answered even after STOP.
    if (cmd?.kind === 'help') {
      return commit(msg, 'help', msg.fit(say(cmd.lang ?? lang ?? 'en', 'help')), [])
    }
    return commit(msg, 'silent', null, [])
  }
  if (cmd?.kind === 'optout') {
    const lang = known ?? cmd.lang
    return commit(msg, 'optout', stopReply(msg, lang), [dropSession(sender), optOut(deps, sender, lang)])
  }
  if (cmd?.kind === 'help') {
    return commit(msg, 'help', msg.fit(say(cmd.lang ?? known ?? 'en', 'help')), [])
  }
  const ctx: FollowUpContext = {
    deps,
    sender,
    lang: cmd?.kind === 'status' || cmd?.kind === 'withdraw' ? (cmd.lang ?? known) : known,
    delivery: msg.delivery,
    fit: msg.profile.fit,
    channel: msg.profile.channel,
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

  const media = known ? msg.profile.media?.(deps, msg.params, session.state, known) : undefined
  if (media?.kind === 'reply') return commit(msg, 'media', msg.fit(media.text), [])
  const catalog = getCatalog()
  const outcome = converse(
    session.state,
    {
      body: media?.kind === 'part' ? media.body : body,
      media: !media && Number(msg.params.NumMedia ?? 0) > 0,
      now: deps.clock.now(),
      fromCountry: msg.params.FromCountry,
      toCountry: msg.params.ToCountry,
    },
    catalog,
  )
  if (outcome.kind === 'reply') {
    // Media read as a part of the story is kept only when the conversation kept that part.
    const kept = media?.kind === 'part' && outcome.state.parts.length > session.state.parts.length
    const state = kept ? media.keep(outcome.state) : outcome.state
    const statements = saveSession(deps, sender, session.stored, state)
    if (kept) statements.push(...media.statements)
    const text = reword(msg.profile, state.lang, outcome.reply)
    return commit(msg, state.step, msg.fit(text), statements, !kept)
  }
  return file(msg, session, outcome.consent)
}

/** File the finished conversation; the receipt goes back in the same batch that stores the case. */
async function file(msg: Inbound, session: Session, consent: boolean): Promise<string> {
  const { deps, params } = msg
  const s = session.state
  const lang = s.lang ?? 'en'
  const from = msg.profile.number(params.From!)
  const phoneOk = /^\+?[0-9][0-9 ().-]{5,24}$/.test(from)
  const sub: Record<string, unknown> = {
    language: lang,
    country: s.country,
    employer: s.employer,
    location: s.town,
    description: s.parts.join('\n\n'),
    consentToContact: consent,
  }
  if (s.right && s.right !== 'other') sub.rights = [s.right]
  if (consent && phoneOk) sub.contact = { phone: from }
  const valid = validateSubmission(sub, intakeVocabulary(getCatalog()))
  if (!valid.ok) {
    deps.log.warn('sms_invalid', { fields: Object.keys(valid.fields).join(',') })
    return commit(msg, 'invalid', msg.fit(say(lang, 'error')), [])
  }
  let xml = ''
  let reply: FittedReply | null = null
  const filed = await fileReport(deps, valid.value, {
    channel: msg.profile.channel,
    idempotencyKey: msg.delivery,
    identityMeta: consent ? identityMeta(msg, phoneOk) : undefined,
    extra: (caseId, receipt) => {
      reply = msg.fit(say(lang, 'done', { receipt }))
      xml = twiml(reply, replyStatusUrl(deps))
      return [
        ...keepLanguage(msg, session, lang),
        rememberReply(deps, msg.delivery, xml),
        ...eraseAtTwilio(deps, [{ resource: 'Messages', sid: msg.sid }]),
        ...(msg.profile.onFile?.(deps, caseId, s) ?? []),
      ]
    },
  })
  if (filed.duplicate) {
    return commit(
      msg,
      'duplicate',
      msg.fit(say(lang, 'duplicate')),
      keepLanguage(msg, session, lang),
    )
  }
  logReply(deps, 'filed', reply)
  return xml
}

/** What is sealed with the number when the worker agrees: the channel's own identifying fields. */
function identityMeta(msg: Inbound, phoneOk: boolean): Record<string, string> | undefined {
  const meta = { ...(phoneOk ? {} : { from: msg.params.From! }), ...msg.profile.identityMeta(msg.params) }
  return Object.keys(meta).length > 0 ? meta : undefined
}
