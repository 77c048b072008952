/**
 * @module channels/whatsapp/fit
 * A reply as WhatsApp carries it through Twilio: no segments and no GSM-7, so accents and French
 * typography (the narrow no-break space before `: ; ! ?`) stay as written; only Twilio's limit on
 * a WhatsApp body, 1,600 characters, applies. A reply over it (a long question from a monitor in
 * a status reply) has its variable part shortened, with an ellipsis, until it fits. Pure.
 */
import { measure, type FittedReply } from '../sms/segments.js'

/** Twilio's longest WhatsApp message body (UTF-16 units, counted as Twilio counts characters). */
export const WHATSAPP_MAX_CHARS = 1_600

const reply = (text: string): FittedReply => ({ text, info: measure(text) })

/** Cut a text to `max` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, max: number): string {
  let out = text.slice(0, max)
  if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1)
  return out
}

export function fitWhatsApp(build: string | ((variable: string) => string), variable = ''): FittedReply {
  const make = typeof build === 'string' ? () => build : build
  const whole = make(variable)
  if (whole.length <= WHATSAPP_MAX_CHARS) return reply(whole)
  if (variable !== '') {
    // Room for the variable part: what the rest of the reply leaves, less the ellipsis.
    const room = WHATSAPP_MAX_CHARS - (make('').length + 1)
    if (room > 0) return reply(make(cut(variable, room).trimEnd() + '…'))
  }
  return reply(cut(whole, WHATSAPP_MAX_CHARS - 1) + '…')
}
