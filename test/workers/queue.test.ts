/**
 * @module test/workers/queue.test
 * The queue on real local D1, inside workerd: migration 0013's triggers keep case_rights and
 * case_commitments with the cases (D1 runs them inside its batch), and a page read as a union of
 * index ranges is the visible cases in queue order, page after page, for an admin, a monitor
 * with many scopes (more ranges than D1 binds parameters: values are bound once) and an NGO.
 * Migration 0014 on D1: shares and grants in queue order (case_access), and the search's FTS5
 * trigram indexes kept by triggers, read both ways (a rare word's matches, or the queue order).
 */
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import * as cases from '../../src/store/cases.js'
import { purgeCases, purgedCount } from '../../src/store/purge.js'
import { d1Sql } from '../../src/store/d1.js'
import { stmt, type Sql } from '../../src/store/port.js'
import { queueChunk, searchTuning, type QueueCursor, type QueueFilter, type Viewer } from '../../src/store/queue.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)
const OPEN = ['new', 'triaging', 'investigating', 'escalated']
const RIGHTS = ['wages', 'working_hours', 'freedom_of_association', 'child_labor', 'safety_health']
const COUNTRIES = ['MX', 'GT', 'US']

interface Made {
  id: string
  seq: number
  rank: number
  day: number
  status: string
  country: string
  rights: string[]
  assigned: string | null
  filedBy: string | null
}

let sql: Sql
let made: Made[]

const admin: Viewer = { id: 'q-admin', role: 'admin' }
const monitor: Viewer = { id: 'q-monitor', role: 'monitor' }
const ngo: Viewer = { id: 'q-ngo', role: 'ngo' }

beforeEach(async () => {
  sql = d1Sql(env.DB)
  await env.DB.batch([
    env.DB.prepare('DELETE FROM cases'),
    env.DB.prepare('DELETE FROM staff_scopes'),
    env.DB.prepare("DELETE FROM staff WHERE id LIKE 'q-%'"),
    env.DB.prepare("DELETE FROM organisations WHERE id = 'q-org'"),
  ])
  await sql.batch([
    stmt("INSERT INTO staff (id, email, role, created_at) VALUES ('q-admin', 'qa@example.org', 'admin', 0)"),
    stmt("INSERT INTO staff (id, email, role, created_at) VALUES ('q-monitor', 'qm@example.org', 'monitor', 0)"),
    stmt("INSERT INTO organisations (id, name, kind, created_at) VALUES ('q-org', 'Q Org', 'ngo', 0)"),
    stmt("INSERT INTO staff (id, email, role, created_at, org_id) VALUES ('q-ngo', 'qn@example.org', 'ngo', 0, 'q-org')"),
    // Forty scopes: 40 × 4 statuses ranges, far more values than D1's 100 bound parameters.
    ...Array.from({ length: 40 }, (_, i) =>
      stmt(
        "INSERT INTO staff_scopes (staff_id, kind, value, country, sector) VALUES ('q-monitor', ?, ?, ?, '*')",
        i === 0 ? 'right' : 'commitment',
        i === 0 ? 'child_labor' : `test.commitment.${i}`,
        i === 0 ? '*' : 'GT',
      ),
    ),
  ])
  made = []
  const statements = []
  for (let i = 0; i < 120; i++) {
    const rights = [RIGHTS[i % 5]!, ...(i % 3 === 0 ? [RIGHTS[(i + 2) % 5]!] : [])]
    const status = OPEN[i % 4]!
    const c = {
      id: `q-case-${i}`,
      seq: i + 1,
      rank: i % 6 === 0 ? 0 : 1,
      day: T0 + (i % 9) * DAY,
      status,
      country: COUNTRIES[i % 3]!,
      rights,
      assigned: i % 10 === 0 ? 'q-monitor' : null,
      filedBy: i % 8 === 0 ? 'q-ngo' : null,
    }
    made.push(c)
    statements.push(
      cases.insert({
        id: c.id, reference: `HL-Q-${i}`, receiptHash: `q-receipt-${i}`, idempotencyKey: null, channel: 'web', language: 'es',
        country: c.country, sector: null, employer: 'Empresa', facility: null, location: null, descriptionRedacted: 'texto',
        originalEnc: new Uint8Array([1]), identitySealed: null, rights: JSON.stringify(rights), rightsChosen: '[]',
        commitments: JSON.stringify(i % 4 === 1 ? ['test.commitment.7'] : []), occurredOn: null, workersAffected: null,
        retaliationFeared: null, authoritiesNotified: null, consentToContact: 0, priority: c.rank === 0 ? 'high' : 'normal',
        assignedTo: c.assigned, filedBy: c.filedBy, createdAt: c.day, updatedAt: c.day, ackDueAt: c.day + 7 * DAY,
        employerHash: 'h', fieldsEnc: null, status,
      }),
    )
  }
  await sql.batch(statements)
  // The rowid D1 gave each case.
  const rows = await sql.all<{ id: string; seq: number }>("SELECT id, rowid AS seq FROM cases WHERE id LIKE 'q-case-%'")
  const seqOf = new Map(rows.map((r) => [r.id, r.seq]))
  for (const c of made) c.seq = seqOf.get(c.id)!
})

