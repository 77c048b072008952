/**
 * @module channels/sms/routes
 * POST /twilio/sms: the SMS conversation. The signature is checked first (403 otherwise, and
 * nothing changes); the answer is TwiML. Bad input never gets a 5xx: it gets a helpful reply in
 * the conversation's language (channels/sms/handler).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { verifyTwilio, type TwilioEnv } from '../twilio/signature.js'
import { isWhatsApp, WHATSAPP_PROFILE, withNumberCountry } from '../whatsapp/profile.js'
import { handleSms } from './handler.js'

export const smsRoutes = new Hono<TwilioEnv>()

/** Far above what Twilio sends (a Body of at most 1,600 characters plus about 20 fields). */
const WEBHOOK_MAX_BYTES = 256 * 1024

smsRoutes.post(
  '/',
  bodyLimit({ maxSize: WEBHOOK_MAX_BYTES, onError: (c) => c.text('Payload Too Large', 413) }),
  verifyTwilio,
  async (c) => {
    const p = c.get('twilio')
    // A WhatsApp sender pointed at this webhook still gets the WhatsApp conversation.
    const xml = isWhatsApp(p.From)
      ? await handleSms(c.get('deps'), withNumberCountry(p), WHATSAPP_PROFILE)
      : await handleSms(c.get('deps'), p)
    return c.body(xml, 200, { 'Content-Type': 'text/xml; charset=utf-8' })
  },
)
