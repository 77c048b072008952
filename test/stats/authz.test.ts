/**
 * Who may read and change the statistics: every role through a token, a session and the pages;
 * each reader counts only the cases of their scope, conflict-of-interest exclusions included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../src/staff/accounts.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { api, consoleRuntime, insertCase, login, makeStaff, postForm, type TestStaff } from '../console/setup.js'

const LATTICE = ['month', 'right', 'agreement', 'country', 'channel', 'ack']

describe('statistics: authorization and scope', () => {
  let rt: TestRuntime
  const staff = {} as Record<Role | 'excluded', TestStaff>
  beforeAll(async () => {
    rt = await consoleRuntime()
    staff.admin = await makeStaff(rt, 'admin', 'admin@example.org')
    staff.monitor = await makeStaff(rt, 'monitor', 'mx@example.org', { scopes: ['right:*@MX'] })
    staff.excluded = await makeStaff(rt, 'monitor', 'conflict@example.org', { scopes: ['right:*@MX'], exclude: ['Autopartes del Bajio'] })
    staff.ngo = await makeStaff(rt, 'ngo', 'ngo@example.org', { org: 'Stats NGO' })
    staff.custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    for (let i = 0; i < 6; i++) await insertCase(rt, { employer: 'Autopartes del Bajío SA de CV' })
    for (let i = 0; i < 5; i++) await insertCase(rt, { employer: 'Otra Empresa SA' })
    for (let i = 0; i < 5; i++) await insertCase(rt, { filedBy: staff.ngo.id, employer: 'Textiles del Sur' })
    for (let i = 0; i < 5; i++) await insertCase(rt, { country: 'US', rights: ['wages'], commitments: ['usmca.23.3.2.wages'] })
  })
  afterAll(() => rt?.close())

  const total = async (s: TestStaff) => {
    const res = await api(rt, 'GET', '/api/v1/stats?by=country', s.token)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { cells: { country: string; count: number | string }[] }
    return Object.fromEntries(body.cells.filter((c) => c.count !== '<5').map((c) => [c.country, c.count]))
  }

  it('each reader counts their scope: all, a country, minus an excluded employer, what an organisation filed', async () => {
    expect(await total(staff.admin)).toEqual({ MX: 15, US: 5 })
    expect(await total(staff.monitor)).toEqual({ MX: 15 })
    // 16 Mexican cases minus the 6 about the employer this monitor is excluded from.
    expect(await total(staff.excluded)).toEqual({ MX: 10 })
    expect(await total(staff.ngo)).toEqual({ MX: 5 })
  })

  it('tokens, sessions and pages: custodians and strangers get nothing; only admins change settings', async () => {
    expect((await rt.app.request('/api/v1/stats?by=country')).status).toBe(401)
    expect((await rt.app.request('/console/stats')).status).toBe(303)
    expect((await api(rt, 'GET', '/api/v1/stats?by=country', staff.custodian.token)).status).toBe(403)
    for (const role of ['admin', 'monitor', 'ngo', 'custodian'] as const) {
      rt.clock.advance(31_000)
      const s = await login(rt, staff[role])
      const page = await rt.app.request('/console/stats', { headers: { cookie: s.cookie } })
      expect(page.status, role).toBe(role === 'custodian' ? 403 : 200)
      const viaSession = await rt.app.request('/api/v1/stats?by=right', { headers: { cookie: s.cookie } })
      expect(viaSession.status, role).toBe(role === 'custodian' ? 403 : 200)
      const post = await postForm(rt, '/console/stats/settings', s, { k: '5', public: 'on', lattice: LATTICE })
      expect(post.status, role).toBe(role === 'admin' ? 303 : 403)
      // Without the CSRF token nobody changes anything.
      const forged = await postForm(rt, '/console/stats/settings', s, { k: '9', public: 'on', lattice: LATTICE }, false)
      expect(forged.status, role).toBe(403)
    }
    const page = await rt.app.request('/console/stats', { headers: { cookie: (await login(rt, staff.admin)).cookie } })
    expect(await page.text()).toContain('value="5"')
  })
})
