/**
 * @module channels/twilio/status
 * POST /twilio/status: Twilio's status callbacks for the hotline's own outbound SMS replies
 * (set as the `action` of each `<Message>`). A reply may carry a receipt and Twilio keeps it with
 * the worker's number, so once it has left Twilio the record is erased like the inbound one.
 * Only enabled when Twilio REST erasure is (TWILIO_ACCOUNT_SID set).
 */
import { Hono } from 'hono'
import type { Deps } from '../../deps.js'
import { enqueue, twilioErasureEnabled } from '../../jobs/queue.js'
import { verifyTwilio, type TwilioEnv } from './signature.js'
import { isSid } from '../../twilio/sids.js'

/** Statuses after which Twilio holds the message only as a record. */
const FINAL = new Set(['sent', 'delivered', 'undelivered', 'failed', 'read'])

/** The status-callback URL for outbound replies, or undefined when erasure is off. */
export function replyStatusUrl(deps: Deps): string | undefined {
  return twilioErasureEnabled(deps) ? `${deps.config.publicBaseUrl}/twilio/status` : undefined
}

export const statusRoutes = new Hono<TwilioEnv>()

statusRoutes.post('/', verifyTwilio, async (c) => {
  const deps = c.get('deps')
  const p = c.get('twilio')
  const sid = p.MessageSid ?? p.SmsSid
  const status = p.MessageStatus ?? p.SmsStatus ?? ''
  if (isSid(sid, 'SM', 'MM') && FINAL.has(status) && twilioErasureEnabled(deps)) {
    // One job per message however many callbacks arrive: its id is a keyed hash of the sid.
    const id = deps.crypto.blindIndex('token', `erase-reply:${sid}`).slice(0, 32)
    await deps.sql.batch([enqueue(deps, 'twilio.delete', { resource: 'Messages', sid }, 60_000, id)])
  }
  return c.body(null, 204)
})
