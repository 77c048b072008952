/**
 * A scoped monitor's figures from the snapshot (stats/scope-cells.ts, docs/analytics.md "A scoped
 * viewer"): for random caseloads, lattices, random scopes (a right or every right, a country or
 * every country) and random queries, the snapshot filtered to the scope publishes exactly what the
 * scope's own caseload would, nothing published reveals a count between 1 and k−1 (no cell, no
 * difference between two scoped figures or between a scoped figure and an admin's), and two
 * caseloads whose base cells round the same publish identical scoped answers.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baseOf } from '../../src/stats/dimensions.js'
import { answer } from '../../src/stats/query.js'
import { cellsWithin, scopeCellTest, type ScopeTerms } from '../../src/stats/scope-cells.js'
import type { Base } from '../../src/stats/source.js'

const DOMAIN = {
  month: ['2026-01', '2026-02', '2026-03'],
  right: ['wages', 'freedom_of_association', 'safety_health'],
  country: ['MX', 'GT'],
  channel: ['web', 'sms'],
  ack: ['0-1', 'none'],
} as const
type Dim = keyof typeof DOMAIN
type Case = Record<Dim, string>
const DIMS = Object.keys(DOMAIN) as Dim[]
const PERIOD = { from: '2026-01', to: '2026-03' }

const caseArb = fc.record(
  Object.fromEntries(DIMS.map((d) => [d, fc.constantFrom(...DOMAIN[d])])) as Record<Dim, fc.Arbitrary<string>>,
) as fc.Arbitrary<Case>
const caseloadArb = fc
  .tuple(fc.array(fc.tuple(caseArb, fc.integer({ min: 1, max: 14 })), { maxLength: 10 }), fc.array(caseArb, { maxLength: 30 }))
  .map(([groups, loose]) => [...groups.flatMap(([c, n]) => Array.from({ length: n }, () => c)), ...loose])
const latticeArb = fc.subarray(DIMS, { minLength: 1 }).map((l) => (l.includes('month') ? l : ['month' as Dim, ...l]))
const scopeArb: fc.Arbitrary<ScopeTerms> = fc.record({
  kind: fc.constant('right'),
  value: fc.constantFrom('*', ...DOMAIN.right),
  country: fc.constantFrom('*', ...DOMAIN.country),
  sector: fc.constant('*'),
})
const scopesArb = fc.array(scopeArb, { minLength: 1, maxLength: 3 })
const byArb = fc.subarray([...DIMS, 'quarter'], { minLength: 1, maxLength: 3 })
const kArb = fc.integer({ min: 3, max: 7 })

function baseOfCases(cases: readonly Case[], lattice: readonly Dim[]): Base {
  const cells = new Map<string, number>()
  for (const c of cases) {
    const key = JSON.stringify(lattice.map((d) => c[d]))
    cells.set(key, (cells.get(key) ?? 0) + 1)
  }
  return { lattice: [...lattice], cells: [...cells].map(([k, n]) => ({ values: JSON.parse(k), n })), asOf: 0 }
}

/** The queue's rule on a case's (primary) right and country. */
const inScope = (c: Case, scopes: readonly ScopeTerms[]) =>
  scopes.some((s) => (s.value === '*' || s.value === c.right) && (s.country === '*' || s.country === c.country))
const expressible = (scopes: readonly ScopeTerms[], lattice: readonly string[]) =>
  scopes.every((s) => (s.value === '*' || lattice.includes('right')) && (s.country === '*' || lattice.includes('country')))
const answerable = (lattice: readonly string[], by: readonly string[]) => by.every((d) => lattice.includes(baseOf(d)))

describe('a scoped monitor from the snapshot (fast-check)', () => {
  it('is undefined exactly when a scope names a dimension outside the lattice; else it publishes what the scope\'s cases would', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, scopesArb, fc.array(byArb, { minLength: 1, maxLength: 3 }), kArb, (cases, lattice, scopes, queries, k) => {
        const keep = scopeCellTest(scopes, lattice)
        expect(keep !== undefined).toBe(expressible(scopes, lattice))
        if (!keep) return
        const scoped = cellsWithin(baseOfCases(cases, lattice), keep)
        const own = baseOfCases(cases.filter((c) => inScope(c, scopes)), lattice)
        for (const by of queries.filter((by) => answerable(lattice, by))) {
          expect(answer(scoped, { by, ...PERIOD }, k).cells).toEqual(answer(own, { by, ...PERIOD }, k).cells)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('every scoped figure is "<k" or a multiple of k, and differs from any other scoped or whole figure by 0 or at least k', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, scopesArb, fc.array(byArb, { minLength: 1, maxLength: 3 }), kArb, (cases, lattice, scopes, queries, k) => {
        const keep = scopeCellTest(scopes, lattice)
        fc.pre(keep !== undefined)
        const whole = baseOfCases(cases, lattice)
        const scoped = cellsWithin(whole, keep!)
        const numbers: number[] = []
        for (const by of queries.filter((by) => answerable(lattice, by))) {
          for (const base of [scoped, whole]) {
            for (const c of answer(base, { by, ...PERIOD }, k).cells) {
              if (typeof c.count === 'number') {
                expect(c.count % k).toBe(0)
                expect(c.count).toBeGreaterThanOrEqual(k)
                numbers.push(c.count)
              } else expect(c.count).toBe(`<${k}`)
            }
          }
        }
        for (const a of numbers) for (const b of numbers) expect(a === b || Math.abs(a - b) >= k).toBe(true)
      }),
      { numRuns: 300 },
    )
  })

  it('caseloads whose base cells round the same publish identical scoped answers', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, scopesArb, fc.array(byArb, { minLength: 1, maxLength: 3 }), kArb, caseArb, fc.boolean(), (cases, lattice, scopes, queries, k, pick, fill) => {
        const keep = scopeCellTest(scopes, lattice)
        fc.pre(keep !== undefined)
        const key = (c: Case) => JSON.stringify(lattice.map((d) => c[d]))
        const same = cases.filter((c) => key(c) === key(pick)).length
        const target = fill ? same - (same % k) + (k - 1) : same - (same % k)
        fc.pre(target !== same)
        const changed = [...cases.filter((c) => key(c) !== key(pick)), ...Array.from({ length: target }, () => pick)]
        const a = cellsWithin(baseOfCases(cases, lattice), keep!)
        const b = cellsWithin(baseOfCases(changed, lattice), keep!)
        for (const by of queries.filter((by) => answerable(lattice, by))) {
          expect(JSON.stringify(answer(b, { by, ...PERIOD }, k).cells)).toBe(JSON.stringify(answer(a, { by, ...PERIOD }, k).cells))
        }
      }),
      { numRuns: 300 },
    )
  })
})
