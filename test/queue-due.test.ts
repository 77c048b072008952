/**
 * The queue's due order (sort=due, due=overdue|week|any) reads the stored due key of migration
 * 0017 through index ranges (store/queue-ranges.ts). Its pages must be exactly what the query
 * before gave, which computed each case's earliest running clock with subqueries and sorted the
 * visible set: the same rows, in the same order, with the same page boundaries, for every kind of
 * viewer, every due filter and both orders. That query is kept below, verbatim, as the reference.
 * The caseload is the bench seeder's (cli/caseload.ts), then worked on: statuses moved, cases
 * assigned, shared, merged and purged, forum deadlines set, moved and removed, questions asked,
 * status events removed, acknowledgement dates moved. Every write goes through an ordinary
 * statement, so the triggers keep the key; the key is then compared with the computation, and
 * the migration's back-fill with what the triggers wrote.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { MIGRATIONS_DIR } from '../src/node/boot.js'
import { NO_DUE, queueChunk, visibleWhere, type QueueCursor, type QueueFilter, type Viewer } from '../src/store/queue.js'
import { applyMigrations, readMigrations } from '../src/store/sqlite-migrate.js'
import type { Sql, SqlValue } from '../src/store/port.js'
import { makeStaff } from './console/setup.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'
import { termsOutOfSync } from './helpers/queue-terms.js'

const N = 2_500
const PAGE = 37
const DAY = 86_400_000

// ---- The reference: the due order before migration 0017 (computed per case, one sort). ----
const OLD_DUE = `(CASE WHEN c.status IN ('resolved', 'closed') THEN ${NO_DUE} ELSE MIN(
    CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('status', 'question'))
      THEN ${NO_DUE} ELSE c.ack_due_at END,
    COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = c.id), ${NO_DUE})) END)`
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
function oldQueueChunk(sql: Sql, viewer: Viewer, f: QueueFilter, cursor: QueueCursor | undefined, limit: number, order: 'priority' | 'due') {
  const v = visibleWhere(viewer)
  const where = [v.sql]
  const params: SqlValue[] = [...v.params]
  if (f.statuses) (where.push(`c.status IN (${f.statuses.map(() => '?').join(', ')})`), params.push(...f.statuses))
  if (f.right) (where.push('EXISTS (SELECT 1 FROM json_each(c.rights) WHERE value = ?)'), params.push(f.right))
  if (f.commitment) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.commitments) WHERE value = ?)')
    params.push(f.commitment)
  }
  if (f.country) (where.push('c.country = ?'), params.push(f.country))
  if (f.sector) (where.push('c.sector = ?'), params.push(f.sector))
  if (f.channel) (where.push('c.channel = ?'), params.push(f.channel))
  if (f.facility) {
    const like = likePattern(f.facility)
    where.push("(c.facility_id = ? OR c.facility LIKE ? ESCAPE '\\' OR c.employer LIKE ? ESCAPE '\\')")
    params.push(f.facility, like, like)
  }
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    const like = likePattern(word)
    where.push(`(c.description_redacted LIKE ? ESCAPE '\\' OR c.employer LIKE ? ESCAPE '\\'
      OR c.facility LIKE ? ESCAPE '\\' OR c.location LIKE ? ESCAPE '\\' OR c.reference LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id AND m.body_redacted LIKE ? ESCAPE '\\'))`)
    params.push(like, like, like, like, like, like)
  }
  if (f.assignedTo !== undefined) (where.push('c.assigned_to = ?'), params.push(f.assignedTo))
  if (f.unrouted) where.push('c.assigned_to IS NULL')
  if (!f.includeMerged) where.push('c.merged_into IS NULL')
  if (f.dueBy !== undefined) (where.push(`${OLD_DUE} <= ?`), params.push(f.dueBy))
  const key = order === 'due' ? `${OLD_DUE}, c.rowid` : `c.rank, c.created_at, c.rowid`
  const sort = order === 'due' ? `${OLD_DUE} ASC, c.rowid ASC` : `c.rank, c.created_at ASC, c.rowid ASC`
  return sql.all<Row>(
    `SELECT c.id, c.rowid AS seq, c.rank, c.created_at, ${OLD_DUE} AS due_key FROM cases c WHERE ${where.join(' AND ')}
     ${cursor ? `AND (${key}) > (${cursor.map(() => '?').join(', ')})` : ''}
     ORDER BY ${sort} LIMIT ?`,
    ...params,
    ...(cursor ?? []),
    limit,
  )
}
// ---- end of the reference ----

interface Row {
  id: string
  seq: number
  rank?: number
  priority?: string
  created_at: number
  due_key: number
}

const cursorOf = (r: Row, order: 'priority' | 'due'): QueueCursor =>
  order === 'due' ? [r.due_key, r.seq] : [r.rank ?? (r.priority === 'high' ? 0 : 1), r.created_at, r.seq]

/** Every page, as lists of ids (and due keys); stops after the last. */
async function pagesOf(read: (cursor: QueueCursor | undefined) => Promise<Row[]>, order: 'priority' | 'due'): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: QueueCursor | undefined
  for (let i = 0; i < 500; i++) {
    const rows = await read(cursor)
    pages.push(rows.map((r) => `${r.id}@${r.due_key}`))
    if (rows.length < PAGE) break
    cursor = cursorOf(rows[rows.length - 1]!, order)
  }
  return pages
}

