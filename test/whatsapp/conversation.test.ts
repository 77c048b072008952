/**
 * Whole WhatsApp conversations in Spanish, French and English, in Twilio's WhatsApp webhook
 * format and signed as Twilio signs them: a report with a voice note through to its receipt,
 * the voice note fetched, sealed to the custodian and erased at Twilio by the retried job, a
 * status check, the monitor's question answered, STOP and START. Replies keep their accents and
 * are not held to SMS's two segments.
 */
import { describe, expect, it } from 'vitest'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { openCaseRecordings } from '../../src/channels/voice/recording.js'
import { silentVoiceNote } from '../../src/channels/whatsapp/ogg.js'
import { decodeBase64 } from '../../src/config.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { openIdentity } from '../../src/privacy/crypto.js'
import { custodianKey, type TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { twilioRequest } from '../helpers/twilio-sign.js'
import { receiptIn } from '../sms/phone.js'
import { WhatsApp } from './phone.js'

const SCRIPTS = {
  es: {
    number: '+5214775550101',
    stored: '+524775550101', // Mexico's WhatsApp "+521" is the SMS number "+52"
    name: 'María Guadalupe Hernández',
    hello: 'Hola',
    notice: /notas de voz/,
    menu: /1 Sindicato y contrato colectivo\n[\s\S]*4 Discriminación/,
    problem: '5',
    right: 'wages',
    employer: 'Autopartes del Bajío',
    town: 'Silao',
    describe: /Puede escribir o mandar notas de voz/,
    story: 'Nos pagan menos del mínimo desde marzo y no pagan las horas extra.',
    marker: '[nota de voz 1]',
    finish: 'LISTO',
    consent: 'sí',
    country: 'MX',
    status: 'ESTADO',
    label: /recibida/,
    question: '¿Cuántas personas trabajan en su turno?',
    answer: 'Somos 40 en el turno de noche.',
    stop: 'ALTO',
    started: /Ya puede usar la línea otra vez/,
  },
  fr: {
    number: '+2250701020304',
    stored: '+2250701020304',
    name: 'Aya Kouassi',
    hello: 'Bonjour',
    notice: /notes vocales/,
    menu: /1 Syndicat et convention collective\n[\s\S]*2 Travail forcé/,
    problem: '3',
    right: 'child_labor',
    employer: 'Coopérative de cacao de Soubré',
    town: 'Soubré',
    describe: /envoyer des notes vocales/,
    story: 'Des enfants de 12 ans portent les sacs de cacao. Le chef dit que c’est normal.',
    marker: '[note vocale 1]',
    finish: 'FINI',
    consent: 'NON',
    country: 'CI',
    status: 'STATUT',
    label: /reçu/,
    question: 'Combien d’enfants avez-vous vus ?',
    answer: 'Environ dix enfants, tous les jours.',
    stop: 'ARRÊT',
    started: /de nouveau utiliser cette ligne/,
  },
  en: {
    number: '+12025550143',
    stored: '+12025550143',
    name: 'John Carter',
    hello: 'Hello',
    notice: /voice notes you send/,
    menu: /7 Safety and health/,
    problem: '7',
    right: 'safety_health',
    employer: 'Sunrise Packing LLC',
    town: 'Yakima',
    describe: /send voice notes/,
    story: 'There is no water on the line and two of us fainted last week.',
    marker: '[voice note 1]',
    finish: 'done',
    consent: 'Yes',
    country: 'US',
    status: 'STATUS',
    label: /received/,
    question: 'Which shift were you on?',
    answer: 'The day shift.',
    stop: 'STOP',
    started: /use this line again/,
  },
} as const

interface CaseRow {
  id: string
  channel: string
  language: string
  country: string
  employer: string
  location: string
  rights_chosen: string
  description_redacted: string
  consent_to_contact: number
  identity_sealed: Uint8Array | null
}

describe('a WhatsApp report in each language', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  for (const [lang, s] of Object.entries(SCRIPTS)) {
    it(`${lang}: report with a voice note → receipt → note sealed and erased → status → answer → STOP → START`, async () => {
      const wa = new WhatsApp(rt, s.number, s.name, twilio)
      expect(await wa.say(s.hello)).toMatch(s.notice)
      if (lang === 'en') {
        // +1 names no single country: the hotline asks.
        expect(await wa.say('OK')).toMatch(/country.*\n1 Mexico\n2 United States/s)
        expect(await wa.say('2')).toMatch(s.menu)
      } else {
        const menu = await wa.say('OK')
        expect(menu).toMatch(s.menu) // accents kept: WhatsApp is not folded to GSM-7
      }
      await wa.say(s.problem)
      await wa.say(s.employer)
      expect(await wa.say(s.town)).toMatch(s.describe)
      await wa.say(s.story)
      const audio = silentVoiceNote(42)
      const noteReply = await wa.send({ media: { type: 'audio/ogg', bytes: audio } })
      expect(noteReply.text).toBeTruthy()
      const noteSid = noteReply.sid
      await wa.say(s.finish)
      const done = await wa.say(s.consent)
      const receipt = receiptIn(done)
      expect(done).toContain(`${s.status} ${receipt}`)
      if (lang === 'fr') expect(done).toContain('reçu') // accents stay

      const kase = (await rt.deps.sql.get<CaseRow>('SELECT * FROM cases'))!
      expect(kase).toMatchObject({ channel: 'whatsapp', language: lang, country: s.country, employer: s.employer, location: s.town })
      expect(JSON.parse(kase.rights_chosen)).toEqual([s.right])
      expect(kase.description_redacted).toContain(s.marker)
      if (s.consent === 'NON') {
        expect(kase.identity_sealed).toBeNull()
        expect(kase.consent_to_contact).toBe(0)
      } else {
        const identity = openIdentity(rt.sodium, kase.identity_sealed!, rt.config.custodianPublicKey, decodeBase64(custodianKey(rt))!)
        expect(identity).toEqual({
          phone: s.stored,
          meta: { channel: 'whatsapp', profileName: s.name, waId: s.number.slice(1) },
        })
      }

      // The voice note: fetched by the job, sealed to the custodian, then erased at Twilio.
      expect(twilio.media.size).toBe(1)
      await runDueJobs(rt.deps, jobHandlers)
      const keys = { publicKey: rt.config.custodianPublicKey, privateKey: decodeBase64(custodianKey(rt))! }
      const recs = await openCaseRecordings(rt.deps.sql, rt.sodium, kase.id, keys)
      expect(recs).toHaveLength(1)
      expect(recs[0]).toMatchObject({ purpose: 'voice_note', durationS: 42 })
      expect(Buffer.from(recs[0]!.audio!).equals(Buffer.from(audio))).toBe(true)
      expect(twilio.media.size).toBe(0)
      expect(twilio.records.has(noteSid)).toBe(false)
      const fetched = twilio.requests.filter((r) => r.method === 'GET' && r.path.includes('/Media/'))
      expect(fetched.length).toBe(1)
      expect(fetched.every((r) => r.authorized)).toBe(true)
      // Every other inbound message is erased after a minute.
      rt.clock.advance(61_000)
      await runDueJobs(rt.deps, jobHandlers, 100)
      expect(wa.replies.every((r) => !twilio.records.has(r.sid))).toBe(true)

      const status = await wa.say(`${s.status} ${receipt}`)
      expect(status).toMatch(s.label)
      await addStaffMessage(rt.deps, kase.id, null, s.question)
      expect(await wa.say(`${s.status} ${receipt}`)).toContain(s.question) // whole, accents kept
      rt.clock.advance(60_000)
      await wa.say(`${receipt} ${s.answer}`)
      const msgs = await rt.deps.sql.all<{ direction: string; channel: string }>(
        'SELECT direction, channel FROM case_messages ORDER BY created_at, direction DESC',
      )
      expect(msgs).toEqual([
        { direction: 'to_reporter', channel: expect.any(String) },
        { direction: 'from_reporter', channel: 'whatsapp' },
      ])

      // After STOP the line is silent to anything but the words that opt back in (START, or the
      // greeting, issue 20): those answer in the worker's language, then a report can start again.
      await wa.say(s.stop)
      const silent = await wa.send({ body: s.story })
      expect(silent.text).toBeNull()
      expect(await wa.say(s.hello)).toMatch(s.started)
      expect(await wa.say(s.hello)).toMatch(s.notice)
    })
  }

  it('answers a repeated MessageSid with the same reply and changes nothing', async () => {
    const wa = new WhatsApp(rt, '+5214775550102', 'Juan Pérez', twilio)
    const first = await wa.send({ body: 'Hola' })
    const again = await wa.send({ body: 'Hola', sid: first.sid })
    expect(again.xml).toBe(first.xml)
    expect(await wa.say('OK')).toMatch(/Sindicato/) // one step on, not two
  })

  it('refuses an unsigned or wrongly signed message with 403, and stores nothing', async () => {
    const wa = new WhatsApp(rt, '+5214775550103', 'Ana', twilio)
    const params = wa.params({ body: 'Hola', sid: 'SM' + 'ab'.repeat(16) })
    for (const signature of [null, 'bm90IGEgc2lnbmF0dXJl']) {
      const res = await twilioRequest(rt.app, '/twilio/whatsapp', params, {
        baseUrl: rt.config.publicBaseUrl,
        authToken: rt.config.twilioAuthToken!,
        signature,
      })
      expect(res.status).toBe(403)
    }
    expect((await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM sms_sessions'))?.n).toBe(0)
  })

  it('refuses pictures with a translated message and erases them; asks for writing outside the story', async () => {
    const wa = new WhatsApp(rt, '+5214775550104', 'Rosa', twilio)
    await wa.say('Hola')
    await wa.say('OK')
    await wa.say('5')
    const photo = await wa.send({ media: { type: 'image/jpeg', bytes: new Uint8Array([0xff, 0xd8, 0xff]) } })
    expect(photo.text).toMatch(/no podemos recibir fotos/)
    const early = await wa.send({ media: { type: 'audio/ogg', bytes: silentVoiceNote(3) } })
    expect(early.text).toMatch(/responda esta pregunta por escrito/)
    expect(await wa.say('Maquila Norte')).toMatch(/ciudad/) // still at the employer question
    rt.clock.advance(61_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect(twilio.media.size).toBe(0) // both erased with their messages
    expect(twilio.records.has(photo.sid)).toBe(false)
  })

  it('erases the voice notes of a story never filed, at the first UTC midnight 25 h after they came', async () => {
    const wa = new WhatsApp(rt, '+5214775550105', 'Luis', twilio)
    for (const m of ['Hola', 'OK', '5', 'Maquila Norte', 'Juárez']) await wa.say(m)
    const note = await wa.send({ media: { type: 'audio/ogg', bytes: silentVoiceNote(5) } })
    expect(note.text).toMatch(/Recibido/)
    rt.clock.advance(2 * 60_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect(twilio.media.size).toBe(1) // kept at Twilio while the story may still be filed
    rt.clock.advance(24 * 3_600_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect(twilio.media.size).toBe(1)
    // At the first UTC midnight 25 h on: the job's time says the day, never the minute.
    const job = await rt.deps.sql.get<{ run_at: number }>("SELECT run_at FROM jobs WHERE done_at IS NULL")
    expect(job!.run_at % 86_400_000).toBe(0)
    rt.clock.advance(25 * 3_600_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect(twilio.media.size).toBe(0)
    expect(twilio.records.has(note.sid)).toBe(false)
  })

  it('takes at most 20 voice notes in one story, and says so', async () => {
    const wa = new WhatsApp(rt, '+5214775550106', 'Toño', twilio)
    for (const m of ['Hola', 'OK', '5', 'Maquila Norte', 'Juárez']) await wa.say(m)
    const note = silentVoiceNote(1)
    for (let i = 0; i < 20; i++) expect(await wa.voiceNote(note)).toMatch(/Recibido/)
    expect(await wa.voiceNote(note)).toMatch(/Ya no podemos recibir más notas de voz/)
    await wa.say('LISTO')
    await wa.say('NO')
    const kase = await rt.deps.sql.get<{ id: string; description_redacted: string }>('SELECT id, description_redacted FROM cases')
    expect(kase!.description_redacted).toContain('[nota de voz 20]')
    expect(kase!.description_redacted).not.toContain('[nota de voz 21]')
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM voice_recordings WHERE case_id = ?', kase!.id)
    expect(n?.n).toBe(20)
  })

  it("keeps a long question from a monitor within Twilio's 1,600 characters, accents and all", async () => {
    const wa = new WhatsApp(rt, '+2250701020399', 'Awa', twilio)
    for (const m of ['Bonjour', 'OK', '3', 'Coopérative', 'Soubré', 'Des enfants portent les sacs. FINI']) await wa.say(m)
    const receipt = receiptIn(await wa.say('NON'))
    const kase = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases'))!
    const question = 'Pouvez-vous préciser où et à quelle heure ? '.repeat(45).trim() // 1,979 characters
    await addStaffMessage(rt.deps, kase.id, null, question)
    const status = await wa.say(`STATUT ${receipt}`)
    expect(status.length).toBeLessThanOrEqual(1_600)
    expect(status.length).toBeGreaterThan(1_500)
    expect(status).toMatch(/reçu/)
    expect(status).toContain('Pouvez-vous préciser où et à quelle heure ?') // accents kept
    expect(status).toMatch(/2026\u202f: reçu/) // and French typography (SMS sends a plain space)
    expect(status).toMatch(/…/)
  })
})
