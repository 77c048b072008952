/**
 * WhatsApp and privacy: no trace of the worker's number, WaId or profile name in any file the
 * server wrote (database, WAL, log), whether or not they agreed to be contacted; and one
 * conversation key for both channels: a report made on WhatsApp is checked by SMS with its
 * receipt and the other way round, a conversation begun on one goes on on the other.
 */
import { describe, expect, it } from 'vitest'
import { silentVoiceNote } from '../../src/channels/whatsapp/ogg.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import type { TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { Phone, receiptIn } from '../sms/phone.js'
import { WhatsApp } from './phone.js'

/** Report on WhatsApp, voice note included; returns the receipt. */
async function report(wa: WhatsApp, consent: string): Promise<string> {
  for (const m of ['Hola', 'OK', '5', 'Textiles Hernández del Norte', 'Torreón']) await wa.say(m)
  await wa.say('Me llamo María Guadalupe Hernández y no nos pagan el séptimo día.')
  await wa.voiceNote(silentVoiceNote(12))
  await wa.say('LISTO')
  return receiptIn(await wa.say(consent))
}

describe('WhatsApp privacy and the shared conversation key', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  it('leaves no trace of the number, the WaId or the profile name in any file the server wrote', async () => {
    const workers = [
      { number: '+5218715550177', name: 'Guadalupe Itzel Zamarripa', consent: 'sí' },
      { number: '+5218715550188', name: 'Xóchitl Berenice Ocampo', consent: 'no' },
    ]
    for (const w of workers) {
      const wa = new WhatsApp(rt, w.number, w.name, twilio)
      const receipt = await report(wa, w.consent)
      await wa.say(`ESTADO ${receipt}`)
      await wa.say('ALTO')
    }
    rt.clock.advance(2 * 60_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect((await rt.deps.sql.get<{ n: number }>("SELECT COUNT(*) AS n FROM voice_recordings WHERE audio_sealed IS NOT NULL"))?.n).toBe(2)

    const written = rt.writtenBytes()
    expect(written.length).toBeGreaterThan(10_000)
    for (const w of workers) {
      const digits = w.number.slice(1)
      const traces = [
        w.number,
        digits, // WaId
        digits.slice(3), // the national number
        `52${digits.slice(3)}`, // as SMS writes it
        ...w.name.split(' '),
        ...w.name.normalize('NFD').replace(/\p{M}/gu, '').split(' '),
      ]
      for (const trace of traces) {
        for (const enc of ['utf8', 'utf16le'] as const) {
          expect(written.includes(Buffer.from(trace, enc)), `${trace} (${enc}) was written`).toBe(false)
        }
      }
    }
  })

  it('a report made on WhatsApp is checked by SMS with its receipt, and the other way round', async () => {
    const wa = new WhatsApp(rt, '+5214775550110', 'Pedro Ramírez', twilio)
    const receipt = await report(wa, 'no')
    const sms = new Phone(rt, '+524775550110', { fromCountry: 'MX', toCountry: 'MX' })
    expect(await sms.say(`ESTADO ${receipt}`)).toMatch(/recibida/)
    const elsewhere = new Phone(rt, '+524425550199')
    expect(await elsewhere.say(`ESTADO ${receipt}`)).toMatch(/recibida/)

    const sms2 = new Phone(rt, '+524775550111', { fromCountry: 'MX', toCountry: 'MX' })
    for (const m of ['HOLA', 'OK', '5', 'Autopartes SA', 'Silao', 'No pagan las horas extra.', 'LISTO'])
      await sms2.say(m)
    const smsReceipt = receiptIn(await sms2.say('NO'))
    const wa2 = new WhatsApp(rt, '+5214775550111', 'Lucía', twilio)
    const status = await wa2.say(`ESTADO ${smsReceipt}`)
    expect(status).toMatch(/recibida/)
    expect(status).toMatch(/dic|nov/) // the date, in Spanish

    const channels = await rt.deps.sql.all<{ channel: string }>('SELECT channel FROM cases ORDER BY channel')
    expect(channels.map((c) => c.channel)).toEqual(['sms', 'whatsapp'])
  })

  it('one conversation across channels: begun on WhatsApp, continued by SMS; STOP on one stops both', async () => {
    const wa = new WhatsApp(rt, '+5214775550120', 'Carmen', twilio)
    await wa.say('Hola')
    expect(await wa.say('OK')).toMatch(/Sindicato/)
    const sms = new Phone(rt, '+524775550120')
    expect(await sms.say('5')).toMatch(/empresa/) // the problem menu answered from the other channel
    await sms.say('ALTO')
    expect((await wa.send({ body: 'OK' })).text).toBeNull()
    expect(await wa.say('START')).toMatch(/Ya puede usar la línea otra vez/)
  })

  it('the SMS webhook recognises whatsapp: addresses and runs the WhatsApp conversation', async () => {
    const wa = new WhatsApp(rt, '+5214775550130', 'Inés', twilio, '/twilio/sms')
    expect(await wa.say('Hola')).toMatch(/notas de voz/)
    await report(new WhatsApp(rt, '+5214775550131', 'Inés', twilio, '/twilio/sms'), 'no')
    const kase = await rt.deps.sql.get<{ channel: string }>('SELECT channel FROM cases')
    expect(kase?.channel).toBe('whatsapp')
  })
})
