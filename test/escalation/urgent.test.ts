/**
 * Urgent at intake: a worker in Mexico who reports a dismissal, on any channel and in any
 * language, gets a case that says "act before DATE" (LFT Art. 518: two months), and their
 * follow-up on the web, by API, by SMS STATUS and on the voice line says so in plain words.
 */
import { describe, expect, it } from 'vitest'
import { tFor } from '../../src/i18n/index.js'
import { getForm, postForm as postWebForm } from '../helpers/forms.js'
import { postJson, type TestRuntime } from '../helpers/runtime.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { Phone, receiptIn } from '../sms/phone.js'
import { Caller, spoken } from '../voice/call.js'
import { api, insertCase, makeStaff, type TestStaff } from '../console/setup.js'

describe('a dismissal in Mexico is urgent at intake', () => {
  let rt: TestRuntime
  let admin: TestStaff
  withFakeTwilio(
    async (_t, r) => {
      rt = r
      admin = await makeStaff(rt, 'admin', 'admin@hotline.example')
    },
    { remoteAddress: '198.51.100.63' },
  )
  const file = async (body: Record<string, unknown>) => {
    const res = await postJson(rt, '/api/v1/reports', { employer: 'Autopartes del Norte', ...body })
    expect(res.status).toBe(201)
    return (await res.json()) as { receipt: string; reference: string }
  }
  const caseOf = async (reference: string) => {
    const { id } = rt.db.prepare('SELECT id FROM cases WHERE reference = ?').get(reference) as { id: string }
    const res = await api(rt, 'GET', `/api/v1/cases/${id}`, admin.token)
    return ((await res.json()) as { case: { actBefore: number | null; clocks: { id: string; state: string }[] } }).case
  }
  const followUp = async (receipt: string, language = 'es') =>
    (await (await postJson(rt, '/api/v1/follow-up', { receipt, language })).json()) as { actBefore?: string; urgent?: string }

  it('web and API, in Spanish, French and English: act before the day two months after the dismissal', async () => {
    const es = await file({ language: 'es', country: 'MX', description: 'Me despidieron por pedir que me pagaran las horas extra.', occurredOn: '2026-11-20' })
    const fr = await file({ language: 'fr', country: 'MX', description: "J'ai été licencié sans raison après dix ans à l'usine.", occurredOn: '2026-11-02' })
    const en = await file({ language: 'en', country: 'MX', description: 'They fired me after I asked about the union vote.', occurredOn: '2026-10' })
    expect(new Date((await caseOf(es.reference)).actBefore!).toISOString().slice(0, 10)).toBe('2027-01-20')
    expect(new Date((await caseOf(fr.reference)).actBefore!).toISOString().slice(0, 10)).toBe('2027-01-02')
    // A month only: counted from its first day, never later than the truth.
    expect(new Date((await caseOf(en.reference)).actBefore!).toISOString().slice(0, 10)).toBe('2026-12-01')
    expect((await caseOf(es.reference)).clocks.find((c) => c.id === 'lft_518')).toMatchObject({ state: 'open' })

    expect(await followUp(es.receipt)).toMatchObject({ actBefore: '2027-01-20', urgent: expect.stringContaining('actúe antes del 2027-01-20') })
    // The web follow-up page says it in plain words, in the reporter's language.
    const { token } = await getForm(rt, '/es/follow-up')
    const page = await (await postWebForm(rt, '/es/follow-up', { token, receipt: es.receipt })).text()
    expect(page).toContain('id="urgent"')
    expect(page).toContain('Por su despido: en México tiene dos meses para reclamar. Actúe antes del 20 de enero de 2027')
    const { token: t2 } = await getForm(rt, '/fr/follow-up')
    const frPage = await (await postWebForm(rt, '/fr/follow-up', { token: t2, receipt: fr.receipt })).text()
    expect(frPage).toContain('Agissez avant le 2 janvier 2027')
  })

  it('no urgency outside Mexico, or without a dismissal', async () => {
    const gt = await file({ language: 'es', country: 'GT', description: 'Me despidieron por ir al sindicato.' })
    const mx = await file({ language: 'es', country: 'MX', description: 'No nos pagan las horas extra del sábado.' })
    for (const r of [gt, mx]) {
      expect((await caseOf(r.reference)).actBefore).toBeNull()
      expect(await followUp(r.receipt)).not.toHaveProperty('actBefore')
    }
  })

  it('by SMS: a report of a dismissal, then ESTADO tells the day to act by', async () => {
    const phone = new Phone(rt, '+5214775550177', { fromCountry: 'MX', toCountry: 'MX' })
    await phone.say('HOLA')
    await phone.say('OK')
    await phone.say('5')
    await phone.say('Autopartes del Bajío')
    await phone.say('Silao')
    await phone.say('Me despidieron ayer por reclamar mi salario.')
    await phone.say('LISTO')
    const receipt = receiptIn(await phone.say('no'))
    const status = await phone.say(`ESTADO ${receipt}`)
    // No day given: counted from an estimate 31 days before the report (2026-10-25), so 2026-12-25.
    // Sent in GSM-7 (accents folded, test/sms/phone.ts).
    expect(status).toMatch(/Por su despido, act[uú]e antes del 25 dic 2026\. Vaya a un centro de conciliaci[oó]n laboral, es gratis\./)
  })

  it('on the voice line: the status check says until when to claim', async () => {
    const r = await file({ language: 'es', country: 'MX', description: 'Me corrieron del trabajo la semana pasada.', occurredOn: '2026-11-16' })
    const call = new Caller(rt, { from: '+5214775550188' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    const status = await call.press(prompt, r.receipt.replace(/ /g, ''))
    expect(spoken(status)).toContain(tFor('es')('followup:urgent.voice', { date: '16 de enero de 2027' }))
  })

  it('a voice report has no typed words: staff record the dismissal day, and the caller hears it', async () => {
    const kase = await insertCase(rt, { channel: 'voice', country: 'MX', sector: 'auto_parts' })
    const bad = await api(rt, 'POST', '/api/v1/escalations/dismissal', admin.token, { case: kase.reference, on: '2026-12-31' })
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ on: 'This day has not come yet.' })
    const gt = await insertCase(rt, { channel: 'voice', country: 'GT' })
    expect((await api(rt, 'POST', '/api/v1/escalations/dismissal', admin.token, { case: gt.reference, on: '2026-11-10' })).status).toBe(400)
    expect((await api(rt, 'POST', '/api/v1/escalations/dismissal', admin.token, { case: kase.reference, on: '2026-11-10' })).status).toBe(201)
    expect(new Date((await caseOf(kase.reference)).actBefore!).toISOString().slice(0, 10)).toBe('2027-01-10')
    const audit = rt.db.prepare("SELECT data FROM audit_log WHERE action = 'case_dismissal'").all()
    expect(audit).toEqual([{ data: JSON.stringify({ on: '2026-11-10' }) }])
    const call = new Caller(rt, { from: '+5214775550199' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    const status = await call.press(prompt, kase.receipt.replace(/ /g, ''))
    expect(spoken(status)).toContain(tFor('es')('followup:urgent.voice', { date: '10 de enero de 2027' }))
  })
})
