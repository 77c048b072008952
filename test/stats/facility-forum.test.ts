/**
 * The joins between the facility registry, the escalation engine and the statistics, through the
 * real app and a real SQLite file: `by=facility` lists every registry facility (cases or not), the
 * dashboard's top facilities chart names them, the public page shows facilities only at k × 2;
 * `forum_clock` counts the escalation clocks met or missed; the usmca-rrm package takes its
 * facility and covered / priority-sector fields from the registry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, consoleRuntime, insertCase, login, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { setLattice, setPublic } from '../../src/stats/settings.js'
import { rebuildSnapshot } from '../../src/stats/source.js'

const DAY = 86_400_000
type Cell = Record<string, string> & { count: number | string }

describe('facilities and forum clocks in the statistics', () => {
  let rt: TestRuntime
  let admin: TestStaff
  const ids: Record<string, string> = {}
  const refs: string[] = []
  const others: string[] = []
  beforeAll(async () => {
    rt = await consoleRuntime()
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    for (const [code, name, covered] of [['mx-planta-a', 'Planta Alfa', true], ['mx-planta-b', 'Planta Beta', false]] as const) {
      const res = await api(rt, 'POST', '/api/v1/facilities', admin.token, { code, name, country: 'MX', sector: 'auto_parts', covered, employer: 'Grupo Ejemplo' })
      expect(res.status).toBe(201)
      ids[code] = ((await res.json()) as { facility: { id: string } }).facility.id
    }
    // 11 union cases grouped under Planta Alfa (same base cell), none under Planta Beta, 6 under none.
    for (let i = 0; i < 11; i++) {
      const c = await insertCase(rt, { rights: ['freedom_of_association'], commitments: ['usmca.23.3.1.a'] })
      refs.push(c.reference)
      const set = await api(rt, 'POST', `/api/v1/cases/${c.id}/facility`, admin.token, { facilityId: ids['mx-planta-a'], action: 'set' })
      expect(set.status).toBe(200)
    }
    for (let i = 0; i < 6; i++) others.push((await insertCase(rt, { rights: ['freedom_of_association'], commitments: ['usmca.23.3.1.a'] })).reference)
  })
  afterAll(() => rt?.close())

  const get = (path: string) => rt.app.request(path, { headers: { authorization: `Bearer ${admin.token}`, 'accept-language': 'en' } })
  const cells = async (by: string) => {
    const res = await get(`/api/v1/stats?by=${by}`)
    expect(res.status).toBe(200)
    return ((await res.json()) as { cells: Cell[] }).cells
  }

  it('by=facility lists every registry facility, with or without cases, rounded like every figure', async () => {
    await rebuildSnapshot(rt.deps)
    const r = Object.fromEntries((await cells('facility')).map((c) => [c.facility, c.count]))
    expect(r).toEqual({ [ids['mx-planta-a']!]: 10, [ids['mx-planta-b']!]: '<5', none: 5 })
    const csv = await (await get('/api/v1/stats?by=facility&format=csv')).text()
    expect(csv).toContain(`${ids['mx-planta-b']},<5`)
  })

  it('the dashboard names the top facilities in an SVG chart with a title and a description', async () => {
    rt.clock.advance(31_000) // a TOTP code is accepted once
    const s = await login(rt, admin)
    const html = await (await rt.app.request('/console/stats', { headers: { cookie: s.cookie } })).text()
    expect(html.match(/<svg/g)?.length).toBe(4)
    expect(html).toMatch(/<title[^>]*>Top facilities<\/title>/)
    expect(html).toContain('The ten facilities with the most cases')
    expect(html).toContain('Planta Alfa')
    // Planta Beta has no published figure: not among the top facilities.
    expect(html).not.toContain('Planta Beta')
  })

  it('the public page shows a facility only when its figure reaches k × 2', async () => {
    await setPublic(rt.deps, admin.id, true)
    rt.clock.advance(130 * DAY) // the cases' quarter has ended
    await rebuildSnapshot(rt.deps)
    const year = new Date(rt.clock.now() - 130 * DAY).toISOString().slice(0, 4)
    const page = await (await rt.app.request(`/en/transparency?year=${year}`)).text()
    expect(page).toContain('Planta Alfa')
    expect(page).toMatch(/Planta Alfa<\/th><td>10<\/td>/)
    expect(page).not.toContain('Planta Beta')
    const csv = await (await rt.app.request(`/en/transparency/figures.csv?year=${year}`)).text()
    expect(csv).toContain(`${year},facility,Planta Alfa,10`)
  })

  it('forum_clock: the ILC 30 days from filing, met or missed, from the escalation stages', async () => {
    const made = await api(rt, 'POST', '/api/v1/escalations', admin.token, { kind: 'usmca-rrm', facilityId: ids['mx-planta-a'] })
    expect(made.status).toBe(201)
    const pkg = (await made.json()) as { id: string; fields: { key: string; value: string; from: string }[] }
    // The package reads the registry: facility, employer, covered and priority sector.
    const field = (k: string) => pkg.fields.find((f) => f.key === k)!
    expect(field('facility').value).toContain('Planta Alfa')
    expect(field('facility').value).toContain('Grupo Ejemplo')
    expect(field('coveredStatus').value).toMatch(/^Covered Facility in a priority sector under Annex 31-A/)
    expect((await api(rt, 'POST', `/api/v1/escalations/${pkg.id}/review`, admin.token)).status).toBeLessThan(300)
    const today = new Date(rt.clock.now()).toISOString().slice(0, 10)
    expect((await api(rt, 'POST', `/api/v1/escalations/${pkg.id}/stages`, admin.token, { stage: 'filed', on: today })).status).toBeLessThan(300)
    // The six other cases: filed and declined the same day, within the ILC's 30 days: met (a
    // decision that starts no further clock; "accepted" would start USTR's 60 days: open).
    const other = (await (await api(rt, 'POST', '/api/v1/escalations', admin.token, { kind: 'usmca-rrm', caseRefs: others })).json()) as { id: string }
    expect((await api(rt, 'POST', `/api/v1/escalations/${other.id}/review`, admin.token)).status).toBeLessThan(300)
    for (const stage of ['filed', 'declined']) {
      expect((await api(rt, 'POST', `/api/v1/escalations/${other.id}/stages`, admin.token, { stage, on: today })).status).toBeLessThan(300)
    }
    await setLattice(rt.deps, admin.id, ['forum_clock'])
    await rebuildSnapshot(rt.deps)
    const open = Object.fromEntries((await cells('forum_clock')).map((c) => [c.forum_clock, c.count]))
    expect(open).toMatchObject({ open: 10, met: 5, none: '<5', missed: '<5' })
    rt.clock.advance(31 * DAY)
    await rebuildSnapshot(rt.deps)
    const missed = Object.fromEntries((await cells('forum_clock')).map((c) => [c.forum_clock, c.count]))
    expect(missed).toMatchObject({ missed: 10, met: 5, open: '<5' })
    // Accepted late (day 31): the clock was missed, and stays missed.
    const late = new Date(rt.clock.now()).toISOString().slice(0, 10)
    expect((await api(rt, 'POST', `/api/v1/escalations/${pkg.id}/stages`, admin.token, { stage: 'accepted', on: late })).status).toBeLessThan(300)
    await rebuildSnapshot(rt.deps)
    expect(Object.fromEntries((await cells('forum_clock')).map((c) => [c.forum_clock, c.count]))).toMatchObject({ missed: 10, met: 5 })
  })
})
