/**
 * A worker's WhatsApp for tests: messages to the hotline in Twilio's WhatsApp webhook format
 * (`From=whatsapp:+52…`, `To=whatsapp:+1…`, ProfileName, WaId, MessageType, ChannelMetadata,
 * NumMedia/MediaUrl0/MediaContentType0 for a voice note), signed as Twilio signs them. A voice
 * note's audio is put on the local fake Twilio REST API (test/helpers/twilio-fake), where the
 * hotline's job fetches it from.
 */
import { expect } from 'vitest'
import type { TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { newSid, twilioRequest, type Params } from '../helpers/twilio-sign.js'
import { messagesOf, type Reply } from '../sms/phone.js'

/** The hotline's WhatsApp sender (Twilio's sandbox number). */
export const HOTLINE_WA = 'whatsapp:+14155238886'

export interface WaMessage {
  body?: string
  sid?: string
  /** One media item: a voice note or a picture, stored on the fake Twilio first. */
  media?: { type: string; bytes: Uint8Array }
}

export class WhatsApp {
  readonly replies: Reply[] = []
  constructor(
    readonly rt: TestRuntime,
    /** E.164 number, as WhatsApp knows it (`+5214775550101`). */
    readonly number: string,
    readonly profileName: string,
    readonly twilio?: FakeTwilio,
    readonly path = '/twilio/whatsapp',
  ) {}

  /** The webhook parameters Twilio sends for one inbound WhatsApp message. */
  params(m: WaMessage & { sid: string }): Params {
    const waId = this.number.replace(/^\+/, '')
    const accountSid = this.twilio?.accountSid ?? 'AC' + '0'.repeat(32)
    const p: Params = {
      SmsMessageSid: m.sid,
      NumMedia: m.media ? '1' : '0',
      ProfileName: this.profileName,
      MessageType: m.media ? (m.media.type.startsWith('audio/') ? 'audio' : 'image') : 'text',
      SmsSid: m.sid,
      WaId: waId,
      SmsStatus: 'received',
      Body: m.body ?? '',
      To: HOTLINE_WA,
      NumSegments: '1',
      ReferralNumMedia: '0',
      MessageSid: m.sid,
      AccountSid: accountSid,
      ChannelMetadata: JSON.stringify({
        type: 'whatsapp',
        data: { context: { ProfileName: this.profileName, WaId: waId } },
      }),
      From: `whatsapp:${this.number}`,
      ApiVersion: '2010-04-01',
    }
    if (m.media) {
      const me = newSid('ME')
      p.MediaContentType0 = m.media.type
      p.MediaUrl0 = `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages/${m.sid}/Media/${me}`
      this.twilio?.media.set(me, { messageSid: m.sid, bytes: m.media.bytes, type: m.media.type })
    }
    this.twilio?.records.set(m.sid, null)
    return p
  }

  async send(m: WaMessage = {}): Promise<Reply & { params: Params }> {
    const sid = m.sid ?? newSid(m.media ? 'MM' : 'SM')
    const params = this.params({ ...m, sid })
    const res = await twilioRequest(this.rt.app, this.path, params, {
      baseUrl: this.rt.config.publicBaseUrl,
      authToken: this.rt.config.twilioAuthToken!,
    })
    const xml = await res.text()
    const texts = messagesOf(xml)
    expect(texts.length).toBeLessThanOrEqual(1)
    const reply = { status: res.status, xml, text: texts[0] ?? null, info: null, sid, params }
    this.replies.push(reply)
    return reply
  }

  /** Send text and return the reply's text, asserting a 200 with a message. */
  async say(body: string): Promise<string> {
    return this.expectReply(await this.send({ body }), body)
  }

  /** Send a voice note (Ogg Opus bytes) and return the reply's text. */
  async voiceNote(bytes: Uint8Array, body = ''): Promise<string> {
    return this.expectReply(await this.send({ body, media: { type: 'audio/ogg', bytes } }), '[voice note]')
  }

  private expectReply(r: Reply, what: string): string {
    expect(r.status).toBe(200)
    expect(r.text, `no reply to ${JSON.stringify(what.slice(0, 40))}`).not.toBeNull()
    return r.text!
  }
}
