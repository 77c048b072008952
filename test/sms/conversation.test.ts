/**
 * Whole SMS conversations in Spanish, French and English, signed as Twilio signs them: a report
 * through to its receipt, a status check, the monitor's question answered by text, STOP and START.
 * Every reply is checked to fit in two segments (test/sms/phone.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { decodeBase64 } from '../../src/config.js'
import { gsmFold } from '../../src/channels/sms/segments.js'
import { openIdentity } from '../../src/privacy/crypto.js'
import { custodianKey, makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { Phone, receiptIn } from './phone.js'

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

const SCRIPTS = {
  es: {
    from: '+5214775550101',
    geo: { fromCountry: 'MX', toCountry: 'MX' },
    hello: 'HOLA',
    notice: /ALTO/,
    menu: /1 Sindicato y contrato colectivo/,
    problem: '5',
    right: 'wages',
    employer: 'Autopartes del Bajío',
    town: 'Silao',
    story: ['Nos pagan menos del mínimo desde marzo.', 'Y no pagan las horas extra del sábado.'],
    finish: 'LISTO',
    consent: 'no',
    country: 'MX',
    status: 'ESTADO',
    label: /recibida/,
    question: '¿Cuántas personas trabajan en su turno?',
    answer: 'Somos 40 en el turno de noche.',
    stop: 'ALTO',
    stopped: /Ya no recibirá/,
    started: /Ya puede usar la línea otra vez/,
  },
  fr: {
    from: '+2250701020304',
    geo: { fromCountry: 'CI', toCountry: 'CI' },
    hello: 'Bonjour',
    notice: /ARRET/,
    menu: /1 Syndicat et convention collective/,
    problem: '3',
    right: 'child_labor',
    employer: 'Coopérative de cacao de Soubré',
    town: 'Soubré',
    story: [
      'Des enfants de 12 ans portent les sacs de cacao.',
      "Le chef dit que c'est normal. FINI",
    ],
    finish: undefined,
    consent: 'OUI',
    country: 'CI',
    status: 'STATUT',
    label: /reçu\. Une personne/,
    question: 'Combien d’enfants avez-vous vus ?',
    answer: 'Environ dix enfants, tous les jours.',
    stop: 'ARRÊT',
    stopped: /Vous ne recevrez plus/,
    started: /Vous pouvez de nouveau utiliser cette ligne/,
  },
  en: {
    from: '+12025550143',
    geo: {},
    hello: 'Hello',
    notice: /STOP/,
    menu: /7 Safety and health/,
    problem: '7',
    right: 'safety_health',
    employer: 'Sunrise Packing LLC',
    town: 'Yakima',
    story: ['There is no water on the line and two of us fainted last week.'],
    finish: 'done',
    consent: 'Yes please',
    country: 'US',
    status: 'STATUS',
    label: /received/,
    question: 'Which shift were you on?',
    answer: 'The day shift.',
    stop: 'STOP',
    stopped: /no more messages/,
    started: /You can use this line again/,
  },
} as const

describe('an SMS report in each language', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  for (const [lang, s] of Object.entries(SCRIPTS)) {
    it(`${lang}: report → receipt → status → question answered → STOP → START`, async () => {
      const phone = new Phone(rt, s.from, s.geo)
      expect(await phone.say(s.hello)).toMatch(s.notice)
      if (lang === 'en') {
        // No FromCountry/ToCountry: the country is asked.
        expect(await phone.say('OK')).toMatch(/country.*\n1 Mexico\n2 United States/s)
        expect(await phone.say('12')).toMatch(/number from 1 to 10/)
        expect(await phone.say('2')).toMatch(s.menu)
      } else {
        expect(await phone.say('OK')).toMatch(s.menu)
      }
      const p = phone
      await p.say(s.problem)
      await p.say(s.employer)
      await p.say(s.town)
      for (const part of s.story) await p.say(part)
      if (s.finish) await p.say(s.finish)
      const done = await p.say(s.consent)
      const receipt = receiptIn(done)
      expect(done).toContain(`${s.status} ${receipt}`)

      const kase = await rt.deps.sql.get<CaseRow>('SELECT * FROM cases')
      expect(kase).toMatchObject({
        channel: 'sms',
        language: lang,
        country: s.country,
        employer: s.employer,
        location: s.town,
      })
      expect(JSON.parse(kase!.rights_chosen)).toEqual([s.right])
      expect(kase!.description_redacted).toContain(s.story[0].slice(0, 20))
      // The conversation is over; only its language is kept (STOP and START answer in it).
      const sessions = await rt.deps.sql.all<{ step: string; language: string }>(
        'SELECT step, language FROM sms_sessions',
      )
      expect(sessions).toEqual([{ step: 'lang', language: lang }])
      if (s.consent === 'no') {
        expect(kase!.identity_sealed).toBeNull()
        expect(kase!.consent_to_contact).toBe(0)
      } else {
        const identity = openIdentity(
          rt.sodium,
          kase!.identity_sealed!,
          rt.config.custodianPublicKey,
          decodeBase64(custodianKey(rt))!,
        )
        expect(identity).toEqual({ phone: p.from })
        expect(kase!.consent_to_contact).toBe(1)
      }

      const status = await p.say(`${s.status} ${receipt}`)
      expect(status).toMatch(s.label)
      await addStaffMessage(rt.deps, kase!.id, null, s.question)
      const withQuestion = await p.say(`${s.status} ${receipt.replace(/ /g, '-')}`)
      expect(gsmFold(withQuestion)).toContain(gsmFold(s.question))
      rt.clock.advance(60_000) // the thread is ordered by time: the answer comes after the question
      const thanks = await p.say(`${receipt} ${s.answer}`)
      expect(thanks.length).toBeGreaterThan(10)
      const msgs = await rt.deps.sql.all<{
        direction: string
        channel: string
        body_redacted: string
      }>(
        'SELECT direction, channel, body_redacted FROM case_messages ORDER BY created_at, direction DESC',
      )
      expect(msgs.map((m) => m.direction)).toEqual(['to_reporter', 'from_reporter'])
      expect(msgs[1]).toMatchObject({ channel: 'sms' })
      expect(gsmFold(await p.say(`${s.status} ${receipt}`))).not.toContain(gsmFold(s.question))

      expect(await p.say(s.stop)).toMatch(s.stopped)
      const silent = await p.send('ok')
      expect(silent.status).toBe(200)
      expect(silent.text).toBeNull()
      expect(silent.xml).toContain('<Response/>')
      // A greeting opts back in, as the help text and the opt-out reply say (issue 20, defect 5).
      expect(await p.say(s.hello)).toMatch(s.started)
      expect(await p.say(s.hello)).toMatch(s.notice)
    })
  }

  it('picks the language from the trilingual menu, or from clear free text', async () => {
    const a = new Phone(rt, '+5215550000001', { fromCountry: 'MX' })
    const menu = await a.say('ok')
    expect(menu).toBe('Reply / Responda / Répondez: 1 English, 2 Español, 3 Français')
    expect(await a.say('7')).toBe(menu)
    expect(await a.say('2')).toMatch(/L.nea confidencial\. Guardamos/)
    const b = new Phone(rt, '+5215550000002')
    expect(await b.say('Buenas tardes, quiero denunciar lo que pasa en mi trabajo')).toMatch(
      /confidencial/,
    )
    const c = new Phone(rt, '+2255550000003')
    expect(await c.say('Je travaille dans une plantation et nous ne sommes pas payés')).toMatch(
      /confidentielle/,
    )
    const d = new Phone(rt, '+15550000004')
    expect(await d.say('I want to report my boss')).toMatch(/confidential/)
  })

  it('confirms STOP in three languages when the language is unknown; answers HELP while opted out', async () => {
    const p = new Phone(rt, '+5215550000006')
    const stop = await p.say('STOP')
    expect(stop).toMatch(/no more messages.*Ya no recibir.*Vous ne recevrez plus/s)
    expect((await p.send('ok')).text).toBeNull()
    expect(await p.say('AIDE')).toMatch(/Ligne confidentielle/)
    expect(await p.say('UNSTOP')).toMatch(/You can use this line again.*Ya puede usar.*Vous pouvez de nouveau/s)
    const q = new Phone(rt, '+5215550000007', { fromCountry: 'MX' })
    await q.say('HOLA')
    expect(await q.say('STOP')).toMatch(/Ya no recibir/) // the conversation's language
    expect(await q.say('START')).toMatch(/Ya puede usar la línea otra vez/)
    expect(await q.say('ok')).toMatch(/1 English/) // the old conversation is gone
  })

  it('switches language mid-way on a language name, and answers HELP in the conversation language', async () => {
    const p = new Phone(rt, '+5215550000005', { fromCountry: 'MX', toCountry: 'MX' })
    await p.say('HOLA')
    await p.say('OK')
    expect(await p.say('AYUDA')).toMatch(/L.nea confidencial/)
    expect(await p.say('HELP')).toMatch(/L.nea confidencial/)
    expect(await p.say('FRANÇAIS')).toMatch(/Quel problème/)
    expect(await p.say('2')).toMatch(/nom de l'entreprise/)
  })
})
