/**
 * Filing on a worker's behalf: POST /api/v1/ngo/reports and the console filing page. The case is
 * channel `ngo` and records the organisation; the consent row is written with it; the receipt
 * comes back once and, when the worker gave a number and agreed, one SMS through Twilio's REST
 * API (the local fake) carries it, and the erasure job deletes that message at Twilio. The worker
 * follows up with the receipt on web and SMS; another organisation sees nothing; no identifier
 * typed in appears in any file the server wrote.
 */
import { describe, expect, it } from 'vitest'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { getForm, postForm as postWebForm, textOf } from '../helpers/forms.js'
import type { TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { Phone } from '../sms/phone.js'
import { api, login, makeStaff, postForm, type TestStaff } from '../console/setup.js'

const NAME = 'Eulalia Quispe Marroquín'
const PHONE = '+524775550123'
const NEEDLES = [NAME, 'Eulalia', 'Quispe', 'Marroquín', PHONE, PHONE.slice(1), '4775550123', '477 555 0123']

const REPORT = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Norte',
  description: 'En la asamblea nos dijeron que quien vote por el sindicato será despedido.',
  contact: { name: NAME, phone: '+52 477 555 0123' },
  consentToContact: true,
  consent: { disclose: ['redacted', 'identity'], recipients: ['us_dol', 'mx_cfcrl'], until: '2027-06-30', method: 'oral' },
}

