import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { caseByReceipt } from '../src/cases/reporter.js'
import { MAX_TEXT_RIGHTS, rightsFor } from '../src/intake/file-report.js'
import { addStaff, parseScope } from '../src/staff/accounts.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

const mx = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Bajío S.A. de C.V.',
  description: 'Despidieron a los que apoyamos al sindicato independiente.',
}

describe('routing to monitors', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  const monitor = (email: string, scopes: string[], excludedEmployers: string[] = []) =>
    addStaff(rt.deps, { email, role: 'monitor', scopes: scopes.map(parseScope), excludedEmployers })

  async function file(body: Record<string, unknown>) {
    const res = await postJson(rt, '/api/v1/reports', body)
    expect(res.status).toBe(201)
    const { receipt } = (await res.json()) as { receipt: string }
    const kase = await caseByReceipt(rt.deps, receipt)
    return (await rt.deps.sql.get<{ assigned_to: string | null; priority: string; commitments: string }>(
      'SELECT assigned_to, priority, commitments FROM cases WHERE id = ?',
      kase!.id,
    ))!
  }

  it('gives a case to a monitor whose commitment scope covers it in that country', async () => {
    const m = await monitor('a@example.org', ['commitment:usmca.23.3.1.a@MX'])
    await monitor('other-country@example.org', ['commitment:usmca.23.3.1.a@US'])
    const c = await file(mx)
    expect(JSON.parse(c.commitments)).toEqual(expect.arrayContaining(['usmca.23.3.1.a', 'usmca.23a.2.a', 'usmca.31a.dor']))
    expect(c.assigned_to).toBe(m)
  })

  it('matches right scopes, and sector scopes only in their sector', async () => {
    const farms = await monitor('farms@example.org', ['right:freedom_of_association@MX/agriculture'])
    const auto = await monitor('auto@example.org', ['right:freedom_of_association@MX/auto_parts'])
    expect((await file(mx)).assigned_to).toBe(auto)
    expect((await file({ ...mx, sector: 'agriculture' })).assigned_to).toBe(farms)
  })

  it('sends a new case to the eligible monitor with the fewest open cases', async () => {
    const a = await monitor('a@example.org', ['right:*@MX'])
    const b = await monitor('b@example.org', ['right:*@MX'])
    const first = await file(mx)
    const second = await file(mx)
    expect(new Set([first.assigned_to, second.assigned_to])).toEqual(new Set([a, b]))
    await rt.deps.sql.run("UPDATE cases SET status = 'closed' WHERE assigned_to = ?", a)
    expect((await file(mx)).assigned_to).toBe(a) // closed cases do not count
  })

  it('never routes to a monitor excluded for the employer (conflict of interest)', async () => {
    await monitor('conflicted@example.org', ['right:*@MX'], ['Autopartes del Bajio'])
    const clean = await monitor('clean@example.org', ['right:*@MX'])
    for (let i = 0; i < 3; i++) expect((await file(mx)).assigned_to).toBe(clean)
  })

  it('keeps a case with no eligible monitor in the unrouted queue, never dropping it', async () => {
    await monitor('us@example.org', ['right:*@US'])
    const c = await file(mx)
    expect(c.assigned_to).toBeNull()
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases WHERE assigned_to IS NULL')
    expect(n!.n).toBe(1)
  })

  it('flags violence, forced labour, child labour and union rights as high priority', async () => {
    expect((await file({ ...mx, description: 'No nos pagan las horas extra.' })).priority).toBe('normal')
    expect((await file(mx)).priority).toBe('high') // a firing for organising is the most time-critical case
    const threats = await file({ ...mx, description: 'Nos amenazaron con golpearnos si votábamos.', rights: ['violence'] })
    expect(threats.priority).toBe('high')
    const children = await file({ ...mx, language: 'fr', country: 'CI', sector: 'cocoa', employer: 'Coopérative', description: 'Des enfants de 12 ans portent des sacs de cacao.' })
    expect(children.priority).toBe('high')
  })
})

describe('the rights of a case', () => {
  const sub = (description: string, rights?: string[]) =>
    ({ language: 'es', country: 'MX', employer: 'X', description, consentToContact: false, rights }) as Parameters<typeof rightsFor>[0]

  it('keeps the strong rights of the text, not the weak echoes', () => {
    expect(rightsFor(sub('Despidieron a los que apoyamos al sindicato independiente.'))).toEqual(['freedom_of_association'])
  })

  it('always keeps what the reporter chose, and at most a few rights from the text', () => {
    const rights = rightsFor(sub('Nos pagan menos del mínimo, trabajamos 14 horas, hay químicos sin guantes y niños de 12 años.', ['migrant_workers']))
    expect(rights).toContain('migrant_workers')
    expect(rights.filter((r) => r !== 'migrant_workers').length).toBeLessThanOrEqual(MAX_TEXT_RIGHTS)
  })
})