const OPEN = ['new', 'triaging', 'investigating', 'escalated']
const ALL = [...OPEN, 'resolved', 'closed']

let rt: TestRuntime
const viewers: Record<string, Viewer> = {}
/** "Today" for the due filters: a day with about a third of the running clocks before it. */
let today = 0

beforeAll(async () => {
  rt = await makeRuntime()
  const { deps } = rt
  await writeCaseload(deps, { cases: N, chunk: 1_000 })
  const staff = async (role: 'admin' | 'monitor' | 'ngo', email: string, opts: Parameters<typeof makeStaff>[3] = {}) => {
    const s = await makeStaff(rt, role, email, opts)
    return { id: s.id, role }
  }
  viewers.admin = await staff('admin', 'admin@example.org')
  viewers.broadMonitor = await staff('monitor', 'broad@example.org', {
    scopes: ['right:*@MX', 'right:wages@*', 'right:child_labor@CI/cocoa', 'commitment:cafta.16.2.1.a@*'],
  })
  viewers.narrowMonitor = await staff('monitor', 'narrow@example.org', { scopes: ['right:freedom_of_association@GT'] })
  viewers.ngo = await staff('ngo', 'ngo@example.org', { org: 'Sindicato Norte' })
  const org = (await deps.sql.get<{ org_id: string }>('SELECT org_id FROM staff WHERE id = ?', viewers.ngo!.id))!.org_id
  const run = (sql: string, ...p: SqlValue[]) => deps.sql.run(sql, ...p)
  // Work on the caseload, every change through a statement the triggers see.
  await run(`UPDATE cases SET assigned_to = ? WHERE rowid % 7 = 0`, viewers.narrowMonitor!.id)
  await run(`UPDATE cases SET status = 'escalated' WHERE rowid % 13 = 0 AND status = 'new'`)
  await run(`UPDATE cases SET filed_by = ? WHERE rowid % 17 = 0`, viewers.ngo!.id)
  await run(`UPDATE cases SET filed_by_org = ? WHERE rowid % 19 = 0`, org)
  await run(`INSERT INTO case_grants (case_id, staff_id, granted_at) SELECT id, ?, 0 FROM cases WHERE rowid % 23 = 0`, viewers.ngo!.id)
  await run(`INSERT INTO case_shares (case_id, org_id, shared_at) SELECT id, ?, 0 FROM cases WHERE rowid % 29 = 0`, org)
  await run(`UPDATE cases SET priority = 'high' WHERE rowid % 47 = 0`)
  // Clocks: forum deadlines on a third of the cases (two on some), moved on some, removed on
  // others; questions asked; status events removed (the acknowledgement clock runs again);
  // acknowledgement dates moved; cases resolved and reopened. Many cases share a due day.
  await run(`INSERT INTO case_deadlines (case_id, track, clock, due_at)
    SELECT id, 't', 'ilc_review', created_at + (rowid % 60) * ${DAY} FROM cases WHERE rowid % 3 = 0`)
  await run(`INSERT INTO case_deadlines (case_id, track, clock, due_at)
    SELECT id, 't', 'usmca_rrm', created_at + (rowid % 20) * ${DAY} FROM cases WHERE rowid % 6 = 0`)
  await run(`UPDATE case_deadlines SET due_at = due_at + 5 * ${DAY} WHERE case_id IN (SELECT id FROM cases WHERE rowid % 15 = 0)`)
  await run(`DELETE FROM case_deadlines WHERE case_id IN (SELECT id FROM cases WHERE rowid % 9 = 0) AND clock = 'usmca_rrm'`)
  await run(`DELETE FROM case_deadlines WHERE case_id IN (SELECT id FROM cases WHERE rowid % 27 = 0)`)
  await run(`INSERT INTO case_events (id, case_id, at, kind, data)
    SELECT 'q-' || id, id, created_at, 'question', '{}' FROM cases WHERE rowid % 10 = 0 AND status = 'new'`)
  await run(`DELETE FROM case_events WHERE kind = 'status' AND case_id IN (SELECT id FROM cases WHERE rowid % 14 = 0)`)
  await run(`UPDATE case_events SET kind = 'note' WHERE kind = 'question' AND case_id IN (SELECT id FROM cases WHERE rowid % 20 = 0)`)
  await run(`UPDATE cases SET ack_due_at = ack_due_at + 3 * ${DAY} WHERE rowid % 11 = 0`)
  await run(`UPDATE cases SET status = 'resolved' WHERE rowid % 31 = 0`)
  await run(`UPDATE cases SET status = 'triaging' WHERE rowid % 62 = 0`)
  await run(`UPDATE cases SET merged_into = (SELECT id FROM cases WHERE rowid = 1) WHERE rowid % 41 = 0`)
  await run(`UPDATE cases SET purged_at = 1 WHERE rowid % 37 = 0`)
  // Same-day clocks: page boundaries fall inside a due day.
  await run(`UPDATE case_deadlines SET due_at = (SELECT min(due_at) FROM case_deadlines) WHERE case_id IN (SELECT id FROM cases WHERE rowid % 12 = 0)`)
  const running = rt.db.prepare(`SELECT due_key AS d FROM cases WHERE due_key < ? ORDER BY due_key`).all(NO_DUE) as { d: number }[]
  today = running[Math.floor(running.length / 3)]!.d
}, 120_000)
afterAll(() => rt?.close())

