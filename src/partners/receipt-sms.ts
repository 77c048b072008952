/**
 * @module partners/receipt-sms
 * One SMS, through Twilio's REST API, that gives a worker the receipt an organisation filed for
 * them (only when they gave a number and agreed to be contacted). The number is used for this one
 * call and kept only inside the sealed identity; the message record is erased at Twilio by the
 * erasure job, enqueued as soon as Twilio answers with its sid.
 */
import { fitReply } from '../channels/sms/segments.js'
import type { Deps } from '../deps.js'
import { tFor, type Lang } from '../i18n/index.js'
import { enqueue } from '../jobs/queue.js'
import { sendSms, TwilioApiError } from '../twilio/rest.js'

/** A typed phone number as E.164 (+ and digits), or undefined when it has no country code. */
export function e164(phone: string): string | undefined {
  const digits = phone.replace(/[\s().-]/g, '')
  return /^\+[1-9][0-9]{6,14}$/.test(digits) ? digits : undefined
}

/** Send the receipt; 'sent' or 'failed' (the organisation then passes it on itself). */
export async function smsReceipt(deps: Deps, to: string, receipt: string, lang: Lang): Promise<'sent' | 'failed'> {
  const { text } = fitReply(tFor(lang)('sms:ngoReceipt', { receipt }))
  try {
    const sid = await sendSms(deps, to, text)
    await deps.sql.batch([enqueue(deps, 'twilio.delete', { resource: 'Messages', sid }, 60_000)])
    return 'sent'
  } catch (err) {
    deps.log.warn('ngo_receipt_sms_failed', {
      status: err instanceof TwilioApiError ? err.status : 0,
      code: err instanceof TwilioApiError ? (err.code ?? 0) : 0,
    })
    return 'failed'
  }
}
