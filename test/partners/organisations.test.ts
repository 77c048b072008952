/**
 * Organisations: `staff add --role ngo --org` creates one, `staff list` shows it; a monitor
 * shares a case with an organisation by name from the case page (audited, revocable) and all
 * its staff see it; another organisation sees nothing; an empty NGO queue says why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  api,
  consoleRuntime,
  insertCase,
  login,
  makeStaff,
  postForm,
  type TestCase,
  type TestStaff,
} from '../console/setup.js'

let rt: TestRuntime
let monitor: TestStaff
let ngoA: TestStaff
let ngoA2: TestStaff
let ngoB: TestStaff
let kase: TestCase

beforeAll(async () => {
  rt = await consoleRuntime()
  monitor = await makeStaff(rt, 'monitor', 'mx-monitor@example.org', { scopes: ['right:freedom_of_association@MX'] })
  ngoA = await makeStaff(rt, 'ngo', 'a1@union.example', { org: 'Sindicato Minero Libre' })
  ngoA2 = await makeStaff(rt, 'ngo', 'a2@union.example', { org: 'sindicato minero  libre' })
  ngoB = await makeStaff(rt, 'ngo', 'b@ngo.example', { org: 'Derechos Laborales AC' })
  kase = await insertCase(rt)
})
afterAll(() => rt.close())

const queueRefs = async (s: TestStaff) => {
  const res = await api(rt, 'GET', '/api/v1/cases?status=all', s.token)
  expect(res.status).toBe(200)
  return ((await res.json()) as { cases: { reference: string }[] }).cases.map((c) => c.reference)
}

const audit = (action: string) =>
  rt.db.prepare('SELECT actor_id, case_id, data FROM audit_log WHERE action = ?').all(action) as {
    actor_id: string
    case_id: string
    data: string
  }[]

describe('organisations', () => {
  it('staff add --role ngo --org creates the organisation once, and staff list shows it', async () => {
    const add = await cli(
      ['staff', 'add', '--role', 'ngo', '--email', 'new@cat.example', '--org', 'Centro de Apoyo al Trabajador',
        '--org-kind', 'worker_centre', '--org-country', 'MX', '--org-based', 'US'],
      { dir: rt.dir },
    )
    expect(add.out).toContain('created')
    expect(add.code).toBe(0)
    const again = await cli(
      ['staff', 'add', '--role', 'ngo', '--email', 'second@cat.example', '--org', 'centro de apoyo al trabajador'],
      { dir: rt.dir },
    )
    expect(again.code).toBe(0)
    expect(again.out).toContain('found')
    const org = rt.db.prepare("SELECT * FROM organisations WHERE name = 'Centro de Apoyo al Trabajador'").get() as {
      id: string
      kind: string
      countries: string
      us_based: number
      eu_based: number
    }
    expect(org).toMatchObject({ kind: 'worker_centre', countries: '["MX"]', us_based: 1, eu_based: 0 })
    const members = rt.db.prepare('SELECT email FROM staff WHERE org_id = ? ORDER BY email').all(org.id)
    expect(members).toEqual([{ email: 'new@cat.example' }, { email: 'second@cat.example' }])
    const list = await cli(['staff', 'list'], { dir: rt.dir })
    expect(list.out).toMatch(/new@cat\.example\s+ngo \(Centro de Apoyo al Trabajador\)/)
    expect(audit('organisation_added').some((r) => JSON.parse(r.data).id === org.id)).toBe(true)
    const admin = await makeStaff(rt, 'admin', 'admin@hotline.example')
    const s = await login(rt, admin)
    const page = await (await rt.app.request('/console/staff', { headers: { cookie: s.cookie } })).text()
    expect(page).toContain('NGO · Centro de Apoyo al Trabajador')
  })

  it('an ngo account needs an organisation, and other roles refuse one', async () => {
    const none = await cli(['staff', 'add', '--role', 'ngo', '--email', 'x@y.example'], { dir: rt.dir })
    expect(none.code).not.toBe(0)
    expect(none.out).toContain('--org')
    const monitorOrg = await cli(['staff', 'add', '--role', 'monitor', '--email', 'm@y.example', '--org', 'X Org'], {
      dir: rt.dir,
    })
    expect(monitorOrg.code).not.toBe(0)
    const badKind = await cli(
      ['staff', 'add', '--role', 'ngo', '--email', 'k@y.example', '--org', 'Y Org', '--org-kind', 'club'],
      { dir: rt.dir },
    )
    expect(badKind.code).not.toBe(0)
    expect(rt.db.prepare("SELECT COUNT(*) AS n FROM staff WHERE email LIKE '%@y.example'").get()).toEqual({ n: 0 })
  })

  it('an empty NGO queue explains how cases reach the organisation', async () => {
    const s = await login(rt, ngoB)
    const page = await (await rt.app.request('/console/queue', { headers: { cookie: s.cookie } })).text()
    expect(page).toContain('id="empty-queue"')
    expect(page).toContain('when a monitor shares it with your organisation')
  })

  it('a monitor shares a case by name from the case page: audited, seen by every member, revocable', async () => {
    expect(await queueRefs(ngoA)).not.toContain(kase.reference)
    const s = await login(rt, monitor)
    const page = await (await rt.app.request(`/console/cases/${kase.id}`, { headers: { cookie: s.cookie } })).text()
    expect(page).toContain('<option value="Sindicato Minero Libre">')
    const shared = await postForm(rt, `/console/cases/${kase.id}/share`, s, { org: 'Sindicato Minero Libre' })
    expect(shared.status).toBe(303)
    expect(shared.headers.get('location')).toContain('done=share')
    // Both members of the organisation see it; the other organisation does not.
    expect(await queueRefs(ngoA)).toContain(kase.reference)
    expect(await queueRefs(ngoA2)).toContain(kase.reference)
    expect(await queueRefs(ngoB)).not.toContain(kase.reference)
    expect((await api(rt, 'GET', `/api/v1/cases/${kase.id}`, ngoB.token)).status).toBe(404)
    const rows = audit('case_share')
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ actor_id: monitor.id, case_id: kase.id })
    // The NGO reads the case but not who else it is shared with.
    const view = (await (await api(rt, 'GET', `/api/v1/cases/${kase.id}`, ngoA.token)).json()) as {
      case: { timeline: { kind: string }[] }
    }
    expect(view.case.timeline.map((e) => e.kind)).not.toContain('share')
    const after = await (await rt.app.request(`/console/cases/${kase.id}`, { headers: { cookie: s.cookie } })).text()
    expect(after).toContain('Shared with Sindicato Minero Libre')

    const revoked = await postForm(rt, `/console/cases/${kase.id}/unshare`, s, { org: 'Sindicato Minero Libre' })
    expect(revoked.status).toBe(303)
    expect(await queueRefs(ngoA)).not.toContain(kase.reference)
    expect(audit('case_unshare')).toHaveLength(1)
  })

  it('shares by name through the API; an unknown name is a translated 400 that changes nothing', async () => {
    const bad = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { shareWith: 'Nobody Org' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('Choose an organisation from the list.')
    const badEs = await rt.app.request(`/api/v1/cases/${kase.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${monitor.token}`, 'content-type': 'application/json', 'accept-language': 'es' },
      body: JSON.stringify({ unshare: 'Derechos Laborales AC' }),
    })
    expect(badEs.status).toBe(400)
    expect(JSON.stringify(await badEs.json())).toContain('Elija una organización de la lista.')
    const ok = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, monitor.token, { shareWith: 'derechos laborales ac' })
    expect(ok.status).toBe(200)
    expect(await queueRefs(ngoB)).toContain(kase.reference)
    expect(await queueRefs(ngoA)).not.toContain(kase.reference)
    // An NGO cannot share.
    const ngoShare = await api(rt, 'PATCH', `/api/v1/cases/${kase.id}`, ngoB.token, { shareWith: 'Sindicato Minero Libre' })
    expect(ngoShare.status).toBe(403)
    expect(audit('case_share')).toHaveLength(2)
  })
})
