/**
 * The SMS webhook's rules: signature on every request, a repeated MessageSid answered the same
 * with nothing new, bad input answered helpfully (never a 5xx), 24 h expiry, the quiet period,
 * concurrent messages, erasure at Twilio, and the privacy scan: the sender's number appears
 * nowhere in what the server wrote, in any form, and the From* geo fields are never kept.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { QUIET_MS } from '../../src/channels/sms/conversation.js'
import { endSession, loadSession, saveSession, senderKey } from '../../src/channels/sms/session.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { newSid, signedInit, smsParams, twilioRequest } from '../helpers/twilio-sign.js'
import { Phone, receiptIn } from './phone.js'

const count = async (rt: TestRuntime, table: string) =>
  (await rt.deps.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n

/** Walk a Spanish conversation to the story step. */
async function toStory(p: Phone) {
  await p.say('HOLA')
  await p.say('OK')
  await p.say('6')
  await p.say('Maquiladora Norte')
  await p.say('Ciudad Juárez')
}

describe('POST /twilio/sms rules', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  const opts = () => ({ baseUrl: rt.config.publicBaseUrl, authToken: rt.config.twilioAuthToken! })

  it('refuses unsigned, wrongly signed or re-addressed requests with 403, changing nothing', async () => {
    const params = smsParams({ from: '+5215550001111', body: 'HOLA' })
    const bad = [
      await twilioRequest(rt.app, '/twilio/sms', params, { ...opts(), signature: null }),
      await twilioRequest(rt.app, '/twilio/sms', params, {
        ...opts(),
        signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=',
      }),
      await twilioRequest(rt.app, '/twilio/sms', params, { ...opts(), authToken: 'x'.repeat(32) }),
      await twilioRequest(rt.app, '/twilio/sms', params, {
        ...opts(),
        baseUrl: 'https://evil.example',
      }),
      await rt.app.request('/twilio/sms', {
        ...signedInit('/twilio/sms', params, opts()),
        body: new URLSearchParams({ ...params, Body: 'tampered' }).toString(),
      }),
    ]
    expect(bad.map((r) => r.status)).toEqual([403, 403, 403, 403, 403])
    expect(await count(rt, 'sms_sessions')).toBe(0)
    expect(await count(rt, 'webhook_replies')).toBe(0)
  })

  it('answers a repeated MessageSid with the same reply and creates nothing new', async () => {
    const p = new Phone(rt, '+5215550002222', { fromCountry: 'MX' })
    const first = await p.send('HOLA')
    const again = await p.send('HOLA', { sid: first.sid })
    expect(again.xml).toBe(first.xml)
    const menu = await p.send('OK')
    const menuAgain = await p.send('OK', { sid: menu.sid })
    expect(menuAgain.xml).toBe(menu.xml)
    expect(await p.say('1')).toMatch(/empresa/) // the step moved once, not twice
    await p.say('Empresa X')
    await p.say('Tijuana')
    await p.say('No hay contrato colectivo y nos amenazan.')
    await p.say('LISTO')
    const done = await p.send('NO')
    const doneAgain = await p.send('NO', { sid: done.sid })
    expect(doneAgain.xml).toBe(done.xml)
    expect(receiptIn(doneAgain.text!)).toBe(receiptIn(done.text!))
    expect(await count(rt, 'cases')).toBe(1)
    // Concurrent duplicates too.
    const q = new Phone(rt, '+5215550002223', { fromCountry: 'MX' })
    const sid = newSid()
    const both = await Promise.all([q.send('HOLA', { sid }), q.send('HOLA', { sid })])
    expect(both[0].xml).toBe(both[1].xml)
  })

  it('answers bad input helpfully, in the conversation language, never with a 5xx', async () => {
    const p = new Phone(rt, '+5215550003333', { fromCountry: 'MX' })
    const huge = 'a'.repeat(10_000)
    expect(await p.say('')).toMatch(/1 English, 2 Español/) // no language yet: the menu
    expect(await p.say('😀😀😀')).toMatch(/1 English/)
    expect(await p.say(huge)).toMatch(/1 English/)
    expect(await p.say('2')).toMatch(/confidencial/)
    await p.say('OK')
    expect(await p.say('99')).toBe('Responda con un número del 1 al 11, por favor.')
    expect(await p.say('')).toMatch(/número del 1 al 11/)
    expect(await p.say('🙏')).toMatch(/número del 1 al 11/)
    expect(await p.say('2')).toMatch(/empresa/)
    expect(await p.say('👍👍')).toMatch(/Escriba con palabras el nombre de la empresa/)
    expect(await p.say(huge)).toMatch(/como máximo 200 letras/)
    expect(
      await p.say('', { media: [{ url: 'https://api.twilio.com/x.jpg', type: 'image/jpeg' }] }),
    ).toMatch(/fotos/)
    await p.say('Rancho El Sol')
    await p.say('San Quintín')
    expect(await p.say('LISTO')).toMatch(/Todavía no nos contó/)
    expect(await p.say('😡')).toMatch(/Escriba con palabras qué pasó/)
    expect(await p.say(huge)).toMatch(/Recibido/) // a long story part is welcome
    expect(await p.say('FIN')).toMatch(/SÍ o NO/)
    expect(await p.say('quizás')).toBe('Responda SÍ o NO, por favor.')
    expect(await p.say('ESTADO')).toMatch(/ESTADO y su recibo de 16 números/)
    expect(await p.say('ESTADO 1234')).toMatch(/No encontramos ese recibo/)
    expect(await p.say('AYUDA')).toMatch(/L.nea confidencial/)
    const done = await p.say('no')
    receiptIn(done)
    const row = await rt.deps.sql.get<{ description_redacted: string }>(
      'SELECT description_redacted FROM cases',
    )
    expect(row!.description_redacted).toBe(huge)
    expect(p.replies.every((r) => r.status === 200)).toBe(true)
  })

  it('stores a conversation by compare-and-swap: a stale write fails and changes nothing', async () => {
    const sender = senderKey(rt.deps, '+5215550008888')
    const fresh = await loadSession(rt.deps, sender)
    await rt.deps.sql.batch(
      saveSession(rt.deps, sender, fresh.stored, { step: 'notice', lang: 'es', parts: [] }),
    )
    await expect(
      rt.deps.sql.batch(
        saveSession(rt.deps, sender, null, { step: 'notice', lang: 'fr', parts: [] }),
      ),
    ).rejects.toThrow()
    const a = await loadSession(rt.deps, sender)
    await rt.deps.sql.batch(saveSession(rt.deps, sender, a.stored, { ...a.state, step: 'problem' }))
    await expect(
      rt.deps.sql.batch(saveSession(rt.deps, sender, a.stored, { ...a.state, step: 'country' })),
    ).rejects.toThrow()
    await expect(rt.deps.sql.batch(endSession(sender, a.stored))).rejects.toThrow()
    const now = await loadSession(rt.deps, sender)
    expect(now.state).toEqual({ step: 'problem', lang: 'es', parts: [] })
    await rt.deps.sql.batch(endSession(sender, now.stored))
    expect(await count(rt, 'sms_sessions')).toBe(0)
  })

  it('answers even when the database fails: a short apology in three languages, not a 5xx', async () => {
    const p = new Phone(rt, '+5215550009999', { fromCountry: 'MX' })
    const sql = rt.deps.sql
    rt.deps.sql = { ...sql, batch: async () => Promise.reject(new Error('disk I/O error')) }
    const r = await p.send('HOLA')
    expect(r.status).toBe(200)
    expect(r.text).toMatch(/something went wrong.*hubo un problema.*il y a eu un probl/s)
    rt.deps.sql = sql
    expect(await p.say('HOLA')).toMatch(/confidencial/) // nothing was remembered
    expect(rt.logs.join('\n')).toMatch(/"sms_failed"/)
  })

  it('limits wrong receipts to ten an hour per sender', async () => {
    const p = new Phone(rt, '+5215550004444')
    for (let i = 0; i < 10; i++)
      expect(await p.say(`ESTADO 0000 0000 0000 00${String(i).padStart(2, '0')}`)).toMatch(
        /No encontramos/,
      )
    expect(await p.say('ESTADO 1111 2222 3333 4444')).toMatch(/Demasiados intentos/)
    rt.clock.advance(3_600_001)
    expect(await p.say('ESTADO 1111 2222 3333 4444')).toMatch(/No encontramos/)
  })

  it('forgets a conversation idle for 24 hours', async () => {
    const p = new Phone(rt, '+5215550005555', { fromCountry: 'MX' })
    await toStory(p)
    rt.clock.advance(24 * 3_600_000 + 1)
    expect(await p.say('Nos amenazan')).toMatch(/confidencial/) // a new conversation, in the language of the text
    const row = await rt.deps.sql.get<{ step: string }>('SELECT step FROM sms_sessions')
    expect(row?.step).toBe('notice')
  })

  it('ends the story after a quiet period, keeping the late message, and takes more after', async () => {
    const p = new Phone(rt, '+5215550006666', { fromCountry: 'MX' })
    await toStory(p)
    expect(await p.say('Trabajamos 12 horas diarias.')).toMatch(/Recibido/)
    rt.clock.advance(QUIET_MS + 1)
    expect(await p.say('Sin día de descanso.')).toMatch(/SÍ o NO/)
    expect(await p.say('Y el supervisor nos grita.')).toMatch(/Lo agregamos a su relato.*SÍ o NO/)
    receiptIn(await p.say('no'))
    const row = await rt.deps.sql.get<{ description_redacted: string }>(
      'SELECT description_redacted FROM cases',
    )
    expect(row!.description_redacted).toBe(
      'Trabajamos 12 horas diarias.\n\nSin día de descanso.\n\nY el supervisor nos grita.',
    )
  })

  it('keeps every part of a story sent all at once', async () => {
    const p = new Phone(rt, '+5215550007777', { fromCountry: 'MX' })
    await toStory(p)
    // Reads answer a few milliseconds late, as on D1, so that the messages really race.
    const sql = rt.deps.sql
    const late = <T>(v: T) => new Promise<T>((r) => setTimeout(() => r(v), Math.random() * 8))
    rt.deps.sql = { ...sql, get: async (...a) => late(await sql.get(...a)) }
    const parts = Array.from({ length: 6 }, (_, i) => `Parte ${i + 1} de lo que pasó en la planta.`)
    const replies = await Promise.all(parts.map((t) => p.send(t)))
    expect(replies.every((r) => r.status === 200 && /Recibido/.test(r.text ?? ''))).toBe(true)
    await p.say('LISTO')
    receiptIn(await p.say('no'))
    const row = await rt.deps.sql.get<{ description_redacted: string }>(
      'SELECT description_redacted FROM cases',
    )
    for (const part of parts) expect(row!.description_redacted).toContain(part)
    // The messages raced for one conversation; the losers read it again and retried.
    expect(rt.logs.filter((l) => l.includes('"sms_retry"')).length).toBeGreaterThan(0)
  })
})