describe('an NGO files for a worker', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  let ngo: TestStaff
  let other: TestStaff
  withFakeTwilio(
    async (t, r) => {
      twilio = t
      rt = r
      ngo = await makeStaff(rt, 'ngo', 'filer@union.example', { org: 'Sindicato Independiente del Bajío' })
      other = await makeStaff(rt, 'ngo', 'other@ngo.example', { org: 'Otra Organización AC' })
    },
    { remoteAddress: '198.51.100.20' },
  )
  // The SMS sender is a setting; withFakeTwilio's runtime has none, so this suite sets one.
  const withSender = () => {
    rt.deps.config = { ...rt.deps.config, twilioSmsFrom: '+15005550006' }
  }

  it('through the API: 201 with the receipt once, the SMS sent and erased, consent recorded', async () => {
    withSender()
    const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, { ...REPORT, smsReceipt: true })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { receipt: string; reference: string; consentId: string; sms: string }
    expect(body).toMatchObject({ sms: 'sent' })
    expect(body.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    expect(body.consentId).toMatch(/^[\w-]{8,}$/)

    const row = rt.db
      .prepare('SELECT c.id, c.channel, c.filed_by, o.name FROM cases c JOIN organisations o ON o.id = c.filed_by_org WHERE c.reference = ?')
      .get(body.reference) as { id: string; channel: string; filed_by: string; name: string }
    expect(row).toMatchObject({ channel: 'ngo', filed_by: ngo.id, name: 'Sindicato Independiente del Bajío' })
    const consent = rt.db.prepare('SELECT * FROM consents WHERE id = ?').get(body.consentId) as Record<string, unknown>
    expect(consent).toMatchObject({
      case_id: row.id,
      disclose: '["redacted","identity"]',
      recipients: '["us_dol","mx_cfcrl"]',
      until_day: '2027-06-30',
      method: 'oral',
      status: 'given',
      recorded_by: ngo.id,
    })
    const audit = rt.db.prepare("SELECT actor_id, case_id FROM audit_log WHERE action = 'ngo_filed'").all()
    expect(audit).toEqual([{ actor_id: ngo.id, case_id: row.id }])

    // One SMS, to the worker's number, carrying the receipt; then erased at Twilio.
    expect(twilio.sent).toHaveLength(1)
    expect(twilio.sent[0]).toMatchObject({ to: PHONE, from: '+15005550006' })
    expect(twilio.sent[0]!.body).toContain(body.receipt)
    // In the worker's language, with its accents: the text is worded to fit two segments (issue 20).
    expect(twilio.sent[0]!.body).toMatch(/^Una organización presentó su denuncia/)
    const sid = twilio.sent[0]!.sid
    expect(twilio.records.has(sid)).toBe(true)
    rt.clock.advance(60_000)
    await runDueJobs(rt.deps, jobHandlers)
    expect(twilio.records.has(sid)).toBe(false)

    // The worker follows up with the receipt on the web and by SMS.
    const { token } = await getForm(rt, '/es/follow-up')
    const page = await (await postWebForm(rt, '/es/follow-up', { token, receipt: body.receipt })).text()
    expect(page).toContain('action="/es/follow-up/reply"')
    const phone = new Phone(rt, '+5215550001111')
    const status = await phone.say(`ESTADO ${body.receipt}`)
    expect(status).toMatch(/recibid/i)

    // The filing organisation sees the case; another one sees nothing of it.
    const mine = (await (await api(rt, 'GET', '/api/v1/cases?status=all', ngo.token)).json()) as { cases: { id: string }[] }
    expect(mine.cases.map((c) => c.id)).toContain(row.id)
    const theirs = (await (await api(rt, 'GET', '/api/v1/cases?status=all', other.token)).json()) as { cases: { id: string }[] }
    expect(theirs.cases).toEqual([])
    expect((await api(rt, 'GET', `/api/v1/cases/${row.id}`, other.token)).status).toBe(404)
    expect((await api(rt, 'POST', `/api/v1/cases/${row.id}/messages`, other.token, { body: '¿Hola?' })).status).toBe(404)

    // Nothing the NGO typed about the worker is in any file the server wrote.
    const written = rt.writtenBytes()
    const text = written.toString('utf8') + written.toString('latin1')
    expect(NEEDLES.filter((n) => text.includes(n))).toEqual([])
    expect(text).not.toContain(body.receipt)
  })

  it('refuses bad input with translated field errors and writes nothing', async () => {
    const count = () => (rt.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n
    const consentCount = () => (rt.db.prepare('SELECT COUNT(*) AS n FROM consents').get() as { n: number }).n
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...REPORT, consent: undefined }, 'consent', 'Record the worker’s consent.'],
      [{ ...REPORT, consent: { ...REPORT.consent, disclose: [] } }, 'consent.disclose', 'Choose what may be shared.'],
      [{ ...REPORT, consent: { ...REPORT.consent, recipients: ['cia'] } }, 'consent.recipients', 'Choose with whom'],
      [{ ...REPORT, consent: { ...REPORT.consent, until: '2020-01-01' } }, 'consent.until', 'from today on'],
      [{ ...REPORT, consent: { ...REPORT.consent, method: 'telepathy' } }, 'consent.method', 'how the worker gave consent'],
      [{ ...REPORT, consent: { ...REPORT.consent, extra: 1 } }, 'consent.extra', ''],
      [{ ...REPORT, smsReceipt: true }, 'smsReceipt', 'SMS is not set up'],
      [{ ...REPORT, smsReceipt: true, contact: { phone: '477 555 0123' } }, 'smsReceipt', 'country code'],
      [{ ...REPORT, smsReceipt: 'yes' }, 'smsReceipt', ''],
      [{ ...REPORT, employer: '' }, 'employer', ''],
    ]
    for (const [i, [body, field, text]] of cases.entries()) {
      if (i === 7) withSender()
      const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, body)
      expect(res.status, field).toBe(400)
      const json = (await res.json()) as { error: { fields: Record<string, string> } }
      expect(Object.keys(json.error.fields), field).toContain(field)
      if (text) expect(JSON.stringify(json), field).toContain(text)
    }
    const es = await rt.app.request('/api/v1/ngo/reports', {
      method: 'POST',
      headers: { authorization: `Bearer ${ngo.token}`, 'content-type': 'application/json', 'accept-language': 'es' },
      body: JSON.stringify({ ...REPORT, language: 'fr', consent: { ...REPORT.consent, disclose: [] } }),
    })
    // The NGO reads errors in its own language, whatever the worker's.
    expect(JSON.stringify(await es.json())).toContain('Elija qué se puede compartir.')
    expect(count()).toBe(0)
    expect(consentCount()).toBe(0)
    expect(twilio.sent).toHaveLength(0)
    // Only NGO accounts file on a worker's behalf.
    const monitor = await makeStaff(rt, 'monitor', 'm@hotline.example', { scopes: ['right:*@MX'] })
    expect((await api(rt, 'POST', '/api/v1/ngo/reports', monitor.token, REPORT)).status).toBe(403)
    expect((await rt.app.request('/api/v1/ngo/reports', { method: 'POST', body: '{}' })).status).toBe(401)
  })

  it('from the console page: the receipt is shown once, the case opens, errors come back translated', async () => {
    const s = await login(rt, ngo)
    const form = await (await rt.app.request('/console/ngo/file', { headers: { cookie: s.cookie } })).text()
    expect(form).toContain('name="disclose"')
    const fields = {
      language: 'es',
      country: 'MX',
      sector: 'auto_parts',
      employer: 'Autopartes del Norte',
      description: 'Nos pagan menos del mínimo y sin recibo.',
      disclose: ['redacted'],
      recipients: ['mx_cfcrl', 'brand'],
      until: '2027-01-31',
      method: 'written',
    }
    const bad = await postForm(rt, '/console/ngo/file', s, { ...fields, recipients: [] })
    expect(bad.status).toBe(400)
    const badHtml = await bad.text()
    expect(badHtml).toContain('id="file-errors"')
    expect(badHtml).toContain('Choose with whom it may be shared.')
    expect(badHtml).toContain('Autopartes del Norte') // typed values come back
    const ok = await postForm(rt, '/console/ngo/file', s, fields)
    expect(ok.status).toBe(201)
    const html = await ok.text()
    const receipt = textOf(html, 'receipt')?.match(/\d{4} \d{4} \d{4} \d{4}/)?.[0]
    expect(receipt).toBeDefined()
    const caseId = /href="\/console\/cases\/([\w-]+)"/.exec(html)![1]!
    const casePage = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: s.cookie } })).text()
    expect(casePage).toContain('Nos pagan menos del mínimo')
    expect(casePage).not.toContain(receipt!)
    // Without the CSRF token nothing is filed.
    expect((await postForm(rt, '/console/ngo/file', s, fields, false)).status).toBe(403)
    expect((rt.db.prepare('SELECT COUNT(*) AS n FROM cases').get() as { n: number }).n).toBe(1)
  })
})
