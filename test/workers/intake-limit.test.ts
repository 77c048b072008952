/**
 * @module test/workers/intake-limit.test
 * The per-source intake limit on real D1 inside workerd: it is counted in the case's batch, and
 * a counter already at its limit makes D1 roll the whole batch back with an error that intake
 * recognises (store/rate-limits `countOneAtMost`, `isOverLimit`).
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config.js'
import { buildDeps } from '../../src/deps.js'
import { REPORTS_PER_SOURCE } from '../../src/intake/file-report.js'
import { silentLogger } from '../../src/log.js'
import { consume } from '../../src/privacy/rate-limit.js'
import { d1Sql } from '../../src/store/d1.js'
import { countOneAtMost, isOverLimit } from '../../src/store/rate-limits.js'

const vars = env as unknown as Record<string, string>

describe('the intake limit on D1', () => {
  it('a batch that would pass the limit fails as a whole, with an error intake recognises', async () => {
    const sql = d1Sql(env.DB)
    const now = Date.now()
    const ok = countOneAtMost('limit-d1-test', now + 60_000, now, 1)
    await sql.batch([ok])
    const marker = { sql: 'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)', params: ['limit-d1-marker', now + 60_000] }
    const err = await sql.batch([marker, ok]).then(() => null, (e: unknown) => e)
    expect(err).not.toBeNull()
    expect(isOverLimit(err)).toBe(true)
    expect(await env.DB.prepare('SELECT count FROM rate_limits WHERE key = ?').bind('limit-d1-marker').first()).toBeNull()
    expect(await env.DB.prepare('SELECT count FROM rate_limits WHERE key = ?').bind('limit-d1-test').first()).toEqual({ count: 1 })
  })

  it('the report past the limit from one address is refused through the Worker, and nothing of it stored', async () => {
    const deps = await buildDeps({ sql: d1Sql(env.DB), config: parseConfig(vars), clock: systemClock, log: silentLogger })
    const ip = '198.51.100.88'
    for (let i = 0; i < REPORTS_PER_SOURCE.max - 1; i++) await consume(deps, REPORTS_PER_SOURCE, ip)
    const before = await env.DB.prepare('SELECT COUNT(*) AS n FROM cases').first<{ n: number }>()
    const post = () =>
      exports.default.fetch('http://hotline.test/api/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
        body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Empacadora del Valle', description: 'No nos pagan las horas extra.' }),
      })
    const statuses = (await Promise.all([post(), post(), post()])).map((r) => r.status)
    expect(statuses.sort()).toEqual([201, 429, 429])
    const after = await env.DB.prepare('SELECT COUNT(*) AS n FROM cases').first<{ n: number }>()
    expect(after!.n - before!.n).toBe(1)
  })
})