describe('privacy and erasure', () => {
  it('writes the number nowhere, keeps no geo field, and erases every inbound message at Twilio', async () => {
    const rt = await makeRuntime({ env: { TWILIO_ACCOUNT_SID: 'AC' + 'b2'.repeat(16) } })
    try {
      const from = '+5214775550199'
      const geo = {
        fromCountry: 'MX',
        toCountry: 'MX',
        fromCity: 'Zacatlanzinco',
        fromState: 'Guanajuatoide',
        fromZip: '36987',
      }
      const p = new Phone(rt, from, geo)
      await toStory(p)
      await p.say(`Nos pagan poco. Mi número es ${from}, llámenme.`)
      await p.say('LISTO')
      const receipt = receiptIn(await p.say('SI'))
      await p.say(`ESTADO ${receipt}`)
      await p.say(`${receipt} Mi celular es 477 555 0199`)
      await p.say('ALTO')
      await p.send('HOLA')
      await p.say('START')

      const written = rt.writtenBytes().toString('latin1') + rt.writtenBytes().toString('utf8')
      const digits = from.replace(/\D/g, '')
      for (const needle of [
        from,
        digits,
        digits.slice(-10),
        digits.slice(-7),
        '477 555 0199',
        '477-555-0199',
        '(477) 555',
        receipt,
        receipt.replace(/ /g, ''),
        geo.fromCity,
        geo.fromState,
        geo.fromZip,
      ]) {
        expect(written.includes(needle), `found ${needle}`).toBe(false)
      }
      expect(await count(rt, 'jobs')).toBe(p.replies.length)
      const optouts = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM sms_optouts')
      expect(optouts?.n).toBe(0)
    } finally {
      rt.close()
    }
  })
})
