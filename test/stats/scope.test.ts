/**
 * A scoped monitor's statistics through the real app and a real SQLite file (docs/analytics.md,
 * "A scoped viewer"): a scope the lattice can express is answered from the snapshot (the admin's
 * cells within the scope, taken at the same time); a monitor excluded from an employer, or whose
 * scope names a dimension outside the lattice, is counted live, and the excluded employer's cases
 * are never in their figures. The API and the console page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, consoleRuntime, insertCase, login, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'

type Cell = Record<string, string> & { count: number | string }
interface Body {
  cells: Cell[]
  asOf: string
}

describe('statistics of a scoped monitor', () => {
  let rt: TestRuntime
  const s = {} as Record<'admin' | 'mx' | 'foa' | 'excluded' | 'commitment', TestStaff>
  beforeAll(async () => {
    rt = await consoleRuntime()
    s.admin = await makeStaff(rt, 'admin', 'admin@example.org')
    s.mx = await makeStaff(rt, 'monitor', 'mx@example.org', { scopes: ['right:*@MX'] })
    s.foa = await makeStaff(rt, 'monitor', 'foa@example.org', { scopes: ['right:freedom_of_association@MX'] })
    s.excluded = await makeStaff(rt, 'monitor', 'conflict@example.org', { scopes: ['right:*@MX'], exclude: ['Autopartes del Bajio'] })
    // `commitment` is not in the default lattice: this scope is counted live.
    s.commitment = await makeStaff(rt, 'monitor', 'commitment@example.org', { scopes: ['commitment:usmca.23.3.1.a@MX'] })
    // 12 union cases in Mexico (6 about the excluded employer), 5 Mexican wage cases whose second
    // right is the union one, 7 wage cases in Guatemala.
    for (let i = 0; i < 6; i++) await insertCase(rt, {})
    for (let i = 0; i < 6; i++) await insertCase(rt, { employer: 'Otra Empresa SA' })
    for (let i = 0; i < 5; i++) await insertCase(rt, { employer: 'Otra Empresa SA', rights: ['wages', 'freedom_of_association'], commitments: ['usmca.23.3.2.wages'] })
    for (let i = 0; i < 7; i++) await insertCase(rt, { country: 'GT', employer: 'Otra Empresa SA', rights: ['wages'], commitments: ['cafta.16.2.1.a'] })
  })
  afterAll(() => rt?.close())

  const stats = async (who: TestStaff, by = 'right,country') => {
    const res = await api(rt, 'GET', `/api/v1/stats?by=${by}`, who.token)
    expect(res.status).toBe(200)
    return (await res.json()) as Body
  }
  const find = (b: Body, right: string, country: string) => b.cells.find((c) => c.right === right && c.country === country)?.count

  it('a scope the lattice expresses gets the admin\'s cells within it, from the same snapshot', async () => {
    const admin = await stats(s.admin)
    const mx = await stats(s.mx)
    expect(mx.asOf).toBe(admin.asOf)
    expect(find(admin, 'freedom_of_association', 'MX')).toBe(10)
    expect(find(admin, 'wages', 'GT')).toBe(5)
    for (const c of mx.cells) {
      const same = admin.cells.find((a) => a.right === c.right && a.country === c.country)!
      expect(c.count, `${c.right}/${c.country}`).toBe(c.country === 'MX' ? same.count : '<5')
    }
    // On the lattice a case's right is its primary one: the wage cases whose second right is the
    // union's are not in this monitor's figures (they are in their queue).
    const foa = await stats(s.foa)
    expect(find(foa, 'freedom_of_association', 'MX')).toBe(10)
    expect(find(foa, 'wages', 'MX')).toBe('<5')
    expect(find(await stats(s.mx), 'wages', 'MX')).toBe(5)
  })

  it('cases filed since the snapshot show for everyone at its next rebuild; a live scope counts them at once', async () => {
    for (let i = 0; i < 3; i++) await insertCase(rt, { employer: 'Otra Empresa SA' })
    expect(find(await stats(s.admin), 'freedom_of_association', 'MX')).toBe(10)
    expect(find(await stats(s.mx), 'freedom_of_association', 'MX')).toBe(10)
    const live = await stats(s.commitment)
    expect(find(live, 'freedom_of_association', 'MX')).toBe(15)
    expect(live.asOf).toBe(new Date(rt.clock.now()).toISOString())
    rt.clock.advance(11 * 60_000)
    expect(find(await stats(s.admin), 'freedom_of_association', 'MX')).toBe(15)
    expect(find(await stats(s.mx), 'freedom_of_association', 'MX')).toBe(15)
  })

  it('a monitor excluded from an employer never has its cases counted', async () => {
    // 15 union cases in Mexico, 6 of them about the excluded employer: 9, published as 5.
    const excluded = await stats(s.excluded)
    expect(find(excluded, 'freedom_of_association', 'MX')).toBe(5)
    expect(find(excluded, 'wages', 'MX')).toBe(5)
    expect(find(excluded, 'wages', 'GT')).toBe('<5')
    // Counted live, not from the snapshot the others share.
    expect(excluded.asOf).toBe(new Date(rt.clock.now()).toISOString())
  })

  it('the console dashboard of a scoped monitor renders its four charts', async () => {
    for (const who of [s.mx, s.excluded]) {
      rt.clock.advance(31_000)
      const session = await login(rt, who)
      const res = await rt.app.request('/console/stats', { headers: { cookie: session.cookie } })
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html.match(/<svg/g)?.length).toBe(4)
      expect(html).toMatch(/<title id="by-month-title">[^<]+<\/title>/)
      expect(html).not.toContain('Autopartes')
    }
  })
})
