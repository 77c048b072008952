/**
 * @module test/workers/sms.test
 * The SMS webhook inside workerd with real local D1: a signed conversation to its receipt, a
 * repeated MessageSid, a status check, STOP, and a refused signature. The session's
 * compare-and-swap guard (`changes()` in a batch) is checked against D1 directly.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { twilioSignature } from '../../src/channels/twilio/signature.js'
import { d1Sql } from '../../src/store/d1.js'
import { stmt } from '../../src/store/port.js'

const vars = env as unknown as Record<string, string>

async function sms(from: string, body: string, opts: { sid?: string; token?: string } = {}) {
  const sid = opts.sid ?? 'SM' + crypto.randomUUID().replace(/-/g, '')
  const params: Record<string, string> = {
    MessageSid: sid,
    SmsSid: sid,
    From: from,
    To: '12345',
    Body: body,
    NumMedia: '0',
    FromCountry: 'MX',
    ToCountry: 'MX',
    FromCity: 'LEON',
    FromZip: '37000',
  }
  const signature = await twilioSignature(
    opts.token ?? vars.TWILIO_AUTH_TOKEN!,
    vars.PUBLIC_BASE_URL + '/twilio/sms',
    params,
  )
  const res = await exports.default.fetch('http://hotline.test/twilio/sms', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signature,
    },
    body: new URLSearchParams(params).toString(),
  })
  return { status: res.status, xml: await res.text(), sid }
}

describe('SMS on Workers + D1', () => {
  it('files a report by text, replays a repeated MessageSid, answers status and STOP', async () => {
    const from = '+5214775550111'
    for (const body of [
      'HOLA',
      'OK',
      '5',
      'Autopartes SA',
      'Silao',
      'No nos pagan las horas extra.',
      'LISTO',
    ]) {
      const r = await sms(from, body)
      expect(r.status).toBe(200)
      expect(r.xml).toMatch(/<Message>/)
    }
    const done = await sms(from, 'NO')
    const again = await sms(from, 'NO', { sid: done.sid })
    expect(again.xml).toBe(done.xml)
    const receipt = /\d{4} \d{4} \d{4} \d{4}/.exec(done.xml)![0]
    expect((await sms(from, `ESTADO ${receipt}`)).xml).toMatch(/recibida/)
    expect((await sms(from, 'ALTO')).xml).toMatch(/Ya no recibir/)
    expect((await sms(from, 'ok')).xml).toMatch(/<Response\/>/)
    // HOLA brings the worker back, in Spanish (issue 20).
    expect((await sms(from, 'HOLA')).xml).toMatch(/Ya puede usar la línea otra vez/)
    const cases = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM cases WHERE channel = 'sms'",
    ).first<{ n: number }>()
    expect(cases?.n).toBe(1)
  })

  it('refuses a wrong signature with 403', async () => {
    expect((await sms('+5214775550112', 'HOLA', { token: 'x'.repeat(32) })).status).toBe(403)
  })

  it('aborts a batch whose compare-and-swap changed no row (the guard relies on changes())', async () => {
    const sql = d1Sql(env.DB)
    const guard = stmt(
      'INSERT INTO sms_sessions (sender_hash, step, updated_at, expires_at) SELECT ?, NULL, 0, 0 WHERE changes() = 0',
      'h1',
    )
    const blob = new Uint8Array([1, 2, 3, 4])
    await sql.run(
      'INSERT INTO sms_sessions (sender_hash, step, state_enc, updated_at, expires_at) VALUES (?, ?, ?, 1, 2)',
      'h1',
      'a',
      blob,
    )
    const update = (prev: Uint8Array) =>
      stmt(
        'UPDATE sms_sessions SET step = ? WHERE sender_hash = ? AND state_enc = ?',
        'b',
        'h1',
        prev,
      )
    await expect(sql.batch([update(new Uint8Array([9])), guard])).rejects.toThrow()
    await sql.batch([update(blob), guard])
    expect(
      (await sql.get<{ step: string }>('SELECT step FROM sms_sessions WHERE sender_hash = ?', 'h1'))
        ?.step,
    ).toBe('b')
  })
})
