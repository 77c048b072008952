/**
 * Acceptance (issue 17): for random caseloads and random combinations of queries (breakdowns,
 * periods, k), nothing published reveals a count between 1 and k−1 — no cell, no total, no
 * difference of two published figures across breakdowns or months. The proof is in
 * docs/analytics.md; these properties check each of its steps on the real code (stats/query.ts,
 * stats/figures.ts), and the last one checks the claim the proof rests on: two caseloads whose
 * base cells round the same publish exactly the same thing, whatever is asked.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { baseOf, project } from '../../src/stats/dimensions.js'
import { answer, type StatsResult } from '../../src/stats/query.js'
import { figures } from '../../src/stats/figures.js'
import type { Base } from '../../src/stats/source.js'

/** Small domains, so that small cells and collisions are common. */
const DOMAIN = {
  month: ['2026-01', '2026-02', '2026-03', '2026-04'],
  right: ['wages', 'freedom_of_association', 'safety_health'],
  country: ['MX', 'GT'],
  channel: ['web', 'sms', 'voice'],
  ack: ['0-1', '2-7', 'none'],
  // Registry facility ids (admin data) and 'none' (a case under no facility).
  facility: ['fac-a', 'fac-b', 'none'],
} as const
type Dim = keyof typeof DOMAIN
type Case = Record<Dim, string>
const DIMS = Object.keys(DOMAIN) as Dim[]
/** The facility dimension's domain comes from the registry, not from the cases. */
const REGISTRY = { facility: ['fac-a', 'fac-b'] }
const QUERY_DIMS = [...DIMS, 'quarter', 'year']

const caseArb: fc.Arbitrary<Case> = fc.record(
  Object.fromEntries(DIMS.map((d) => [d, fc.constantFrom(...DOMAIN[d])])) as Record<Dim, fc.Arbitrary<string>>,
) as fc.Arbitrary<Case>
/** Caseloads: many duplicates of few profiles (big cells) plus scattered cases (small cells). */
const caseloadArb = fc
  .tuple(fc.array(fc.tuple(caseArb, fc.integer({ min: 1, max: 14 })), { maxLength: 12 }), fc.array(caseArb, { maxLength: 30 }))
  .map(([groups, loose]) => [...groups.flatMap(([c, n]) => Array.from({ length: n }, () => c)), ...loose])
const latticeArb = fc.subarray(DIMS, { minLength: 1 }).map((l) => (l.includes('month') ? l : ['month' as Dim, ...l]))
const periodArb = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }))
  .map(([a, b]) => ({ from: DOMAIN.month[Math.min(a, b)]!, to: DOMAIN.month[Math.max(a, b)]! }))
const queryArb = fc.record({ by: fc.subarray(QUERY_DIMS, { minLength: 1, maxLength: 3 }), period: periodArb })
const kArb = fc.integer({ min: 3, max: 7 })

/** The base cells of a caseload over a lattice (what store/stats.ts counts in SQL). */
function baseOfCases(cases: readonly Case[], lattice: readonly Dim[]): Base {
  const cells = new Map<string, number>()
  for (const c of cases) {
    const key = JSON.stringify(lattice.map((d) => c[d]))
    cells.set(key, (cells.get(key) ?? 0) + 1)
  }
  return { lattice: [...lattice], cells: [...cells].map(([k, n]) => ({ values: JSON.parse(k), n })), asOf: 0 }
}

/** A query the lattice can answer (dimensions outside it are refused with a 400 by parseRequest). */
const answerable = (lattice: readonly string[], by: readonly string[]) => by.every((d) => lattice.includes(baseOf(d)))

/** Every published figure of a result, with the set of cases (indexes) it is about. */
function published(r: StatsResult, cases: readonly Case[], period: { from: string; to: string }) {
  return r.cells.map((cell) => {
    const members = cases.flatMap((c, i) =>
      c.month >= period.from && c.month <= period.to && r.by.every((d) => project(d, c[baseOf(d) as Dim]) === cell[d]) ? [i] : [],
    )
    return { count: cell.count, members: new Set(members), cell }
  })
}

const isSubset = (a: Set<number>, b: Set<number>) => [...a].every((x) => b.has(x))

