import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

const report = {
  language: 'es',
  country: 'MX',
  employer: 'Maquiladora del Norte, tel 871 555 0133',
  facility: 'Nave 3, pregunten por el correo juan.perez@correo-ejemplo.mx',
  location: 'Torreón, Coahuila',
  description: 'No nos pagan las horas extra.',
}

describe('intake limits and free-text fields', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime({ remoteAddress: '203.0.113.99' })
  })
  afterEach(() => rt.close())

  it('redacts identifiers typed into employer, facility and town, keeping the names monitors need', async () => {
    expect((await postJson(rt, '/api/v1/reports', report)).status).toBe(201)
    const row = await rt.deps.sql.get<{ employer: string; facility: string; location: string }>(
      'SELECT employer, facility, location FROM cases',
    )
    expect(row!.employer).toContain('Maquiladora del Norte')
    expect(row!.employer).not.toContain('871 555 0133')
    expect(row!.facility).toContain('Nave 3')
    expect(row!.facility).not.toContain('juan.perez')
    expect(row!.location).toBe('Torreón, Coahuila')
  })

  it('redacts a person named as the employer, and conflict-of-interest exclusions still match (keyed hash of the typed name)', async () => {
    const { addStaff, parseScope } = await import('../src/staff/accounts.js')
    const excluded = await addStaff(rt.deps, {
      email: 'm@example.org',
      role: 'monitor',
      scopes: [parseScope('right:*@MX')],
      excludedEmployers: ['Rancho Don Chuy'],
    })
    expect((await postJson(rt, '/api/v1/reports', { ...report, employer: 'Rancho Don Chuy' })).status).toBe(201)
    const row = await rt.deps.sql.get<{ employer: string; assigned_to: string | null }>('SELECT employer, assigned_to FROM cases')
    expect(row!.employer).toBe('Rancho [NAME-1]')
    expect(row!.assigned_to).not.toBe(excluded)
    const { canSee } = await import('../src/cases/scope.js')
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    expect(await canSee(rt.deps, { id: excluded, role: 'monitor', email: 'm@example.org', via: 'token' }, kase!.id)).toBe(false)
  })

  it('takes at most twenty anonymous reports an hour from one source', async () => {
    for (let i = 0; i < 20; i++) expect((await postJson(rt, '/api/v1/reports', report)).status).toBe(201)
    const res = await postJson(rt, '/api/v1/reports', report)
    expect(res.status).toBe(429)
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
    expect(n!.n).toBe(20)
    rt.clock.advance(3_600_001)
    expect((await postJson(rt, '/api/v1/reports', report)).status).toBe(201)
  })

  it('counts the source in the case batch: parallel reports at the edge of the limit file one, refuse the rest, store nothing of them', async () => {
    const { REPORTS_PER_SOURCE } = await import('../src/intake/file-report.js')
    for (let i = 0; i < REPORTS_PER_SOURCE.max - 1; i++) expect((await postJson(rt, '/api/v1/reports', report)).status).toBe(201)
    // All three pass the early check (19 < 20) before any batch commits; the batch refuses two.
    const statuses = (await Promise.all([1, 2, 3].map(() => postJson(rt, '/api/v1/reports', report)))).map((r) => r.status)
    expect(statuses.sort()).toEqual([201, 429, 429])
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
    expect(n!.n).toBe(REPORTS_PER_SOURCE.max)
    const counter = await rt.deps.sql.get<{ count: number }>('SELECT count FROM rate_limits')
    expect(counter!.count).toBe(REPORTS_PER_SOURCE.max)
  })
})

describe('the web form over the per-source limit', () => {
  it('keeps what the worker wrote and says to try later', async () => {
    const rt = await makeRuntime({ remoteAddress: '203.0.113.50' })
    try {
      const { REPORTS_PER_SOURCE } = await import('../src/intake/file-report.js')
      const { consume } = await import('../src/privacy/rate-limit.js')
      for (let i = 0; i < REPORTS_PER_SOURCE.max; i++) await consume(rt.deps, REPORTS_PER_SOURCE, '203.0.113.50')
      const page = await rt.app.request('/es/report')
      const token = /name="token" value="([^"]+)"/.exec(await page.text())![1]!
      const body = new URLSearchParams({
        token,
        country: 'MX',
        employer: 'Maquiladora del Norte',
        description: 'Nos obligan a trabajar doce horas sin pago extra.',
      })
      const res = await rt.app.request('/es/report', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
      })
      expect(res.status).toBe(429)
      const html = await res.text()
      expect(html).toContain('Nos obligan a trabajar doce horas sin pago extra.')
      expect(html).toContain('Demasiados intentos')
      const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
      expect(n!.n).toBe(0)
    } finally {
      rt.close()
    }
  })
})