const order = (a: Made, b: Made) => a.rank - b.rank || a.day - b.day || a.seq - b.seq

/** Every page, following the cursor, as lists of ids. */
async function pages(viewer: Viewer, f: QueueFilter, limit = 7): Promise<string[][]> {
  const out: string[][] = []
  let cursor: QueueCursor | undefined
  for (let i = 0; i < 100; i++) {
    const rows = await queueChunk(sql, viewer, f, cursor, limit)
    out.push(rows.map((r) => r.id))
    if (rows.length < limit) break
    const last = rows[rows.length - 1]!
    cursor = [last.priority === 'high' ? 0 : 1, last.created_at, last.seq]
  }
  return out
}

const paged = (list: Made[], limit = 7) => {
  const ids = [...list].sort(order).map((c) => c.id)
  const out: string[][] = []
  for (let i = 0; i <= ids.length; i += limit) out.push(ids.slice(i, i + limit))
  return out
}

describe('the queue on D1', () => {
  it('the triggers wrote one row per right and commitment', async () => {
    const n = await sql.get<{ n: number }>('SELECT count(*) AS n FROM case_rights')
    expect(n!.n).toBe(made.reduce((k, c) => k + c.rights.length, 0))
    const m = await sql.get<{ n: number }>("SELECT count(*) AS n FROM case_commitments WHERE code = 'test.commitment.7'")
    expect(m!.n).toBe(30)
  })

  it('admin: every open case, and by right, in queue order, page after page', async () => {
    expect(await pages(admin, { statuses: OPEN })).toEqual(paged(made))
    expect(await pages(admin, { statuses: OPEN, right: 'wages' })).toEqual(paged(made.filter((c) => c.rights.includes('wages'))))
    expect(await pages(admin, { statuses: ['escalated'], country: 'GT' })).toEqual(
      paged(made.filter((c) => c.status === 'escalated' && c.country === 'GT')),
    )
  })

  it('monitor with forty scopes: assigned, a right anywhere, a commitment in GT', async () => {
    const visible = made.filter(
      (c) => c.assigned === 'q-monitor' || c.rights.includes('child_labor') || (made.indexOf(c) % 4 === 1 && c.country === 'GT'),
    )
    expect(await pages(monitor, { statuses: OPEN })).toEqual(paged(visible))
  })

  it('ngo: what it filed; a status change and a merge move the rows', async () => {
    expect(await pages(ngo, { statuses: OPEN })).toEqual(paged(made.filter((c) => c.filedBy === 'q-ngo')))
    await sql.batch([cases.setStatus('q-case-0', 'new', 'closed', 'withdrawn', T0), ...cases.mergeInto('q-case-8', 'q-case-16', T0)])
    expect(await pages(ngo, { statuses: OPEN })).toEqual(
      paged(made.filter((c) => c.filedBy === 'q-ngo' && c.id !== 'q-case-0' && c.id !== 'q-case-8')),
    )
    expect((await pages(ngo, { statuses: ['closed'] })).flat()).toEqual(['q-case-0'])
    expect(await sql.get("SELECT 1 AS x FROM case_rights r JOIN cases c ON c.rowid = r.case_rowid WHERE c.id = 'q-case-8'")).toBeUndefined()
    expect((await pages(ngo, { statuses: OPEN, includeMerged: true })).flat()).toContain('q-case-8')
  })

  it('ngo: shares and grants are walked in queue order (case_access) and follow the case', async () => {
    await sql.batch([
      stmt("INSERT INTO case_shares (case_id, org_id, shared_at) SELECT id, 'q-org', 0 FROM cases WHERE id IN ('q-case-3', 'q-case-5', 'q-case-7', 'q-case-11')"),
      stmt("INSERT INTO case_grants (case_id, staff_id, granted_at) VALUES ('q-case-13', 'q-ngo', 0)"),
    ])
    const mine = (extra: string[]) => made.filter((c) => c.filedBy === 'q-ngo' || extra.includes(c.id))
    expect(await pages(ngo, { statuses: OPEN })).toEqual(paged(mine(['q-case-3', 'q-case-5', 'q-case-7', 'q-case-11', 'q-case-13'])))
    await sql.batch([
      cases.setStatus('q-case-5', made[5]!.status, 'closed', 'withdrawn', T0),
      stmt("DELETE FROM case_shares WHERE case_id = 'q-case-7'"),
    ])
    expect(await pages(ngo, { statuses: OPEN })).toEqual(paged(mine(['q-case-3', 'q-case-11', 'q-case-13'])))
    expect((await pages(ngo, { statuses: ['closed'] })).flat()).toEqual(['q-case-5'])
  })

  it('search: the trigram indexes follow the text, and both ways of reading give the same pages', async () => {
    await sql.batch([
      stmt("UPDATE cases SET description_redacted = 'No pagan. Zorzal del monte.' WHERE id IN ('q-case-2', 'q-case-4', 'q-case-40')"),
      stmt("INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, created_at) VALUES ('q-msg-1', 'q-case-6', 'from_reporter', 'sms', 'Vi un colibrí', 0)"),
    ])
    const ids = (list: string[]) => paged(made.filter((c) => list.includes(c.id)))
    for (const candidates of [5_000, 0]) {
      searchTuning.candidates = candidates
      try {
        expect(await pages(admin, { statuses: OPEN, text: 'ZORZAL' }), `candidates ${candidates}`).toEqual(ids(['q-case-2', 'q-case-4', 'q-case-40']))
        expect(await pages(admin, { statuses: OPEN, text: 'zorzal monte' })).toEqual(ids(['q-case-2', 'q-case-4', 'q-case-40']))
        expect(await pages(admin, { statuses: OPEN, text: 'colibrí' })).toEqual(ids(['q-case-6']))
        expect(await pages(admin, { statuses: OPEN, text: 'texto' })).toEqual(paged(made.filter((c) => !['q-case-2', 'q-case-4', 'q-case-40'].includes(c.id))))
        expect((await pages(admin, { statuses: OPEN, text: 'nowhere' })).flat()).toEqual([])
      } finally {
        searchTuning.candidates = 5_000
      }
    }
    // The index follows an edit and a deletion.
    await sql.batch([
      stmt("UPDATE cases SET description_redacted = 'texto' WHERE id = 'q-case-4'"),
      stmt("DELETE FROM case_messages WHERE id = 'q-msg-1'"),
    ])
    expect(await pages(admin, { statuses: OPEN, text: 'zorzal' })).toEqual(ids(['q-case-2', 'q-case-40']))
    expect((await pages(admin, { statuses: OPEN, text: 'colibrí' })).flat()).toEqual([])
    expect((await sql.get<{ n: number }>(`SELECT count(*) AS n FROM case_search WHERE case_search MATCH '"zor" AND "orz" AND "rza" AND "zal"'`))!.n).toBe(2)
  })

  it('the purge counts the cases it purged, not the join rows, and removes those rows', async () => {
    await sql.batch([stmt("INSERT INTO case_shares (case_id, org_id, shared_at) VALUES ('q-case-5', 'q-org', 0)")])
    const ids = ['q-case-1', 'q-case-5', 'q-case-9']
    await sql.batch(ids.map((id) => cases.setStatus(id, made[Number(id.slice(7))]!.status, 'closed', 'withdrawn', T0)))
    const results = await sql.batch(purgeCases(ids, 'closed', T0 + 1, T0 + 2))
    expect(purgedCount(results)).toBe(3)
    // The port counts each statement's own rows on D1 too, not what its triggers write.
    expect(results.slice(-3).map((r) => r.changes)).toEqual([expect.any(Number), expect.any(Number), 3])
    const left = await sql.get<{ n: number }>(
      `SELECT count(*) AS n FROM case_rights r JOIN cases c ON c.rowid = r.case_rowid WHERE c.id IN ('q-case-1', 'q-case-5', 'q-case-9')`,
    )
    expect(left!.n).toBe(0)
  })
})