describe('small-count suppression (fast-check)', () => {
  it('every cell is "<k" or a multiple of k that is at least k and at most the true count', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, fc.array(queryArb, { minLength: 1, maxLength: 4 }), kArb, (cases, lattice, queries, k) => {
        const base = baseOfCases(cases, lattice)
        for (const q of queries.filter((q) => answerable(lattice, q.by))) {
          const r = answer(base, { by: q.by, ...q.period }, k, REGISTRY)
          for (const p of published(r, cases, q.period)) {
            if (typeof p.count === 'number') {
              expect(p.count % k).toBe(0)
              expect(p.count).toBeGreaterThanOrEqual(k)
              expect(p.count).toBeLessThanOrEqual(p.members.size)
            } else {
              expect(p.count).toBe(`<${k}`)
            }
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('no difference of two published figures (any breakdowns, any months) is between 1 and k−1', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), kArb, (cases, lattice, queries, k) => {
        const base = baseOfCases(cases, lattice)
        const all = queries
          .filter((q) => answerable(lattice, q.by))
          .flatMap((q) => published(answer(base, { by: q.by, ...q.period }, k, REGISTRY), cases, q.period))
        const numbers = all.filter((p) => typeof p.count === 'number') as { count: number; members: Set<number> }[]
        for (const a of numbers) {
          for (const b of numbers) {
            const d = Math.abs(a.count - b.count)
            expect(d === 0 || d >= k).toBe(true)
            // Nested figures: what lies between them is published as at least k, or as nothing.
            if (isSubset(b.members, a.members)) expect(a.count).toBeGreaterThanOrEqual(b.count)
          }
        }
      }),
      { numRuns: 300 },
    )
  })

  it('a total is exactly the sum of the published cells under it: a "<k" cell adds nothing to any total', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, queryArb, fc.subarray(QUERY_DIMS, { minLength: 1, maxLength: 2 }), kArb, (cases, lattice, q, extra, k) => {
        const fine = [...new Set([...q.by, ...extra])]
        fc.pre(answerable(lattice, fine) && fine.length <= 4)
        const base = baseOfCases(cases, lattice)
        const coarse = answer(base, { by: q.by, ...q.period }, k, REGISTRY)
        const detailed = answer(base, { by: fine, ...q.period }, k, REGISTRY)
        for (const c of coarse.cells) {
          const under = detailed.cells.filter((f) => q.by.every((d) => f[d] === c[d]))
          const sum = under.reduce((a, f) => a + (typeof f.count === 'number' ? f.count : 0), 0)
          expect(sum === 0 ? `<${k}` : sum).toEqual(c.count)
        }
      }),
      { numRuns: 300 },
    )
  })

  it('caseloads whose base cells round the same publish identical bytes: a small cell could hold 0 or k−1', () => {
    // Change a caseload without changing any rounded base cell: add cases to a combination up to
    // the top of its bucket (0 → k−1 for an empty or small one), or take them away down to its
    // bottom. If any published figure, total or difference depended on a count below k, some
    // query would now answer differently.
    fc.assert(
      fc.property(caseloadArb, latticeArb, fc.array(queryArb, { minLength: 1, maxLength: 4 }), kArb, caseArb, fc.boolean(), (cases, lattice, queries, k, pick, fill) => {
        const key = (c: Case) => JSON.stringify(lattice.map((d) => c[d]))
        const same = cases.filter((c) => key(c) === key(pick)).length
        const target = fill ? same - (same % k) + (k - 1) : same - (same % k)
        const others = cases.filter((c) => key(c) !== key(pick))
        const changed = [...others, ...Array.from({ length: target }, () => pick)]
        fc.pre(target !== same)
        const a = baseOfCases(cases, lattice)
        const b = baseOfCases(changed, lattice)
        for (const q of queries.filter((q) => answerable(lattice, q.by))) {
          const ra = answer(a, { by: q.by, ...q.period }, k, REGISTRY)
          const rb = answer(b, { by: q.by, ...q.period }, k, REGISTRY)
          expect(JSON.stringify(rb.cells)).toBe(JSON.stringify(ra.cells))
        }
      }),
      { numRuns: 300 },
    )
  })
})

describe('the properties have teeth', () => {
  it('they catch the naive rule (exact counts per query, "<k" under k)', () => {
    // The rule most dashboards use. Two queries differ by a hidden cell: by=country says GT 12,
    // by=country,channel says GT/web 10 and GT/sms "<5", so GT/sms is 2.
    const naive = (cases: readonly Case[], by: readonly Dim[], k: number) => {
      const m = new Map<string, number>()
      for (const c of cases) m.set(JSON.stringify(by.map((d) => c[d])), (m.get(JSON.stringify(by.map((d) => c[d]))) ?? 0) + 1)
      return JSON.stringify([...m].map(([key, n]) => [key, n >= k ? n : `<${k}`]))
    }
    const run = () =>
      fc.assert(
        fc.property(caseloadArb, kArb, caseArb, (cases, k, pick) => {
          const key = (c: Case) => JSON.stringify(DIMS.map((d) => c[d]))
          const same = cases.filter((c) => key(c) === key(pick)).length
          fc.pre(same % k !== k - 1)
          const changed = [...cases, pick]
          for (const by of [['country'], ['country', 'channel'], ['right', 'month']] as Dim[][]) {
            expect(naive(changed, by, k)).toBe(naive(cases, by, k))
          }
        }),
        { numRuns: 300 },
      )
    expect(run).toThrow()
  })

  it('the public facility figures (k × 2) are multiples of 2k, and differ from any k-figure by a multiple of k', () => {
    fc.assert(
      fc.property(caseloadArb, latticeArb, kArb, (cases, lattice, k) => {
        if (!lattice.includes('facility')) return
        const base = baseOfCases(cases, lattice)
        const pub = figures(base.cells, base.lattice, ['facility'], 2 * k)
        const staff = figures(base.cells, base.lattice, ['facility'], k)
        for (const [key, n] of pub) {
          const id = (JSON.parse(key) as string[])[0]!
          expect(n % (2 * k)).toBe(0)
          expect(n).toBeGreaterThanOrEqual(2 * k)
          expect(n).toBeLessThanOrEqual(cases.filter((c) => c.facility === id).length)
          expect(((staff.get(key) ?? 0) - n) % k).toBe(0)
        }
      }),
      { numRuns: 300 },
    )
  })
})
