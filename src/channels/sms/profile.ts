/**
 * @module channels/sms/profile
 * What differs between the channels that share the text conversation (SMS, WhatsApp): the
 * channel a case records, how long a reply may be, how the sender's address reads as
 * a phone number (the conversation key is a keyed hash of that number, shared by both channels),
 * the identifying fields sealed with the identity when the worker consents, and what a message's
 * media becomes. The SMS profile is the conversation as it always was.
 */
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import type { Statement } from '../../store/port.js'
import type { TwilioParams } from '../twilio/signature.js'
import { say } from './messages.js'
import { fitReply, type FittedReply } from './segments.js'
import type { SmsState } from './session.js'

export type ReplyFitter = (build: string | ((variable: string) => string), variable?: string) => FittedReply

/** What a message's media means before the conversation reads it. */
export type MediaVerdict =
  /** Answer at once with this text; the conversation does not move; the message is erased. */
  | { kind: 'reply'; text: string }
  /**
   * Read `body` in place of the message (a voice note's marker in the story). When the
   * conversation keeps it as a part, `keep` records the media in the state and `statements`
   * commit with it (the message is then erased by those statements, not at once).
   */
  | { kind: 'part'; body: string; keep: (state: SmsState) => SmsState; statements: Statement[] }

export interface ChannelProfile {
  channel: 'sms' | 'whatsapp'
  /**
   * A reply as this channel can carry it: `build(variable)` (or the text) within the channel's
   * limit, the variable part (a monitor's question) shortened when needed. SMS: two segments,
   * folded to GSM-7 when longer (channels/sms/segments).
   */
  fit: ReplyFitter
  /** The sender's phone number from Twilio's `From` (`whatsapp:+52…` → `+52…`). */
  number(from: string): string
  /** Identifying fields besides the number, sealed with the identity only when the worker agrees. */
  identityMeta(params: TwilioParams): Record<string, string> | undefined
  /** Media policy; without one, media is left to the conversation (SMS: "please write"). */
  media?(deps: Deps, params: TwilioParams, state: SmsState, lang: Lang): MediaVerdict | undefined
  /** Statements filed with the case (media kept in the state: fetched, sealed, erased). */
  onFile?(deps: Deps, caseId: string, state: SmsState): Statement[]
  /**
   * Conversation texts this channel words its own way: `{ notice: 'whatsapp.notice' }` sends
   * the second key wherever the conversation's whole reply is the first.
   */
  rewords?: Record<string, string>
}

/** The conversation's reply as this channel words it. */
export function reword(profile: ChannelProfile, lang: Lang | undefined, reply: string): string {
  if (!lang || !profile.rewords) return reply
  for (const [from, to] of Object.entries(profile.rewords)) {
    if (reply === say(lang, from)) return say(lang, to)
  }
  return reply
}

export const SMS_PROFILE: ChannelProfile = {
  channel: 'sms',
  fit: (build, variable = '') => fitReply(build, variable),
  number: (from) => from.trim(),
  identityMeta: () => undefined,
}
