/**
 * @module test/workers/stats.test
 * GET /api/v1/stats on real local D1 inside workerd, through the Worker's entry point: the
 * snapshot is counted and replaced in D1 batches, figures are rounded to multiples of k and small
 * ones show as "<5", the CSV matches, a bad `by` is a translated 400, and a scoped monitor gets the
 * snapshot's cells within their scope, or, when excluded from an employer, a live count without it.
 */
import { env, exports } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config.js'
import { buildDeps, type Deps } from '../../src/deps.js'
import { silentLogger } from '../../src/log.js'
import { addStaff, issueApiToken, parseScope } from '../../src/staff/accounts.js'
import { d1Sql } from '../../src/store/d1.js'
import { stmt } from '../../src/store/port.js'
import { setLattice } from '../../src/stats/settings.js'

let deps: Deps
let token: string

beforeAll(async () => {
  deps = await buildDeps({
    sql: d1Sql(env.DB),
    config: parseConfig(env as unknown as Record<string, string>),
    clock: systemClock,
    log: silentLogger,
  })
  const id = await addStaff(deps, {
    email: `stats-admin-${Date.now()}@example.org`,
    role: 'admin',
    password: 'correct horse battery staple',
    scopes: [],
    excludedEmployers: [],
  })
  token = await issueApiToken(deps, id, 'stats')
  await env.DB.batch([env.DB.prepare('DELETE FROM stats_cells'), env.DB.prepare("DELETE FROM settings WHERE key LIKE 'stats.%'")])
  const now = Date.now()
  const rows = [
    ...Array.from({ length: 11 }, () => ['MX', 'freedom_of_association', 'usmca.23.3.1.a']),
    ...Array.from({ length: 2 }, () => ['GT', 'wages', 'cafta.16.2.1.a']),
  ]
  await deps.sql.batch(
    rows.map(([country, right, commitment], i) =>
      stmt(
        `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, employer, description_redacted,
          rights, commitments, created_at, updated_at, ack_due_at) VALUES (?, ?, ?, 'web', 'es', ?, 'E', 'x', ?, ?, ?, ?, ?)`,
        `stats-${now}-${i}`, `HL-S-${now}-${i}`, `rh-${now}-${i}`, country!, JSON.stringify([right]), JSON.stringify([commitment]),
        now, now, now + 7 * 86_400_000,
      ),
    ),
  )
})

const get = (path: string, lang = 'en', bearer = token) =>
  exports.default.fetch(`http://hotline.test${path}`, { headers: { authorization: `Bearer ${bearer}`, 'accept-language': lang } })

/** A monitor of every right in Mexico, optionally excluded from employers; returns an API token. */
async function mexicoMonitor(name: string, excludedEmployers: string[]): Promise<string> {
  const id = await addStaff(deps, {
    email: `stats-${name}-${Date.now()}@example.org`,
    role: 'monitor',
    password: 'correct horse battery staple',
    scopes: [parseScope('right:*@MX')],
    excludedEmployers,
  })
  return issueApiToken(deps, id, name)
}

describe('statistics on D1', () => {
  it('answers rounded figures and "<5" cells, and the same as CSV', async () => {
    const res = await get('/api/v1/stats?by=right,country')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { k: number; cells: { right: string; country: string; count: number | string }[] }
    expect(body.k).toBe(5)
    const count = (right: string, country: string) => body.cells.find((c) => c.right === right && c.country === country)?.count
    expect(count('freedom_of_association', 'MX')).toBe(10)
    expect(count('wages', 'GT')).toBe('<5')
    const csv = await (await get('/api/v1/stats?by=country&format=csv')).text()
    expect(csv).toContain('MX,10')
    expect(csv).toContain('GT,<5')
    const snapshot = await env.DB.prepare('SELECT COUNT(*) AS n FROM stats_cells').first<{ n: number }>()
    expect(snapshot!.n).toBeGreaterThan(0)
  })

  it('a scoped monitor: the snapshot within their scope; excluded from an employer, counted live without it', async () => {
    type Body = { asOf: string; cells: { right: string; country: string; count: number | string }[] }
    const read = async (bearer: string) => {
      const res = await get('/api/v1/stats?by=right,country', 'en', bearer)
      expect(res.status).toBe(200)
      const body = (await res.json()) as Body
      return { asOf: body.asOf, count: (right: string, country: string) => body.cells.find((c) => c.right === right && c.country === country)?.count }
    }
    const admin = await read(token)
    const mx = await read(await mexicoMonitor('mx', []))
    expect(mx.asOf).toBe(admin.asOf)
    expect(mx.count('freedom_of_association', 'MX')).toBe(10)
    expect(mx.count('wages', 'GT')).toBe('<5')
    // Every case here is about employer "E" (stored without its hash: the name is checked).
    const excluded = await read(await mexicoMonitor('excluded', ['E']))
    expect(excluded.count('freedom_of_association', 'MX')).toBe('<5')
  })

  it('a bad by is a translated 400', async () => {
    const res = await get('/api/v1/stats?by=forum_clock', 'es')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { fields: { by: string } } }
    expect(body.error.fields.by).toMatch(/no se publica/)
    // The facility dimension is offered on D1 too (registry values; none registered here).
    const fac = await get('/api/v1/stats?by=facility')
    expect(fac.status).toBe(200)
    expect(((await fac.json()) as { cells: { facility: string }[] }).cells.map((c) => c.facility)).toEqual(['none'])
  })
})

describe('forum clocks on D1', () => {
  it('counts the escalation clocks met or missed with the same SQL (day and month clocks)', async () => {
    const day = 86_400_000
    const today = Date.now() - (Date.now() % day)
    const mx = await env.DB.prepare("SELECT id FROM cases WHERE country = 'MX' AND id LIKE 'stats-%' ORDER BY id").all<{ id: string }>()
    const ids = mx.results.map((r) => r.id)
    expect(ids).toHaveLength(11)
    const esc = (id: string, kind: string, cases: string[], filedOn: number) => [
      env.DB.prepare(`INSERT INTO escalations (id, kind, details, created_by, created_at) VALUES (?, ?, '{}', 'x', ?)`).bind(id, kind, filedOn),
      ...cases.map((c) => env.DB.prepare('INSERT INTO escalation_cases (escalation_id, case_id) VALUES (?, ?)').bind(id, c)),
      env.DB.prepare(`INSERT INTO escalation_stages (id, escalation_id, stage, on_day, recorded_at) VALUES (?, ?, 'filed', ?, ?)`).bind(`${id}-f`, id, filedOn, filedOn),
    ]
    const stamp = Date.now()
    await env.DB.batch([
      // ILC 30 days, filed 40 days ago, no answer: missed. EU SEP 3 months, filed today: open.
      ...esc(`esc-rrm-${stamp}`, 'usmca-rrm', ids.slice(0, 6), today - 40 * day),
      ...esc(`esc-sep-${stamp}`, 'eu-sep', ids.slice(6), today),
    ])
    await setLattice(deps, null, ['month', 'forum_clock'])
    const res = await get('/api/v1/stats?by=forum_clock')
    expect(res.status).toBe(200)
    const cells = Object.fromEntries(((await res.json()) as { cells: { forum_clock: string; count: number | string }[] }).cells.map((c) => [c.forum_clock, c.count]))
    expect(cells).toMatchObject({ missed: 5, open: 5, none: '<5', met: '<5' })
  })
})
