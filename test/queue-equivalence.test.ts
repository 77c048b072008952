/**
 * The queue reads index ranges since migration 0013 (store/queue-ranges.ts). Its pages must be
 * exactly what the one sorted query over the JSON columns gave before: the same rows, in the same
 * order, with the same page boundaries, for every filter and every kind of viewer. The query of
 * the release before is kept below, verbatim, as the reference. The caseload is the bench seeder's
 * (cli/caseload.ts), then worked on: statuses moved, cases assigned, filed by an NGO, granted,
 * shared, merged and purged. The migration's back-fill is checked against what the triggers wrote.
 * The search (q=, migration 0014's trigram indexes) is compared with the LIKE scan it replaced,
 * both when it reads a rare word's matches and when it walks the queue order.
 */
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { MIGRATIONS_DIR } from '../src/node/boot.js'
import { queueChunk, searchTuning, type QueueCursor, type QueueFilter, type QueueRow, type Viewer } from '../src/store/queue.js'
import { applyMigrations, readMigrations } from '../src/store/sqlite-migrate.js'
import type { Sql, SqlValue } from '../src/store/port.js'
import { makeStaff } from './console/setup.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'
import { termsOutOfSync } from './helpers/queue-terms.js'

const N = 3_000
const PAGE = 41

// ---- The reference: the queue query before migration 0013 (JSON columns, one sort). ----
function oldScopeMatch(staffExpr: string): string {
  return `EXISTS (
    SELECT 1 FROM staff_scopes sc
    WHERE sc.staff_id = ${staffExpr}
      AND (sc.country = c.country OR sc.country = '*')
      AND (sc.sector = '*' OR sc.sector = c.sector)
      AND ((sc.kind = 'commitment' AND sc.value IN (SELECT value FROM json_each(c.commitments)))
        OR (sc.kind = 'right' AND (sc.value = '*' OR sc.value IN (SELECT value FROM json_each(c.rights))))))`
}
function oldVisibleWhere(viewer: Viewer): { sql: string; params: SqlValue[] } {
  switch (viewer.role) {
    case 'admin':
      return { sql: 'c.purged_at IS NULL', params: [] }
    case 'monitor':
      return { sql: `c.purged_at IS NULL AND (c.assigned_to = ? OR ${oldScopeMatch('?')})`, params: [viewer.id, viewer.id] }
    case 'ngo':
      return {
        sql: `c.purged_at IS NULL AND (c.filed_by = ? OR EXISTS (
          SELECT 1 FROM case_grants g WHERE g.case_id = c.id AND g.staff_id = ?)
          OR c.filed_by_org = (SELECT s.org_id FROM staff s WHERE s.id = ?)
          OR EXISTS (SELECT 1 FROM case_shares sh JOIN staff s ON s.org_id = sh.org_id
            WHERE sh.case_id = c.id AND s.id = ?))`,
        params: [viewer.id, viewer.id, viewer.id, viewer.id],
      }
    default:
      return { sql: '0', params: [] }
  }
}
const OLD_RANK = "(CASE c.priority WHEN 'high' THEN 0 ELSE 1 END)"
function oldQueueChunk(sql: Sql, viewer: Viewer, f: QueueFilter, cursor: QueueCursor | undefined, limit: number) {
  const v = oldVisibleWhere(viewer)
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
    where.push("(c.facility_id = ? OR c.facility LIKE ? ESCAPE '\\')")
    params.push(f.facility, `%${f.facility.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
  }
  // The search before migration 0014: every word somewhere in the redacted text, by LIKE.
  for (const word of (f.text ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    const like = `%${word.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
    where.push(`(c.description_redacted LIKE ? ESCAPE '\\' OR c.employer LIKE ? ESCAPE '\\'
      OR c.facility LIKE ? ESCAPE '\\' OR c.location LIKE ? ESCAPE '\\' OR c.reference LIKE ? ESCAPE '\\'
      OR EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id AND m.body_redacted LIKE ? ESCAPE '\\'))`)
    params.push(like, like, like, like, like, like)
  }
  if (f.assignedTo !== undefined) (where.push('c.assigned_to = ?'), params.push(f.assignedTo))
  if (f.unrouted) where.push('c.assigned_to IS NULL')
  if (!f.includeMerged) where.push('c.merged_into IS NULL')
  return sql.all<{ id: string; seq: number; priority: string; created_at: number }>(
    `SELECT c.id, c.rowid AS seq, c.priority, c.created_at FROM cases c WHERE ${where.join(' AND ')}
     ${cursor ? `AND (${OLD_RANK}, c.created_at, c.rowid) > (?, ?, ?)` : ''}
     ORDER BY ${OLD_RANK}, c.created_at ASC, c.rowid ASC LIMIT ?`,
    ...params,
    ...(cursor ?? []),
    limit,
  )
}
// ---- end of the reference ----

const cursorOf = (r: { priority: string; created_at: number; seq: number }): QueueCursor => [
  r.priority === 'high' ? 0 : 1,
  r.created_at,
  r.seq,
]

/** Every page of both queries, as lists of ids; stops at the first page that differs. */
async function pagesOf(
  read: (cursor: QueueCursor | undefined) => Promise<{ id: string; seq: number; priority: string; created_at: number }[]>,
): Promise<string[][]> {
  const pages: string[][] = []
  let cursor: QueueCursor | undefined
  for (let i = 0; i < 500; i++) {
    const rows = await read(cursor)
    pages.push(rows.map((r) => r.id))
    if (rows.length < PAGE) break
    cursor = cursorOf(rows[rows.length - 1]!)
  }
  return pages
}

const OPEN = ['new', 'triaging', 'investigating', 'escalated']
const ALL = [...OPEN, 'resolved', 'closed']

let rt: TestRuntime
const viewers: Record<string, Viewer> = {}

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
    scopes: ['right:*@MX', 'right:wages@*', 'right:child_labor@CI/cocoa', 'commitment:cafta.16.2.1.a@*', 'right:forced_labor@US/agriculture'],
  })
  viewers.narrowMonitor = await staff('monitor', 'narrow@example.org', { scopes: ['right:freedom_of_association@GT'] })
  viewers.commitmentMonitor = await staff('monitor', 'usmca@example.org', { scopes: ['commitment:usmca.23.3.1.a@MX/auto_parts'] })
  viewers.idleMonitor = await staff('monitor', 'idle@example.org')
  viewers.ngo = await staff('ngo', 'ngo@example.org', { org: 'Sindicato Norte' })
  viewers.orgPeer = await staff('ngo', 'peer@example.org', { org: 'Sindicato Norte' })
  viewers.otherNgo = await staff('ngo', 'other@example.org', { org: 'Otra ONG' })
  const org = (await deps.sql.get<{ org_id: string }>('SELECT org_id FROM staff WHERE id = ?', viewers.ngo!.id))!.org_id
  // Work done on the caseload, every change through an UPDATE the triggers see.
  const run = (sql: string, ...p: SqlValue[]) => deps.sql.run(sql, ...p)
  await run(`UPDATE cases SET assigned_to = ? WHERE rowid % 7 = 0`, viewers.narrowMonitor!.id)
  await run(`UPDATE cases SET assigned_to = ? WHERE rowid % 11 = 0`, viewers.idleMonitor!.id)
  await run(`UPDATE cases SET status = 'escalated' WHERE rowid % 13 = 0 AND status = 'new'`)
  await run(`UPDATE cases SET filed_by = ? WHERE rowid % 17 = 0`, viewers.ngo!.id)
  await run(`UPDATE cases SET filed_by_org = ? WHERE rowid % 19 = 0`, org)
  await run(`INSERT INTO case_grants (case_id, staff_id, granted_at) SELECT id, ?, 0 FROM cases WHERE rowid % 23 = 0`, viewers.ngo!.id)
  await run(`INSERT INTO case_shares (case_id, org_id, shared_at) SELECT id, ?, 0 FROM cases WHERE rowid % 29 = 0`, org)
  await run(`UPDATE cases SET merged_into = (SELECT id FROM cases WHERE rowid = 1) WHERE rowid % 31 = 0`)
  await run(`UPDATE cases SET purged_at = 1 WHERE rowid % 37 = 0`)
  await run(`UPDATE cases SET facility_id = 'fac-9' WHERE rowid % 41 = 0`)
  await run(`UPDATE cases SET commitments = '["cafta.16.2.1.a"]' WHERE rowid % 43 = 0`)
  await run(`UPDATE cases SET priority = 'high' WHERE rowid % 47 = 0`)
  // Words for the search (0014's indexes follow these updates through their triggers): rare ones
  // in descriptions, employers and messages, one with an accent.
  await run(`UPDATE cases SET description_redacted = description_redacted || ' Zorzal del monte' WHERE rowid % 53 = 0`)
  await run(`UPDATE cases SET employer = 'Textiles Sur SA' WHERE rowid % 59 = 0`)
  await run(`UPDATE case_messages SET body_redacted = body_redacted || ' Colibrí' WHERE rowid % 5 = 0`)
}, 120_000)
afterAll(() => rt?.close())