const count = (sql: string, ...p: SqlValue[]) => (rt.db.prepare(sql).get(...p) as { n: number }).n

describe('the stored due key (migration 0017)', () => {
  it('the caseload has every kind of clock', () => {
    expect(count(`SELECT count(*) AS n FROM cases WHERE due_key < ? AND due_key <> ack_due_at`, NO_DUE)).toBeGreaterThan(100)
    expect(count(`SELECT count(*) AS n FROM cases WHERE due_key = ack_due_at AND status <> 'new'`)).toBeGreaterThan(10)
    expect(count(`SELECT count(*) AS n FROM cases WHERE due_key = ? AND status NOT IN ('resolved', 'closed')`, NO_DUE)).toBeGreaterThan(50)
    expect(count(`SELECT max(k) AS n FROM (SELECT count(*) AS k FROM cases WHERE due_key < ? GROUP BY due_key)`, NO_DUE)).toBeGreaterThan(PAGE)
  })

  it('equals what the queue computed, on every case (live, merged, purged)', () => {
    expect(count(`SELECT count(*) AS n FROM cases c WHERE c.due_key IS NOT ${OLD_DUE}`)).toBe(0)
    // The join tables copy it (test/helpers/queue-terms.ts compares every carried column).
    expect(termsOutOfSync(rt.db)).toEqual([])
  })

  it('follows a deadline set and removed, a question, and a case resolved and reopened', async () => {
    const { sql } = rt.deps
    const r = rt.db.prepare(`SELECT id, ack_due_at FROM cases WHERE status = 'new' AND due_key = ack_due_at AND purged_at IS NULL AND merged_into IS NULL LIMIT 1`).get() as { id: string; ack_due_at: number }
    const due = () => (rt.db.prepare('SELECT due_key AS d FROM cases WHERE id = ?').get(r.id) as { d: number }).d
    await sql.run(`INSERT INTO case_deadlines (case_id, track, clock, due_at) VALUES (?, 'x', 'y', ?)`, r.id, r.ack_due_at - DAY)
    expect(due()).toBe(r.ack_due_at - DAY)
    await sql.run(`UPDATE cases SET status = 'resolved' WHERE id = ?`, r.id)
    expect(due()).toBe(NO_DUE)
    await sql.run(`UPDATE cases SET status = 'new' WHERE id = ?`, r.id)
    expect(due()).toBe(r.ack_due_at - DAY)
    await sql.run(`DELETE FROM case_deadlines WHERE case_id = ? AND clock = 'y'`, r.id)
    expect(due()).toBe(r.ack_due_at)
    await sql.run(`INSERT INTO case_events (id, case_id, at, kind, data) VALUES (?, ?, 0, 'question', '{}')`, `q2-${r.id}`, r.id)
    expect(due()).toBe(NO_DUE)
    await sql.run(`DELETE FROM case_events WHERE id = ?`, `q2-${r.id}`)
    expect(due()).toBe(r.ack_due_at)
    expect(termsOutOfSync(rt.db)).toEqual([])
  })
})

