/**
 * @module channels/whatsapp/profile
 * WhatsApp as a channel of the text conversation (channels/sms): Twilio's addresses read
 * `whatsapp:+5214775550101`; the number behind them keys the conversation exactly as SMS does,
 * so a worker can start on one and check on the other. Mexican mobiles reach WhatsApp with the
 * old `+521` prefix that SMS no longer uses: it is read as `+52`, so that both channels meet.
 * Replies have no segment limit (accents stay), only Twilio's 1,600 characters
 * (channels/whatsapp/fit). `ProfileName` (often the worker's real name) and `WaId` are sealed
 * with the identity when the worker agrees to be contacted, and otherwise never stored. Voice notes are parts of the story (channels/whatsapp/voice-notes).
 */
import type { ChannelProfile } from '../sms/profile.js'
import type { TwilioParams } from '../twilio/signature.js'
import { fitWhatsApp } from './fit.js'
import { fileVoiceNotes, whatsappMedia } from './voice-notes.js'

export const ADDRESS_PREFIX = 'whatsapp:'

/** True when Twilio's address is a WhatsApp one. */
export const isWhatsApp = (address: string | undefined) =>
  (address ?? '').trim().toLowerCase().startsWith(ADDRESS_PREFIX)

/** The phone number behind a WhatsApp address, as SMS would show it. */
export function whatsappNumber(from: string): string {
  let n = from.trim()
  if (n.toLowerCase().startsWith(ADDRESS_PREFIX)) n = n.slice(ADDRESS_PREFIX.length).trim()
  const mx = /^\+521(\d{10})$/.exec(n)
  return mx ? `+52${mx[1]}` : n
}

export const WHATSAPP_PROFILE: ChannelProfile = {
  channel: 'whatsapp',
  fit: fitWhatsApp,
  number: whatsappNumber,
  identityMeta(p) {
    const meta: Record<string, string> = { channel: 'whatsapp' }
    if (p.ProfileName) meta.profileName = p.ProfileName.slice(0, 200)
    if (p.WaId) meta.waId = p.WaId.slice(0, 32)
    return meta
  },
  media: whatsappMedia,
  onFile: fileVoiceNotes,
  // Say that voice notes are kept (sealed), and invite them when the story is asked for.
  rewords: { notice: 'whatsapp.notice', 'describe.ask': 'whatsapp.describeAsk' },
}

/** Catalog countries by calling code (+1 is shared by the US, Canada and others: not inferred). */
const CALLING_CODES: [string, string][] = [
  ['+52', 'MX'],
  ['+502', 'GT'],
  ['+503', 'SV'],
  ['+504', 'HN'],
  ['+505', 'NI'],
  ['+506', 'CR'],
  ['+225', 'CI'],
]

/**
 * Twilio sends no FromCountry/ToCountry for WhatsApp; the number's calling code stands in for
 * FromCountry, which the conversation uses only to skip the country question (never stored).
 */
export function withNumberCountry(p: TwilioParams): TwilioParams {
  if (p.FromCountry || !p.From) return p
  const n = whatsappNumber(p.From)
  const hit = CALLING_CODES.find(([code]) => n.startsWith(code))
  return hit ? { ...p, FromCountry: hit[1] } : p
}
