/**
 * @module channels/sms/follow-up
 * The receipt on SMS, at any point of a conversation: `ESTADO 1234 5678 9012 3456` (STATUS,
 * STATUT) answers the case's status and the monitor's latest open question; the receipt followed
 * by text answers it; `RETIRAR 1234 …` (WITHDRAW, RETIRER) withdraws the worker's consent. Wrong receipts count against the sender (by keyed hash) like on the web:
 * ten an hour. The reporter reads redacted text only.
 */
import { actBeforeOf } from '../../escalation/urgent.js'
import { tFor } from '../../i18n/index.js'
import {
  addReporterMessage,
  openByReceipt,
  openQuestions,
  REPLY_MAX,
  reporterThread,
  type ReporterCase,
} from '../../cases/reporter.js'
import type { Deps } from '../../deps.js'
import { consentsForWorker, withdrawByWorker } from '../../partners/ledger.js'
import { answerReferral, askedConsent } from '../../partners/referral.js'
import { RECEIPT_FAILURES } from '../../privacy/rate-limit.js'
import type { Lang } from '../../i18n/index.js'
import { detectLanguage, hasWords, yesNo } from './keywords.js'
import { fitReply, formatDate, say } from './messages.js'
import type { ReplyFitter } from './profile.js'
import type { FittedReply } from './segments.js'

export interface FollowUpContext {
  deps: Deps
  /** The sender's keyed hash: the rate limit's source. */
  sender: string
  /** The language of the command word (ESTADO, STATUT) or of the conversation, if known. */
  lang?: Lang
  /** The delivery id (`sms:<MessageSid>`): an answer sent twice is stored once. */
  delivery: string
  /** Fits a reply to the channel (channels/sms/profile); two SMS segments when not given. */
  fit?: ReplyFitter
  /** The channel an answer is recorded under; `sms` when not given. */
  channel?: 'sms' | 'whatsapp'
  /** Set by statusReply: the language the case's status was given in. */
  answeredIn?: Lang
}

/** A reply within the channel's limit. */
const fit = (ctx: FollowUpContext, build: string | ((v: string) => string), variable = '') =>
  ctx.fit ? ctx.fit(build, variable) : fitReply(build, variable)

type Found = { kase: ReporterCase } | { reply: FittedReply }

/** Look the receipt up, counting a wrong one; the reply when there is no case to show. */
async function find(ctx: FollowUpContext, receipt: string | undefined, lang: Lang): Promise<Found> {
  const { deps } = ctx
  if (!receipt) return { reply: fit(ctx, say(lang, 'status.usage')) }
  const found = await openByReceipt(deps, receipt, `sms:${ctx.sender}`, RECEIPT_FAILURES)
  if (found.ok) return { kase: found.kase }
  return { reply: fit(ctx, say(lang, found.reason === 'limited' ? 'status.limited' : 'status.notFound')) }
}

/** The status of the case and the monitor's latest unanswered question, within two segments. */
export async function statusReply(
  ctx: FollowUpContext,
  receipt: string | undefined,
): Promise<FittedReply> {
  const found = await find(ctx, receipt, ctx.lang ?? 'en')
  if ('reply' in found) return found.reply
  const { kase } = found
  const lang = ctx.lang ?? kase.language
  ctx.answeredIn = lang
  const head = say(lang, 'status.reply', {
    date: formatDate(lang, kase.created_at),
    status: say(lang, `status.label.${kase.status}`),
  })
  // LFT Art. 518: a dismissed worker in Mexico hears the day to act by, before anything else.
  const actBefore = await actBeforeOf(ctx.deps, kase)
  const urgent = actBefore === null ? '' : ` ${tFor(lang)('followup:urgent.sms', { date: formatDate(lang, actBefore) })}`
  const question = openQuestions(await reporterThread(ctx.deps, kase.id)).at(-1)
  if (!question) return fit(ctx, `${head}${urgent}`)
  return fit(ctx, (q) => `${head}${urgent} ${say(lang, 'status.question', { question: q })}`, question.body)
}

/** Store the reporter's answer to the monitor (redacted for staff, the original encrypted). */
export async function answerReply(
  ctx: FollowUpContext,
  receipt: string,
  text: string,
): Promise<FittedReply> {
  const guess = ctx.lang ?? detectLanguage(text) ?? 'en'
  const found = await find(ctx, receipt, guess)
  if ('reply' in found) return found.reply
  const { kase } = found
  const lang = ctx.lang ?? detectLanguage(text) ?? kase.language
  if (!hasWords(text)) return fit(ctx, say(lang, 'answer.empty'))
  // YES or NO after the receipt answers a referral waiting for the worker's consent.
  // One word only, so that an answer to a question ("No pagan las horas") is never read as a no.
  const yes = /^\S+$/.test(text.trim()) ? yesNo(text) : undefined
  if (yes !== undefined && (await askedConsent(ctx.deps, kase.id))) {
    const answer = await answerReferral(ctx.deps, kase.id, yes, 'sms')
    if (answer) return fit(ctx, say(lang, `consent.${answer}`))
  }
  if (text.length > REPLY_MAX) return fit(ctx, say(lang, 'tooLong', { max: REPLY_MAX }))
  await addReporterMessage(ctx.deps, kase, text, ctx.channel ?? 'sms', ctx.delivery)
  return fit(ctx, say(lang, 'answer.sent'))
}

/** Withdraw every consent still given on the case (partners/ledger.ts), at once. */
export async function withdrawReply(ctx: FollowUpContext, receipt: string | undefined): Promise<FittedReply> {
  const lang0 = ctx.lang ?? 'en'
  if (!receipt) return fit(ctx, say(lang0, 'consent.usage'))
  const found = await find(ctx, receipt, lang0)
  if ('reply' in found) return found.reply
  const lang = ctx.lang ?? found.kase.language
  const given = (await consentsForWorker(ctx.deps, found.kase.id)).some((c) => c.status === 'given')
  if (!given) return fit(ctx, say(lang, 'consent.none'))
  await withdrawByWorker(ctx.deps, found.kase.id, 'sms')
  return fit(ctx, say(lang, 'consent.withdrawn'))
}
