/**
 * @module channels/whatsapp/routes
 * POST /twilio/whatsapp: WhatsApp messages from Twilio, the same signed Messaging webhook as SMS
 * and the same conversation (channels/sms/handler) with the WhatsApp profile. A message that is
 * not from a `whatsapp:` address is answered as SMS: the address decides, not the route (the SMS
 * webhook does the same the other way round).
 */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { handleSms } from '../sms/handler.js'
import { SMS_PROFILE } from '../sms/profile.js'
import { verifyTwilio, type TwilioEnv } from '../twilio/signature.js'
import { isWhatsApp, WHATSAPP_PROFILE, withNumberCountry } from './profile.js'

export const whatsappRoutes = new Hono<TwilioEnv>()

/** Far above what Twilio sends (a Body of at most 1,600 characters, media URLs, ~25 fields). */
const WEBHOOK_MAX_BYTES = 256 * 1024

whatsappRoutes.post(
  '/',
  bodyLimit({ maxSize: WEBHOOK_MAX_BYTES, onError: (c) => c.text('Payload Too Large', 413) }),
  verifyTwilio,
  async (c) => {
    const p = c.get('twilio')
    const xml = isWhatsApp(p.From)
      ? await handleSms(c.get('deps'), withNumberCountry(p), WHATSAPP_PROFILE)
      : await handleSms(c.get('deps'), p, SMS_PROFILE)
    return c.body(xml, 200, { 'Content-Type': 'text/xml; charset=utf-8' })
  },
)
