/**
 * The NGO's console: the queue of its organisation's cases with the monitors' filters; the case
 * page with a question to the reporter, organisation-only notes (encrypted at rest), the consent
 * record and the escalation history; never monitors' internal notes, access requests or other
 * organisations' cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getForm, postForm as postWebForm, tokenIn } from '../helpers/forms.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { api, consoleRuntime, login, makeStaff, postForm, type Session, type TestStaff } from '../console/setup.js'

const INTERNAL_NOTE = 'Nota interna del monitor: revisar antecedentes del supervisor'
const ACCESS_REASON = 'Necesitamos confirmar el contacto del testigo con cuidado.'
const ORG_NOTE = 'Nota del sindicato: la trabajadora prefiere llamadas después de las ocho'

let rt: TestRuntime
let monitor: TestStaff
let admin: TestStaff
let ngoA: TestStaff
let ngoA2: TestStaff
let ngoB: TestStaff
let sA: Session
let sA2: Session
let sB: Session
let sM: Session
let sAdmin: Session
let caseId: string
let receipt: string

beforeAll(async () => {
  rt = await consoleRuntime()
  monitor = await makeStaff(rt, 'monitor', 'mx@hotline.example', { scopes: ['right:*@MX'] })
  admin = await makeStaff(rt, 'admin', 'admin@hotline.example')
  ngoA = await makeStaff(rt, 'ngo', 'a1@union.example', { org: 'Sindicato Minero Libre' })
  ngoA2 = await makeStaff(rt, 'ngo', 'a2@union.example', { org: 'Sindicato Minero Libre' })
  ngoB = await makeStaff(rt, 'ngo', 'b@ngo.example', { org: 'Derechos Laborales AC' })
  const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngoA.token, {
    language: 'es',
    country: 'MX',
    sector: 'auto_parts',
    employer: 'Autopartes del Norte',
    description: 'Despidieron a tres compañeras por organizar una asamblea sindical.',
    consent: { disclose: ['redacted'], recipients: ['us_dol'], until: '2027-12-31', method: 'oral' },
  })
  const filed = (await res.json()) as { receipt: string; reference: string }
  receipt = filed.receipt
  caseId = (rt.db.prepare('SELECT id FROM cases WHERE reference = ?').get(filed.reference) as { id: string }).id
  // The monitor works the case: an internal note, an access request, then escalation.
  expect((await api(rt, 'PATCH', `/api/v1/cases/${caseId}`, monitor.token, { note: INTERNAL_NOTE })).status).toBe(200)
  sM = await login(rt, monitor)
  expect((await postForm(rt, `/console/cases/${caseId}/access`, sM, { what: 'identity', reason: ACCESS_REASON })).status).toBe(303)
  for (const status of ['triaging', 'escalated'])
    expect((await api(rt, 'PATCH', `/api/v1/cases/${caseId}`, monitor.token, { status })).status).toBe(200)
  sA = await login(rt, ngoA)
  sA2 = await login(rt, ngoA2)
  sB = await login(rt, ngoB)
  sAdmin = await login(rt, admin)
})
afterAll(() => rt.close())

const page = async (s: Session, id = caseId) => rt.app.request(`/console/cases/${id}`, { headers: { cookie: s.cookie } })

describe('the NGO console', () => {
  it('lists its organisation’s cases with the same filters as monitors', async () => {
    const q = async (query: string) =>
      (await rt.app.request(`/console/queue?${query}`, { headers: { cookie: sA.cookie } })).text()
    const ref = rt.db.prepare('SELECT reference FROM cases WHERE id = ?').get(caseId) as { reference: string }
    expect(await q('status=all')).toContain(ref.reference)
    expect(await q('status=escalated&country=MX&channel=ngo')).toContain(ref.reference)
    expect(await q('status=all&country=US')).not.toContain(ref.reference)
    expect(await q('status=new')).not.toContain(ref.reference)
  })

  it('shows the case with the escalation history and consent record, never internal notes or access requests', async () => {
    const res = await page(sA)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('id="action-question"')
    expect(html).toContain('id="action-org-note"')
    expect(html).toContain('id="consent-record"')
    expect(html).toContain('Status changed → Escalated')
    expect(html).not.toContain(INTERNAL_NOTE)
    expect(html).not.toContain(ACCESS_REASON)
    expect(html).not.toContain('Access requested')
    expect(html).not.toContain('Internal note')
    const json = JSON.stringify(await (await api(rt, 'GET', `/api/v1/cases/${caseId}`, ngoA.token)).json())
    expect(json).not.toContain(INTERNAL_NOTE)
    expect(json).not.toContain(ACCESS_REASON)
    expect(json).not.toContain('access_request')
    // Another organisation: as if the case did not exist.
    expect((await page(sB)).status).toBe(404)
  })

  it('keeps notes for the organisation only, encrypted at rest', async () => {
    expect((await postForm(rt, `/console/cases/${caseId}/org-note`, sA, { note: ORG_NOTE })).status).toBe(303)
    expect(await (await page(sA)).text()).toContain(ORG_NOTE)
    expect(await (await page(sA2)).text()).toContain(ORG_NOTE)
    expect(await (await page(sM)).text()).not.toContain(ORG_NOTE)
    expect(await (await page(sAdmin)).text()).not.toContain(ORG_NOTE)
    expect(JSON.stringify(await (await api(rt, 'GET', `/api/v1/cases/${caseId}`, monitor.token)).json())).not.toContain('org_note')
    const written = rt.writtenBytes()
    expect(written.toString('utf8') + written.toString('latin1')).not.toContain('la trabajadora prefiere')
    expect(rt.db.prepare("SELECT actor_id FROM audit_log WHERE action = 'case_org_note'").all()).toEqual([{ actor_id: ngoA.id }])
    // An empty note is a translated error on the page, and writes nothing.
    const empty = await postForm(rt, `/console/cases/${caseId}/org-note`, sA, { note: '  ' })
    expect(empty.headers.get('location')).toContain('error=note')
    // Monitors and other organisations cannot write one.
    expect((await postForm(rt, `/console/cases/${caseId}/org-note`, sM, { note: 'x' })).status).toBe(403)
    expect((await postForm(rt, `/console/cases/${caseId}/org-note`, sB, { note: 'x' })).status).toBe(404)
    expect((rt.db.prepare("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'org_note'").get() as { n: number }).n).toBe(1)
  })

  it('asks the reporter a question and sees the answer', async () => {
    const asked = await postForm(rt, `/console/cases/${caseId}/question`, sA, { body: '¿Cuándo fue la asamblea?' })
    expect(asked.status).toBe(303)
    const { token } = await getForm(rt, '/es/follow-up')
    const followUp = await (await postWebForm(rt, '/es/follow-up', { token, receipt })).text()
    expect(followUp).toContain('¿Cuándo fue la asamblea?')
    const replyToken = tokenIn(followUp, '/es/follow-up/reply')
    expect((await postWebForm(rt, '/es/follow-up/reply', { token: replyToken, receipt, body: 'Fue el lunes en la mañana.' })).status).toBe(200)
    const html = await (await page(sA)).text()
    expect(html).toContain('Fue el lunes en la mañana.')
  })
})
