/**
 * @module test/workers/whatsapp.test
 * A whole WhatsApp conversation inside workerd with real local D1, in Twilio's WhatsApp webhook
 * format: report with a voice note to its receipt, a repeated MessageSid, STATUS on WhatsApp and
 * by SMS from the same number, STOP; the profile name and number stay out of D1 when the worker
 * does not agree to be contacted. (No Twilio REST credentials here: the voice note is recorded as
 * "not retrieved", as the hotline does without them.)
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { twilioSignature } from '../../src/channels/twilio/signature.js'

const vars = env as unknown as Record<string, string>
const hex = () => crypto.randomUUID().replace(/-/g, '')

async function post(path: string, params: Record<string, string>) {
  const signature = await twilioSignature(vars.TWILIO_AUTH_TOKEN!, vars.PUBLIC_BASE_URL + path, params)
  const res = await exports.default.fetch(`http://hotline.test${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
    body: new URLSearchParams(params).toString(),
  })
  return { status: res.status, xml: await res.text() }
}

const NUMBER = '+5214775550141'
const NAME = 'Rocío Villaseñor'

async function whatsapp(body: string, opts: { sid?: string; voiceNote?: boolean } = {}) {
  const sid = opts.sid ?? (opts.voiceNote ? 'MM' : 'SM') + hex()
  const params: Record<string, string> = {
    SmsMessageSid: sid,
    NumMedia: opts.voiceNote ? '1' : '0',
    ProfileName: NAME,
    MessageType: opts.voiceNote ? 'audio' : 'text',
    SmsSid: sid,
    WaId: NUMBER.slice(1),
    SmsStatus: 'received',
    Body: body,
    To: 'whatsapp:+14155238886',
    NumSegments: '1',
    ReferralNumMedia: '0',
    MessageSid: sid,
    AccountSid: 'AC' + '0'.repeat(32),
    From: `whatsapp:${NUMBER}`,
    ApiVersion: '2010-04-01',
  }
  if (opts.voiceNote) {
    params.MediaContentType0 = 'audio/ogg'
    params.MediaUrl0 = `https://api.twilio.com/2010-04-01/Accounts/${params.AccountSid}/Messages/${sid}/Media/ME${hex()}`
  }
  return { ...(await post('/twilio/whatsapp', params)), sid }
}

describe('WhatsApp on Workers + D1', () => {
  it('files a report with a voice note, replays a repeated MessageSid, answers status on both channels and STOP', async () => {
    expect((await whatsapp('Hola')).xml).toMatch(/notas de voz/)
    expect((await whatsapp('OK')).xml).toMatch(/Discriminación/) // accents kept
    for (const body of ['5', 'Autopartes SA', 'Silao', 'No nos pagan las horas extra.']) {
      const r = await whatsapp(body)
      expect(r.status).toBe(200)
      expect(r.xml).toMatch(/<Message>/)
    }
    expect((await whatsapp('', { voiceNote: true })).xml).toMatch(/Recibido/)
    await whatsapp('LISTO')
    const done = await whatsapp('NO')
    const again = await whatsapp('NO', { sid: done.sid })
    expect(again.xml).toBe(done.xml)
    const receipt = /\d{4} \d{4} \d{4} \d{4}/.exec(done.xml)![0]

    const kase = await env.DB.prepare(
      "SELECT id, description_redacted, identity_sealed FROM cases WHERE channel = 'whatsapp'",
    ).first<{ id: string; description_redacted: string; identity_sealed: unknown }>()
    expect(kase?.description_redacted).toContain('[nota de voz 1]')
    expect(kase?.identity_sealed).toBeNull()
    const rec = await env.DB.prepare('SELECT purpose FROM voice_recordings WHERE case_id = ?')
      .bind(kase!.id)
      .first<{ purpose: string }>()
    expect(rec?.purpose).toBe('voice_note')

    expect((await whatsapp(`ESTADO ${receipt}`)).xml).toMatch(/recibida/)
    const sid = 'SM' + hex()
    const bySms = await post('/twilio/sms', {
      MessageSid: sid,
      SmsSid: sid,
      From: '+524775550141',
      To: '12345',
      Body: `ESTADO ${receipt}`,
      NumMedia: '0',
    })
    expect(bySms.xml).toMatch(/recibida/)
    expect((await whatsapp('ALTO')).xml).toMatch(/Ya no recibir/)
    expect((await whatsapp('OK')).xml).toMatch(/<Response\/>/) // silent after STOP…
    expect((await whatsapp('Hola')).xml).toMatch(/Ya puede usar la línea otra vez/) // …but HOLA opts back in (issue 20)

    // Nothing in D1 reads as the number or the profile name.
    for (const table of ['cases', 'sms_sessions', 'sms_optouts', 'webhook_replies', 'case_events', 'jobs']) {
      const rows = await env.DB.prepare(`SELECT * FROM ${table}`).all()
      const text = JSON.stringify(rows.results)
      expect(text).not.toContain('4775550141')
      expect(text).not.toContain('Villaseñor')
    }
  })
})
