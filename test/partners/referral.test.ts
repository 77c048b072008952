/**
 * A monitor refers a case to an organisation with the worker's consent asked through the reporter
 * channel: the question goes out (web follow-up, SMS STATUS), nothing is shared before the answer,
 * and the worker's yes or no (web buttons, or the receipt then YES/NO by SMS) is recorded in the
 * ledger (also 7/8 on the voice line); a yes shares the case with the organisation.
 */
import { describe, expect, it } from 'vitest'
import { getForm, postForm as postWebForm, tokenIn } from '../helpers/forms.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { tFor } from '../../src/i18n/index.js'
import { Phone } from '../sms/phone.js'
import { Caller, spoken } from '../voice/call.js'
import { api, insertCase, login, makeStaff, postForm, type TestCase, type TestStaff } from '../console/setup.js'

describe('referral to an organisation', () => {
  let rt: TestRuntime
  let monitor: TestStaff
  let ngo: TestStaff
  let kase: TestCase
  withFakeTwilio(
    async (_t, r) => {
      rt = r
      monitor = await makeStaff(rt, 'monitor', 'mx@hotline.example', { scopes: ['right:*@MX'] })
      ngo = await makeStaff(rt, 'ngo', 'legal@aid.example', { org: 'Defensa Legal Laboral' })
      kase = await insertCase(rt, { assignedTo: monitor.id })
    },
    { remoteAddress: '198.51.100.40' },
  )
  const REFER = { org: 'Defensa Legal Laboral', disclose: ['redacted'], recipients: ['mx_cfcrl', 'us_dol'], until: '2027-05-31' }
  const sees = async () =>
    ((await (await api(rt, 'GET', '/api/v1/cases?status=all', ngo.token)).json()) as { cases: { id: string }[] }).cases.some(
      (c) => c.id === kase.id,
    )
  const consent = () => rt.db.prepare('SELECT status, method, org_id FROM consents WHERE case_id = ?').get(kase.id) as Record<string, unknown>

  it('asks on the case page; the worker says yes on the web; the organisation then sees the case', async () => {
    const s = await login(rt, monitor)
    const casePage = await (await rt.app.request(`/console/cases/${kase.id}`, { headers: { cookie: s.cookie } })).text()
    expect(casePage).toContain('id="action-refer"')
    const bad = await postForm(rt, `/console/cases/${kase.id}/refer`, s, { ...REFER, org: 'Nadie' })
    expect(bad.headers.get('location')).toContain('error=org')
    const res = await postForm(rt, `/console/cases/${kase.id}/refer`, s, REFER)
    expect(res.headers.get('location')).toContain('done=refer')
    expect(consent()).toMatchObject({ status: 'asked' })
    expect(await sees()).toBe(false) // nothing shared before the answer
    // Asking twice for the same organisation while waiting: 409.
    expect((await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { referTo: REFER })).status).toBe(409)

    const { token } = await getForm(rt, '/es/follow-up')
    const page = await (await postWebForm(rt, '/es/follow-up', { token, receipt: kase.receipt })).text()
    expect(page).toContain('¿Podemos compartir su denuncia con Defensa Legal Laboral')
    expect(page).toContain(tFor('es')('web:followUp.consentStatus.asked'))
    const answerToken = tokenIn(page, '/es/follow-up/consent')
    const yes = await postWebForm(rt, '/es/follow-up/consent', { token: answerToken, receipt: kase.receipt, answer: 'yes' })
    expect(yes.status).toBe(200)
    expect(await yes.text()).toContain('Gracias, guardamos su respuesta.')
    expect(consent()).toMatchObject({ status: 'given', method: 'written' })
    expect(await sees()).toBe(true)
    const audit = rt.db.prepare("SELECT action, data FROM audit_log WHERE action IN ('case_referral', 'consent_answer') ORDER BY seq").all() as { action: string; data: string }[]
    expect(audit.map((a) => a.action)).toEqual(['case_referral', 'consent_answer'])
    expect(JSON.parse(audit[1]!.data)).toMatchObject({ answer: 'given', via: 'web' })
    // The organisation reads the consent in its ledger.
    const ledger = (await (await api(rt, 'GET', `/api/v1/consents?case=${kase.reference}`, ngo.token)).json()) as { consents: { status: string }[] }
    expect(ledger.consents.map((c) => c.status)).toEqual(['given'])
  })

  it('asks through the API; the worker hears it by SMS STATUS and says no; nothing is shared', async () => {
    const res = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { referTo: REFER })
    expect(res.status).toBe(200)
    const phone = new Phone(rt, '+5215550003333')
    expect(await phone.say(`ESTADO ${kase.receipt}`)).toMatch(/Defensa Legal Laboral/)
    expect(await phone.say(`${kase.receipt} NO`)).toMatch(/no se comparte nada/)
    expect(consent()).toMatchObject({ status: 'refused', method: 'sms' })
    expect(await sees()).toBe(false)
    // A longer answer that starts with "no" is a message, not an answer to the referral.
    const again = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { referTo: { ...REFER, until: '2027-06-30' } })
    expect(again.status).toBe(200)
    await phone.say(`${kase.receipt} No pagan las horas extra`)
    const waiting = rt.db.prepare("SELECT COUNT(*) AS n FROM consents WHERE status = 'asked'").get() as { n: number }
    expect(waiting.n).toBe(1)
    expect(await phone.say(`${kase.receipt} SÍ`)).toMatch(/la organización ya puede ver/)
    expect(await sees()).toBe(true)
    // The NGO cannot refer; bad consent terms are translated 400s.
    expect((await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, ngo.token, { referTo: REFER })).status).toBe(403)
    const bad = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { referTo: { ...REFER, recipients: [] } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('Choose with whom it may be shared.')
  })

  it('the worker hears the question on the voice line and agrees with 7', async () => {
    const es = tFor('es')
    expect((await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { referTo: REFER })).status).toBe(200)
    const call = new Caller(rt, { from: '+5214775550166' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    const status = await call.press(prompt, kase.receipt.replace(/ /g, ''))
    expect(spoken(status)).toContain('Defensa Legal Laboral')
    expect(spoken(status)).toContain(es('voice:check.referral'))
    const done = await call.press(status, '7')
    expect(spoken(done)).toContain(es('voice:check.answered'))
    expect(consent()).toMatchObject({ status: 'given', method: 'oral' })
    expect(await sees()).toBe(true)
  })
})
