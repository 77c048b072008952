/**
 * The facility page (/console/facilities/:id and GET /api/v1/facilities/:id): confirmed cases by
 * month × right; exact inside the viewer's scope, outside it the statistics' rule (rounded down to
 * a multiple of k, "<k" for 0); the pattern
 * flags (several reports of retaliation, or of a contract vote, within 90 days).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DAY_MS } from '../../src/clock.js'
import { casePatterns, patternFlags } from '../../src/facilities/patterns.js'
import { setK } from '../../src/stats/settings.js'
import { api, consoleRuntime, insertCase, login, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { loadSample } from './sample.js'

const day = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d)
const FOA = { rights: ['freedom_of_association'], commitments: ['usmca.31a.dor', 'usmca.23.3.1.a'] }

describe('pattern flags', () => {
  const c = (at: number, o: Partial<{ rights: string[]; commitments: string[]; text: string }> = {}) => ({
    createdAt: at,
    rights: o.rights ?? ['freedom_of_association'],
    commitments: o.commitments ?? [],
    text: o.text ?? 'Despidieron a [NAME-1] por apoyar al sindicato.',
    language: 'es' as const,
  })
  it('reads retaliation from union rights with a dismissal or violence, and a contract vote from its commitments', () => {
    expect(casePatterns(c(0))).toEqual(['retaliation'])
    expect(casePatterns(c(0, { text: 'On nous a licenciés après la réunion du syndicat.' }))).toEqual(['retaliation'])
    expect(casePatterns(c(0, { rights: ['freedom_of_association', 'violence'], text: 'Nos amenazaron.' }))).toEqual(['retaliation'])
    expect(casePatterns(c(0, { text: 'No nos dejan ver el contrato.' }))).toEqual([])
    expect(casePatterns(c(0, { rights: ['wages'], text: 'Me despidieron sin pagar.' }))).toEqual([])
    expect(casePatterns(c(0, { text: 'Nunca votamos.', commitments: ['usmca.23a.legit'] }))).toEqual(['contract_vote'])
    expect(casePatterns(c(0, { text: 'x', commitments: ['usmca.23a.2.e'] }))).toEqual(['contract_vote'])
  })
  it('flags two or more within 90 days, not further apart', () => {
    expect(patternFlags([c(day(2026, 1, 1)), c(day(2026, 4, 2))])).toEqual([])
    expect(patternFlags([c(day(2026, 1, 1)), c(day(2026, 3, 31))])).toEqual([
      { pattern: 'retaliation', count: 2, from: day(2026, 1, 1), to: day(2026, 3, 31), members: [0, 1] },
    ])
    const votes = [day(2026, 1, 1), day(2026, 6, 1), day(2026, 6, 20), day(2026, 8, 1)].map((at) =>
      c(at, { text: 'x', commitments: ['usmca.23a.2.d'] }),
    )
    expect(patternFlags(votes)).toEqual([{ pattern: 'contract_vote', count: 3, from: day(2026, 6, 1), to: day(2026, 8, 1), members: [1, 2, 3] }])
  })
})

interface Report {
  months: string[]
  rights: string[]
  cells: Record<string, Record<string, { inScope: number; outside: number | string }>>
  total: { inScope: number; outside: number | string }
  suggested: number | string
  flags: { pattern: string; count: number | string }[]
  cases: { reference: string }[]
  k: number
}

describe('the facility page', () => {
  let rt: TestRuntime
  let facility: string
  let admin: TestStaff
  let monitor: TestStaff
  let outsider: TestStaff
  let ngo: TestStaff
  const refs: Record<string, string[]> = {}

  beforeEach(async () => {
    rt = await consoleRuntime()
    facility = (await loadSample(rt))['mx-tridonex-matamoros']!
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:freedom_of_association@MX'] })
    outsider = await makeStaff(rt, 'monitor', 'other@example.org', { scopes: ['right:wages@US'] })
    ngo = await makeStaff(rt, 'ngo', 'ngo@union.example', { org: 'Sindicato Independiente' })
    const group = async (name: string, n: number, at: number, o: Parameters<typeof insertCase>[1]) => {
      refs[name] = []
      for (let i = 0; i < n; i++) {
        const k = await insertCase(rt, { ...o, createdAt: at + i * DAY_MS })
        const res = await api(rt, 'POST', `/api/v1/cases/${k.id}/facility`, admin.token, { facilityId: facility, action: 'set' })
        expect(res.status).toBe(200)
        refs[name]!.push(k.reference)
      }
    }
    // October: 3 union cases (retaliation: dismissals), one filed by the NGO; 2 wage cases.
    await group('foa', 2, day(2026, 10, 5), FOA)
    await group('foaNgo', 1, day(2026, 10, 20), { ...FOA, filedBy: ngo.id })
    await group('wagesOct', 2, day(2026, 10, 8), { rights: ['wages'], commitments: ['usmca.23.3.2.wages'] })
    // September: 6 wage cases.
    await group('wagesSep', 6, day(2026, 9, 1), { rights: ['wages'], commitments: ['usmca.23.3.2.wages'] })
    // A suggested link only: not counted, but waiting.
    const pending = await insertCase(rt, { ...FOA, createdAt: day(2026, 11, 1) })
    await rt.deps.sql.run(
      "INSERT INTO case_facilities (case_id, facility_id, state, matched_by, created_at) VALUES (?, ?, 'suggested', 'employer', ?)",
      pending.id,
      facility,
      day(2026, 11, 1),
    )
  })
  afterEach(() => rt.close())

  const report = async (s: TestStaff) => {
    const res = await api(rt, 'GET', `/api/v1/facilities/${facility}`, s.token)
    expect(res.status).toBe(200)
    return (await res.json()) as Report
  }

  it('an admin sees every count exactly', async () => {
    const r = await report(admin)
    expect(r.k).toBe(5)
    expect(r.months).toEqual(['2026-09', '2026-10'])
    expect(r.rights).toEqual(['freedom_of_association', 'wages'])
    expect(r.cells['2026-10']).toEqual({
      '*': { inScope: 5, outside: 0 },
      freedom_of_association: { inScope: 3, outside: 0 },
      wages: { inScope: 2, outside: 0 },
    })
    expect(r.cells['2026-09']).toEqual({ '*': { inScope: 6, outside: 0 }, wages: { inScope: 6, outside: 0 } })
    expect(r.total).toEqual({ inScope: 11, outside: 0 })
    expect(r.suggested).toBe(1)
    expect(r.cases).toHaveLength(11)
  })

  it("a monitor sees their own scope exactly and the rest by the statistics' rule (rounded to k)", async () => {
    const r = await report(monitor)
    // What lies outside the monitor's scope is rounded down to a multiple of k ("<5" for 0):
    // 0 union cases outside in October are not told apart from 1..4.
    expect(r.cells['2026-10']).toEqual({
      '*': { inScope: 3, outside: '<5' },
      freedom_of_association: { inScope: 3, outside: '<5' },
      wages: { inScope: 0, outside: '<5' },
    })
    expect(r.cells['2026-09']).toEqual({
      '*': { inScope: 0, outside: 5 },
      freedom_of_association: { inScope: 0, outside: '<5' },
      wages: { inScope: 0, outside: 5 },
    })
    // The total outside is the sum of the rounded months (5 + 0), never 6 + 2 = 8, which would
    // give away October's 2.
    expect(r.total).toEqual({ inScope: 3, outside: 5 })
    expect(r.cases.map((c) => c.reference).sort()).toEqual([...refs.foa!, ...refs.foaNgo!].sort())
    expect(r.suggested).toBe('<5')
    const other = await report(outsider)
    // Three union cases outside: no published figure, so no union column at all.
    expect(other.rights).toEqual(['wages'])
    expect(other.cells['2026-10']).toEqual({ '*': { inScope: 0, outside: 5 }, wages: { inScope: 0, outside: '<5' } })
    expect(other.cases).toEqual([])
    const partner = await report(ngo)
    expect(partner.cells['2026-10']!.freedom_of_association).toEqual({ inScope: 1, outside: '<5' })
    expect(partner.cases.map((c) => c.reference)).toEqual(refs.foaNgo)
    // The installation's k (set by an admin for the statistics) is the facility page's k too.
    await setK(rt.deps, admin.id, 3)
    const k3 = await report(outsider)
    expect(k3.k).toBe(3)
    expect(k3.cells['2026-10']!.freedom_of_association).toEqual({ inScope: 0, outside: 3 })
  })

  it('flags the retaliation pattern; the page shows the counts and flags without JavaScript', async () => {
    // Exact for whoever may see all three; suppressed for the others.
    const flag = { pattern: 'retaliation', from: day(2026, 10, 5), to: day(2026, 10, 20) }
    expect((await report(monitor)).flags).toEqual([{ ...flag, count: 3 }])
    expect((await report(outsider)).flags).toEqual([{ ...flag, count: '<5' }])
    expect((await report(ngo)).flags).toEqual([{ ...flag, count: '<5' }])
    const s = await login(rt, monitor)
    const res = await rt.app.request(`/console/facilities/${facility}`, { headers: { cookie: s.cookie } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('data-pattern="retaliation"')
    expect(html).toContain('3 reports of retaliation within 90 days (2026-10-05 to 2026-10-20)')
    const row = (m: string) => /<tr data-month="([^"]+)">([\s\S]*?)<\/tr>/g
    const cells = Object.fromEntries(
      [...html.matchAll(row(''))].map((m) => [m[1], Object.fromEntries([...m[2]!.matchAll(/<td data-right="([^"]+)">([^<]*)<\/td>/g)].map((x) => [x[1], x[2]]))]),
    )
    expect(cells).toEqual({
      '2026-09': { freedom_of_association: '&lt;5', wages: '5', '*': '5' },
      '2026-10': { freedom_of_association: '3 + &lt;5', wages: '&lt;5', '*': '3 + &lt;5' },
    })
    expect(html).not.toContain('id="facility-form"')
    expect((await rt.app.request('/console/facilities/nope', { headers: { cookie: s.cookie } })).status).toBe(404)
  })

  it('flags the contract-vote pattern only for reports within 90 days', async () => {
    const vote = { rights: ['freedom_of_association'], commitments: ['usmca.23a.legit'] }
    const set = async (at: number) => {
      const k = await insertCase(rt, { ...vote, createdAt: at })
      await api(rt, 'POST', `/api/v1/cases/${k.id}/facility`, admin.token, { facilityId: facility, action: 'set' })
    }
    await set(day(2026, 1, 10))
    await set(day(2026, 5, 1))
    expect((await report(admin)).flags.map((f) => f.pattern)).toEqual(['retaliation'])
    await set(day(2026, 7, 15))
    expect((await report(admin)).flags).toContainEqual({ pattern: 'contract_vote', count: 2, from: day(2026, 5, 1), to: day(2026, 7, 15) })
  })
})