const top = (sql: string) => rt.db.prepare(sql).get() as Record<string, string>

describe('queue results are identical before and after migration 0013', () => {
  it('the caseload is varied enough to tell', () => {
    const n = (sql: string) => (rt.db.prepare(sql).get() as { n: number }).n
    expect(n("SELECT count(*) AS n FROM cases WHERE priority = 'high' AND status = 'new'")).toBeGreaterThan(20)
    expect(n('SELECT count(*) AS n FROM cases WHERE merged_into IS NOT NULL')).toBeGreaterThan(50)
    expect(n('SELECT count(*) AS n FROM cases WHERE purged_at IS NOT NULL')).toBeGreaterThan(50)
    // Many cases share a day: the rowid orders them, and page boundaries fall inside days.
    expect(n('SELECT max(k) AS n FROM (SELECT count(*) AS k FROM cases GROUP BY created_at)')).toBeGreaterThan(2)
  })

  it('the join tables hold exactly the rights and commitments of the live cases', () => {
    expect(termsOutOfSync(rt.db)).toEqual([])
  })

  const right = () => top("SELECT j.value AS v FROM cases c, json_each(c.rights) j GROUP BY j.value ORDER BY count(*) DESC LIMIT 1 OFFSET 2").v!
  const commitment = () => top("SELECT j.value AS v FROM cases c, json_each(c.commitments) j GROUP BY j.value ORDER BY count(*) DESC LIMIT 1").v!
  /** The most common word of 6 letters or more in the seeded descriptions. */
  let common: string | undefined
  const commonWord = () => {
    if (common) return common
    const counts = new Map<string, number>()
    for (const r of rt.db.prepare('SELECT description_redacted AS d FROM cases LIMIT 500').all() as { d: string }[]) {
      for (const w of r.d.toLowerCase().match(/[a-z]{6,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
    }
    return (common = [...counts].sort((a, b) => b[1] - a[1])[0]![0])
  }
  const filters = (viewer: Viewer): [string, QueueFilter][] => [
    ['open', { statuses: OPEN }],
    ['all', { statuses: ALL }],
    ['no status list', {}],
    ...ALL.map((s): [string, QueueFilter] => [`status ${s}`, { statuses: [s] }]),
    ['right', { statuses: OPEN, right: right() }],
    ['rare right', { statuses: OPEN, right: 'child_labor' }],
    ['commitment', { statuses: OPEN, commitment: commitment() }],
    ['country', { statuses: OPEN, country: 'MX' }],
    ['country GT, all', { statuses: ALL, country: 'GT' }],
    ['sector', { statuses: OPEN, sector: 'agriculture' }],
    ['channel', { statuses: OPEN, channel: 'sms' }],
    ['facility name', { statuses: OPEN, facility: 'planta 3' }],
    ['facility id', { statuses: ALL, facility: 'fac-9' }],
    ['facility wildcard', { statuses: OPEN, facility: '%' }],
    ['unrouted', { statuses: OPEN, unrouted: true }],
    ['assigned to me', { statuses: OPEN, assignedTo: viewer.id }],
    ['assigned to another', { statuses: OPEN, assignedTo: viewers.narrowMonitor!.id }],
    ['right and country', { statuses: OPEN, right: 'wages', country: 'MX' }],
    ['right and sector', { statuses: ALL, right: 'wages', sector: 'agriculture' }],
    ['rare right, unrouted', { statuses: OPEN, right: 'child_labor', unrouted: true }],
    ['commitment, assigned to me', { statuses: ALL, commitment: commitment(), assignedTo: viewer.id }],
    ['commitment and unrouted', { statuses: ALL, commitment: commitment(), unrouted: true }],
    ['merged included', { statuses: OPEN, includeMerged: true }],
    ['merged included, right, all', { statuses: ALL, right: 'wages', includeMerged: true }],
    ['unknown status', { statuses: ['nonsense'] }],
    ['more statuses than are bound one by one', { statuses: [...ALL, 'x1', 'x2', 'x3'], right: 'wages' }],
    ['quote in a value', { statuses: OPEN, country: "M'X", facility: "o'brien" }],
    // The search (0014): rare words read their matches, common and short ones walk the order.
    ['search, a rare word', { statuses: ALL, text: 'zorzal' }],
    ['search, rare words of an employer', { statuses: OPEN, text: 'TEXTILES sur' }],
    ['search, a word in messages', { statuses: ALL, text: 'colibrí' }],
    ['search, case beyond ASCII', { statuses: ALL, text: 'COLIBRÍ' }],
    ['search, a common word', { statuses: OPEN, text: commonWord() }],
    ['search, a common and a rare word', { statuses: ALL, text: `${commonWord()} zorzal` }],
    ['search, a short word', { statuses: OPEN, text: 'de' }],
    ['search, wildcards and quotes', { statuses: ALL, text: '% a_b "x' }],
    ['search, rare word and a right', { statuses: ALL, text: 'zorzal', right: 'wages' }],
    ['search, common word and a right', { statuses: OPEN, text: commonWord(), right: 'wages', country: 'MX' }],
    ['search, a word found nowhere', { statuses: ALL, text: 'xylophone' }],
    ['search, merged included', { statuses: ALL, text: 'zorzal', includeMerged: true }],
  ]

  for (const who of ['admin', 'broadMonitor', 'narrowMonitor', 'commitmentMonitor', 'idleMonitor', 'ngo', 'orgPeer', 'otherNgo']) {
    it(`${who}: every filter, page by page`, async () => {
      const viewer = viewers[who]!
      let nonEmpty = 0
      for (const [name, f] of filters(viewer)) {
        const before = await pagesOf((c) => oldQueueChunk(rt.deps.sql, viewer, f, c, PAGE))
        const after = await pagesOf((c) => queueChunk(rt.deps.sql, viewer, f, c, PAGE))
        expect(after, `${who}, ${name}`).toEqual(before)
        if (before[0]!.length > 0) nonEmpty++
      }
      if (who !== 'otherNgo') expect(nonEmpty).toBeGreaterThan(5)
    }, 180_000)
  }

  it('a search walks the queue order when its words are common, with the same pages', async () => {
    // Every word then has more matches than the threshold: the page walks the index ranges and
    // checks the words on each case (store/queue-ranges.ts) instead of sorting the matches.
    const before = searchTuning.candidates
    searchTuning.candidates = 3
    try {
      for (const who of ['admin', 'broadMonitor', 'ngo']) {
        const viewer = viewers[who]!
        for (const [name, f] of filters(viewer).filter(([n]) => n.startsWith('search'))) {
          const old = await pagesOf((c) => oldQueueChunk(rt.deps.sql, viewer, f, c, PAGE))
          expect(await pagesOf((c) => queueChunk(rt.deps.sql, viewer, f, c, PAGE)), `${who}, ${name}`).toEqual(old)
        }
      }
    } finally {
      searchTuning.candidates = before
    }
  }, 180_000)

  it('rows carry the same columns as before (one full page)', async () => {
    const rows: QueueRow[] = await queueChunk(rt.deps.sql, viewers.admin!, { statuses: OPEN }, undefined, PAGE)
    const ids = (await oldQueueChunk(rt.deps.sql, viewers.admin!, { statuses: OPEN }, undefined, PAGE)).map((r) => r.id)
    expect(rows.map((r) => r.id)).toEqual(ids)
    const r = rows[0]!
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'seq', 'rights', 'commitments', 'acknowledged_at', 'next_deadline_at', 'snippet', 'unread']))
    expect(r).not.toHaveProperty('original_enc')
    expect(r).not.toHaveProperty('identity_sealed')
  })
})