describe('due pages are identical before and after migration 0017', () => {
  const right = () => (rt.db.prepare("SELECT j.value AS v FROM cases c, json_each(c.rights) j GROUP BY j.value ORDER BY count(*) DESC LIMIT 1 OFFSET 2").get() as { v: string }).v
  const filters = (viewer: Viewer): [string, QueueFilter][] => [
    ['open', { statuses: OPEN }],
    ['all', { statuses: ALL }],
    ['no status list', {}],
    ['status new', { statuses: ['new'] }],
    ['status resolved', { statuses: ['resolved'] }],
    ['right', { statuses: OPEN, right: right() }],
    ['commitment', { statuses: OPEN, commitment: 'cafta.16.2.1.a' }],
    ['country', { statuses: OPEN, country: 'MX' }],
    ['sector', { statuses: OPEN, sector: 'agriculture' }],
    ['channel', { statuses: OPEN, channel: 'sms' }],
    ['facility', { statuses: OPEN, facility: 'planta' }],
    ['unrouted', { statuses: OPEN, unrouted: true }],
    ['assigned to me', { statuses: OPEN, assignedTo: viewer.id }],
    ['right and country', { statuses: OPEN, right: 'wages', country: 'MX' }],
    ['merged included', { statuses: OPEN, includeMerged: true }],
    ['more statuses than are bound one by one', { statuses: [...ALL, 'x1', 'x2', 'x3'], right: 'wages' }],
    // A short word is never looked up in the search index: the page walks the due ranges.
    ['search, a short word', { statuses: OPEN, text: 'de' }],
  ]
  // The console's due filters (cases/queue.ts): overdue, within a week, any running clock.
  const dues = (): [string, number | undefined][] => [
    ['no due filter', undefined],
    ['overdue', today],
    ['week', today + 7 * DAY],
    ['any', NO_DUE - 1],
  ]

  for (const who of ['admin', 'broadMonitor', 'narrowMonitor', 'ngo']) {
    it(`${who}: every filter × due filter × order, page by page`, async () => {
      const viewer = viewers[who]!
      let nonEmpty = 0
      for (const [name, base] of filters(viewer)) {
        for (const [dueName, dueBy] of dues()) {
          const f: QueueFilter = dueBy === undefined ? base : { ...base, dueBy }
          // The priority order with a due filter, and the due order with or without one.
          for (const order of dueBy === undefined ? (['due'] as const) : (['due', 'priority'] as const)) {
            const before = await pagesOf((c) => oldQueueChunk(rt.deps.sql, viewer, f, c, PAGE, order), order)
            const after = await pagesOf(async (c) => (await queueChunk(rt.deps.sql, viewer, f, c, PAGE, order)) as Row[], order)
            expect(after, `${who}, ${name}, ${dueName}, ${order}`).toEqual(before)
            if (before[0]!.length > 0) nonEmpty++
          }
        }
      }
      expect(nonEmpty).toBeGreaterThan(20)
    }, 300_000)
  }
})

describe('migration 0017 back-fills the cases made before it', () => {
  it('writes the same due keys and join rows as the triggers did', () => {
    const all = readMigrations(MIGRATIONS_DIR)
    const before = all.filter((m) => m.name < '0017')
    const db = new Database(':memory:')
    try {
      db.pragma('foreign_keys = OFF') // the cases alone: their organisations stay behind
      applyMigrations(db, before)
      const cols = (t: string) =>
        (db.prepare(`PRAGMA table_xinfo(${t})`).all() as { name: string; hidden: number }[]).filter((c) => c.hidden === 0).map((c) => c.name)
      db.prepare('ATTACH DATABASE ? AS seeded').run(`${rt.dir}/hotline.db`)
      db.exec(`INSERT INTO cases (rowid, ${cols('cases').join(', ')}) SELECT rowid, ${cols('cases').join(', ')} FROM seeded.cases`)
      for (const t of ['case_events', 'case_deadlines', 'case_shares', 'case_grants']) {
        db.exec(`INSERT INTO ${t} (${cols(t).join(', ')}) SELECT ${cols(t).join(', ')} FROM seeded.${t}`)
      }
      applyMigrations(db, all)
      const keys = (prefix: string) => db.prepare(`SELECT rowid, due_key FROM ${prefix}cases ORDER BY rowid`).all()
      expect(keys('')).toEqual(keys('seeded.'))
      const rows = (table: string, prefix = '') =>
        db.prepare(`SELECT * FROM ${prefix}${table} ORDER BY code, status, rank, created_at, case_rowid`).all()
      for (const t of ['case_rights', 'case_commitments', 'case_access']) {
        expect(rows(t).length).toBeGreaterThan(50)
        expect(rows(t), t).toEqual(rows(t, 'seeded.'))
      }
      expect(termsOutOfSync(db)).toEqual([])
    } finally {
      db.close()
    }
  })
})
