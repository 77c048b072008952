/**
 * The SQL side of the proof: the snapshot's base cells (store/stats.ts, counted in chunks of
 * rowids) are exactly the caseload grouped by the lattice, so what GET /api/v1/stats publishes is
 * what the model in suppression.property.test.ts publishes. Random caseloads through the real app
 * on a real SQLite file.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, consoleRuntime, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { stmt } from '../../src/store/port.js'
import { answer } from '../../src/stats/query.js'
import { rebuildSnapshot } from '../../src/stats/source.js'

const MONTHS = [Date.UTC(2026, 8, 3), Date.UTC(2026, 9, 14), Date.UTC(2026, 10, 20)]
const caseArb = fc.record({
  month: fc.integer({ min: 0, max: 2 }),
  right: fc.constantFrom('wages', 'freedom_of_association', 'violence'),
  country: fc.constantFrom('MX', 'GT', 'HN'),
  channel: fc.constantFrom('web', 'sms'),
  commitment: fc.constantFrom('usmca.23.3.1.a', 'cafta.16.2.1.a', 'ilo.c087'),
})

describe('base cells in SQL', () => {
  let rt: TestRuntime
  let admin: TestStaff
  let n = 0
  beforeAll(async () => {
    rt = await consoleRuntime()
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
  })
  afterAll(() => rt?.close())

  it('the API publishes what the model publishes from the same caseload', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(caseArb, fc.integer({ min: 1, max: 9 })), { maxLength: 15 }), async (groups) => {
        await rt.deps.sql.run('DELETE FROM cases')
        const rows = groups.flatMap(([c, times]) => Array.from({ length: times }, () => c))
        await rt.deps.sql.batch(
          rows.map((c) => {
            const id = `case-${++n}`
            const at = MONTHS[c.month]!
            return stmt(
              `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, employer, description_redacted,
                rights, commitments, created_at, updated_at, ack_due_at) VALUES (?, ?, ?, ?, 'es', ?, 'E', 'x', ?, ?, ?, ?, ?)`,
              id, `HL-${n}`, `r-${n}`, c.channel, c.country, JSON.stringify([c.right]), JSON.stringify([c.commitment]), at, at, at + 7 * 86_400_000,
            )
          }),
        )
        await rebuildSnapshot(rt.deps)
        const lattice = ['month', 'right', 'agreement', 'country', 'channel', 'ack']
        const agreement: Record<string, string> = { 'usmca.23.3.1.a': 'usmca', 'cafta.16.2.1.a': 'cafta-dr', 'ilo.c087': 'ilo' }
        const model = new Map<string, number>()
        for (const c of rows) {
          const month = new Date(MONTHS[c.month]!).toISOString().slice(0, 7)
          const key = JSON.stringify([month, c.right, agreement[c.commitment], c.country, c.channel, 'none'])
          model.set(key, (model.get(key) ?? 0) + 1)
        }
        const base = { lattice, cells: [...model].map(([k, v]) => ({ values: JSON.parse(k), n: v })), asOf: 0 }
        for (const by of ['right,country', 'agreement,channel', 'month,right', 'quarter,country,channel']) {
          const res = await api(rt, 'GET', `/api/v1/stats?by=${by}&from=2026-09&to=2026-11`, admin.token)
          expect(res.status).toBe(200)
          const body = (await res.json()) as { cells: unknown[] }
          expect(body.cells).toEqual(answer(base, { by: by.split(','), from: '2026-09', to: '2026-11' }, 5).cells)
        }
      }),
      { numRuns: 12 },
    )
  })
})
