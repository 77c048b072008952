/**
 * @module test/workers/voice.test
 * A whole Spanish call against the Worker inside workerd with real local D1: language menu →
 * report → problem → recorded statement → workers → call back? → the receipt is read.
 * Webhooks are signed with the Web Crypto `twilioSignature` (the one the server checks with);
 * each next URL is taken from the TwiML answer, as Twilio would. No TWILIO_ACCOUNT_SID here, so
 * the case says its statement was not retrieved.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { twilioSignature } from '../../src/channels/twilio/signature.js'

const vars = env as unknown as Record<string, string>
const API = 'https://api.twilio.com/2010-04-01'
const callSid = 'CA' + crypto.randomUUID().replace(/-/g, '')
const base = {
  AccountSid: 'AC' + 'a1'.repeat(16),
  ApiVersion: '2010-04-01',
  CallSid: callSid,
  CallStatus: 'in-progress',
  Direction: 'inbound',
  From: '+5214775550177',
  Caller: '+5214775550177',
  To: '+525512345678',
  Called: '+525512345678',
  ToCountry: 'MX',
}

/** POST a signed webhook to an absolute IVR URL (as TwiML gives it); returns the TwiML. */
async function post(url: string, extra: Record<string, string> = {}): Promise<string> {
  const params = { ...base, ...extra }
  const signature = await twilioSignature(vars.TWILIO_AUTH_TOKEN!, url, params)
  expect(url.startsWith(vars.PUBLIC_BASE_URL!)).toBe(true)
  const res = await exports.default.fetch(
    `http://hotline.test${url.slice(vars.PUBLIC_BASE_URL!.length)}`,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signature,
      },
      body: new URLSearchParams(params).toString(),
    },
  )
  const xml = await res.text()
  expect(res.status, xml).toBe(200)
  return xml
}

/** An attribute of the first `<tag>` in the TwiML (XML entities decoded). */
function attr(xml: string, tag: string, name: string): string {
  const el = new RegExp(`<${tag}\\b[^>]*\\b${name}="([^"]*)"`).exec(xml)
  expect(el, `<${tag} ${name}> in ${xml}`).not.toBeNull()
  return el![1]!.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<')
}

const press = (xml: string, digits: string) =>
  post(attr(xml, 'Gather', 'action'), { Digits: digits })

describe('voice on Workers + D1', () => {
  it('files a Spanish call, reads its receipt; a retried webhook gets the same TwiML', async () => {
    const count = async () =>
      (await env.DB.prepare("SELECT COUNT(*) AS n FROM cases WHERE channel = 'voice'").first<{
        n: number
      }>())!.n
    const before = await count()

    const langMenu = await post(`${vars.PUBLIC_BASE_URL}/twilio/voice`)
    expect(langMenu).toMatch(/<Gather[^>]*numDigits="1"/)
    const menu = await press(langMenu, '2')
    expect(menu).toMatch(/language="es-MX"/)
    const problems = await press(menu, '1')
    const record = await press(problems, '1')
    const recordingSid = 'RE' + crypto.randomUUID().replace(/-/g, '')
    const workers = await post(attr(record, 'Record', 'action'), {
      RecordingSid: recordingSid,
      RecordingUrl: `${API}/Accounts/${base.AccountSid}/Recordings/${recordingSid}`,
      RecordingDuration: '42',
      Digits: '#',
    })
    const callback = await press(workers, '3')
    const callbackAction = attr(callback, 'Gather', 'action')
    const receipt = await post(callbackAction, { Digits: '2' })

    // Read digit by digit, twice: "1, 2, 3, 4. 5, 6, 7, 8. …".
    const readings = receipt.match(/(?:\d, \d, \d, \d\. ){3}\d, \d, \d, \d\./g) ?? []
    expect(readings).toHaveLength(2)
    expect(readings[0]).toBe(readings[1])
    expect(receipt).toMatch(/language="es-MX"/)
    expect(await post(callbackAction, { Digits: '2' })).toBe(receipt)

    expect(await count()).toBe(before + 1)
    const kase = await env.DB.prepare(
      `SELECT id, language, country, identity_sealed IS NULL AS anonymous FROM cases
       WHERE channel = 'voice' ORDER BY created_at DESC LIMIT 1`,
    ).first<{ id: string; language: string; country: string; anonymous: number }>()
    expect(kase).toMatchObject({ language: 'es', country: 'MX', anonymous: 1 })
    const rec = await env.DB.prepare(
      `SELECT purpose, duration_s, audio_sealed IS NULL AS empty FROM voice_recordings
       WHERE case_id = ?`,
    )
      .bind(kase!.id)
      .first()
    expect(rec).toEqual({ purpose: 'statement', duration_s: 42, empty: 1 })
    const ev = await env.DB.prepare(
      "SELECT data FROM case_events WHERE case_id = ? AND kind = 'voice_recording'",
    )
      .bind(kase!.id)
      .first<{ data: string }>()
    // Without TWILIO_ACCOUNT_SID (the test bindings set none) nothing can be fetched.
    const state = vars.TWILIO_ACCOUNT_SID ? 'pending' : 'not_retrieved'
    expect(JSON.parse(ev!.data)).toMatchObject({ purpose: 'statement', state })
  })
})
