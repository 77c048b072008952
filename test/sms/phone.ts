/**
 * A worker's phone for tests: texts the hotline through signed webhooks (test/helpers/twilio-sign)
 * and reads the TwiML reply, measured in segments.
 */
import { expect } from 'vitest'
import { measure, type SegmentInfo } from '../../src/channels/sms/segments.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { newSid, smsParams, twilioRequest, type SmsOptions } from '../helpers/twilio-sign.js'

export interface Reply {
  status: number
  xml: string
  /** The text of the reply's one <Message>, or null for an empty <Response/>. */
  text: string | null
  info: SegmentInfo | null
  sid: string
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The text of each <Message> in a TwiML reply. */
export function messagesOf(xml: string): string[] {
  return [...xml.matchAll(/<Message(?:\s[^>]*)?>([\s\S]*?)<\/Message>/g)].map((m) => unescape(m[1]!))
}

export class Phone {
  /** Every reply this phone received (for the segment check). */
  readonly replies: Reply[] = []
  constructor(
    readonly rt: TestRuntime,
    readonly from: string,
    readonly defaults: Partial<SmsOptions> = {},
  ) {}

  /** Text the hotline; every reply is checked to fit in two segments. */
  async send(body: string, extra: Partial<SmsOptions> = {}): Promise<Reply> {
    const sid = extra.sid ?? newSid('SM')
    const params = smsParams({ ...this.defaults, ...extra, from: this.from, body, sid })
    const res = await twilioRequest(this.rt.app, '/twilio/sms', params, {
      baseUrl: this.rt.config.publicBaseUrl,
      authToken: this.rt.config.twilioAuthToken!,
    })
    const xml = await res.text()
    const texts = messagesOf(xml)
    expect(texts.length).toBeLessThanOrEqual(1)
    const text = texts[0] ?? null
    const info = text === null ? null : measure(text)
    if (info) expect(info.segments, `reply too long: ${text}`).toBeLessThanOrEqual(2)
    const reply = { status: res.status, xml, text, info, sid }
    this.replies.push(reply)
    return reply
  }

  /** Send and return the reply's text, asserting a 200 with a message. */
  async say(body: string, extra: Partial<SmsOptions> = {}): Promise<string> {
    const r = await this.send(body, extra)
    expect(r.status).toBe(200)
    expect(r.text, `no reply to ${JSON.stringify(body.slice(0, 40))}`).not.toBeNull()
    return r.text!
  }
}

/** A receipt in a reply (`1234 5678 9012 3456`). */
export function receiptIn(text: string): string {
  const m = /\d{4} \d{4} \d{4} \d{4}/.exec(text)
  expect(m, `no receipt in ${text}`).not.toBeNull()
  return m![0]
}
