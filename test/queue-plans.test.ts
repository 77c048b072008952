/**
 * How SQLite runs the queue (EXPLAIN QUERY PLAN), for each filter and each kind of viewer, on
 * the first page and after a cursor: no full scan of cases or of the join tables, and every range
 * walks one of migration 0013's indexes in queue order, from the cursor, without sorting (only
 * the union of the ranges' short lists is sorted; the facility index sorts each day's matches).
 * Grants and shares are walked in order too (case_access, 0014); merged cases are few and may be
 * sorted. The due order (sort=due, due=…) walks migration 0017's due indexes the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pageKeys, type Order, type ScopeRow } from '../src/store/queue-ranges.js'
import { NO_DUE, visibleWhere, type QueueCursor, type QueueFilter, type Viewer } from '../src/store/queue.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await makeRuntime()
})
afterAll(() => rt?.close())

interface PlanRow {
  id: number
  parent: number
  detail: string
}

function plan(viewer: Viewer, scopes: ScopeRow[], f: QueueFilter, cursor?: QueueCursor, order: Order = 'priority'): PlanRow[] {
  const k = pageKeys(viewer, scopes, f, cursor, 201, visibleWhere(viewer), order)
  return rt.db.prepare(`EXPLAIN QUERY PLAN ${k.sql} SELECT * FROM k`).all(...k.params) as PlanRow[]
}

/**
 * A range read in index order: a search on a 0013 index of cases, a join table's key, or a join
 * table's place or assignee index (0014).
 */
const RANGE = /^SEARCH (c USING INDEX cases_q_\w+|d USING PRIMARY KEY|d USING COVERING INDEX case_(rights|commitments)_(country|place|assigned)) \(/
/** A range read in due order: a 0017 index of cases or of a join table. */
const DUE_RANGE = /^SEARCH (c USING INDEX cases_d_\w+|d USING (COVERING )?INDEX case_(rights|commitments|access)_due(_country)?) \(/

const OPEN = ['new', 'triaging', 'investigating', 'escalated']
const broad: ScopeRow[] = [
  { kind: 'right', value: '*', country: 'MX', sector: '*' },
  { kind: 'right', value: 'wages', country: '*', sector: '*' },
  { kind: 'right', value: 'child_labor', country: 'CI', sector: 'cocoa' },
  { kind: 'commitment', value: 'cafta.16.2.1.a', country: '*', sector: '*' },
]
const narrow: ScopeRow[] = [{ kind: 'commitment', value: 'usmca.23.3.1.a', country: 'MX', sector: 'auto_parts' }]
const viewers: [string, Viewer, ScopeRow[]][] = [
  ['admin', { id: 'a', role: 'admin' }, []],
  ['monitor, broad scope', { id: 'm', role: 'monitor' }, broad],
  ['monitor, narrow scope', { id: 'n', role: 'monitor' }, narrow],
  ['ngo', { id: 'g', role: 'ngo' }, []],
]
const filters: [string, (v: Viewer) => QueueFilter][] = [
  ['open', () => ({ statuses: OPEN })],
  ['status', () => ({ statuses: ['escalated'] })],
  ['right', () => ({ statuses: OPEN, right: 'wages' })],
  ['commitment', () => ({ statuses: OPEN, commitment: 'usmca.23.3.1.a' })],
  ['country', () => ({ statuses: OPEN, country: 'GT' })],
  ['unrouted', () => ({ statuses: OPEN, unrouted: true })],
  ['facility', () => ({ statuses: OPEN, facility: 'Planta 3' })],
  ['assigned to me', (v) => ({ statuses: OPEN, assignedTo: v.id })],
  ['assigned to another', () => ({ statuses: OPEN, assignedTo: 'someone' })],
  ['right and country', () => ({ statuses: OPEN, right: 'wages', country: 'MX' })],
  ['right, unrouted', () => ({ statuses: OPEN, right: 'child_labor', unrouted: true })],
  ['commitment, assigned to me', (v) => ({ statuses: OPEN, commitment: 'cafta.16.2.1.a', assignedTo: v.id })],
]

describe('queue query plans', () => {
  for (const [who, viewer, scopes] of viewers) {
    for (const [name, filter] of filters) {
      for (const cursor of [undefined, [1, 1_700_000_000_000, 42] as QueueCursor]) {
        it(`${who}, ${name}${cursor ? ', after a cursor' : ''}`, () => {
          const rows = plan(viewer, scopes, filter(viewer), cursor)
          const details = rows.map((r) => r.detail)
          // No full scan of a table (only of the one-row `p`, the CTE `k` and subquery results).
          expect(details.filter((d) => /^SCAN (?!p$|k$|\(subquery|CONSTANT ROW)/.test(d)), details.join('\n')).toEqual([])
          const ranges = rows.filter((r) => RANGE.test(r.detail))
          expect(ranges.length, details.join('\n')).toBeGreaterThan(0)
          for (const r of ranges) {
            const siblings = rows.filter((s) => s.parent === r.parent).map((s) => s.detail)
            // Walked in order: no sort of the range itself.
            expect(siblings, details.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY')
            // The cursor is a seek into the index, not a filter over it.
            if (cursor) expect(r.detail, details.join('\n')).toMatch(/\(rank,created_at(,case_rowid)?\)>/)
          }
        })
      }
    }
  }
})

describe('queue query plans, due order (migration 0017)', () => {
  const dues: [string, number | undefined][] = [
    ['', undefined],
    [', overdue', 1_700_000_000_000],
    [', any clock', NO_DUE - 1],
  ]
  for (const [who, viewer, scopes] of viewers) {
    for (const [name, filter] of filters) {
      for (const [dueName, dueBy] of dues) {
        for (const cursor of [undefined, [1_700_000_000_000, 42] as QueueCursor]) {
          it(`${who}, ${name}${dueName}${cursor ? ', after a cursor' : ''}`, () => {
            const f = { ...filter(viewer), ...(dueBy === undefined ? {} : { dueBy }) }
            const rows = plan(viewer, scopes, f, cursor, 'due')
            const details = rows.map((r) => r.detail)
            expect(details.filter((d) => /^SCAN (?!p$|k$|\(subquery|CONSTANT ROW)/.test(d)), details.join('\n')).toEqual([])
            const ranges = rows.filter((r) => DUE_RANGE.test(r.detail))
            expect(ranges.length, details.join('\n')).toBeGreaterThan(0)
            // Every range is a due range: none walks the priority order.
            expect(rows.filter((r) => RANGE.test(r.detail)), details.join('\n')).toEqual([])
            for (const r of ranges) {
              const siblings = rows.filter((s) => s.parent === r.parent).map((s) => s.detail)
              expect(siblings, details.join('\n')).not.toContain('USE TEMP B-TREE FOR ORDER BY')
              // The cursor and the due filter bound the seek, not a filter over the walk.
              // (On a rowid table SQLite seeks on due_key and checks the rowid.)
              if (cursor) expect(r.detail, details.join('\n')).toMatch(/\(due_key,case_rowid\)>|due_key>\?/)
              else if (dueBy !== undefined) expect(r.detail, details.join('\n')).toMatch(/due_key<\?/)
            }
          })
        }
      }
    }
  }
})