describe('migrations 0013 and 0014 back-fill the cases, shares and grants made before them', () => {
  it('writes the same rows as the triggers did', () => {
    const all = readMigrations(MIGRATIONS_DIR)
    const before = all.filter((m) => m.name < '0013')
    const db = new Database(':memory:')
    try {
      db.pragma('foreign_keys = OFF') // the cases alone: their organisations stay behind
      applyMigrations(db, before)
      const cols = (db.prepare('PRAGMA table_info(cases)').all() as { name: string }[]).map((c) => c.name)
      db.prepare('ATTACH DATABASE ? AS seeded').run(`${rt.dir}/hotline.db`)
      db.exec(`INSERT INTO cases (rowid, ${cols.join(', ')}) SELECT rowid, ${cols.join(', ')} FROM seeded.cases`)
      // Shares and grants made before 0014 (case_access is back-filled from them).
      db.exec('INSERT INTO case_shares SELECT * FROM seeded.case_shares; INSERT INTO case_grants SELECT * FROM seeded.case_grants')
      // Events and deadlines too: migration 0017 back-fills the due key from them.
      for (const t of ['case_events', 'case_deadlines']) {
        const tc = (db.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map((c) => c.name).join(', ')
        db.exec(`INSERT INTO ${t} (${tc}) SELECT ${tc} FROM seeded.${t}`)
      }
      applyMigrations(db, all)
      const rows = (table: string, from: Database.Database, prefix = '') =>
        from.prepare(`SELECT * FROM ${prefix}${table} ORDER BY code, status, rank, created_at, case_rowid`).all()
      for (const t of ['case_rights', 'case_commitments', 'case_access']) {
        expect(rows(t, db).length).toBeGreaterThan(t === 'case_access' ? 100 : N / 2)
        expect(rows(t, db), t).toEqual(rows(t, db, 'seeded.'))
      }
      expect(termsOutOfSync(db)).toEqual([])
    } finally {
      db.close()
    }
  })
})
