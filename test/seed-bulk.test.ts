/**
 * `seed bench` loads through a bulk path (store/sqlite-bulk.ts): prepared statements, indexes,
 * the queue's triggers and foreign-key checks deferred, the queue's join rows built afterwards by
 * set-based SQL. The database it leaves must be the one the ordinary path (statements through the
 * port, triggers firing per row) gives for the same caseload: the same caseload is recorded once
 * and written both ways, and every row, index and trigger is compared.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { silentLogger } from '../src/log.js'
import { bootNode, type NodeRuntime } from '../src/node/boot.js'
import { portSink, type CaseloadSink } from '../src/store/caseload.js'
import { bulkLoad } from '../src/store/sqlite-bulk.js'

const N = 1_500

type Row = ['case', Parameters<CaseloadSink['insertCase']>[0]] | ['event', Parameters<CaseloadSink['event']>] | ['message', Parameters<CaseloadSink['message']>[0]]

/** A sink that only remembers what it was given. */
function recorder(rows: Row[]): CaseloadSink {
  return {
    insertCase: (c) => void rows.push(['case', c]),
    event: (...e) => void rows.push(['event', e]),
    message: (m) => void rows.push(['message', m]),
    async flush() {},
  }
}

async function replay(rows: Row[], sink: CaseloadSink) {
  for (const [i, [kind, row]] of rows.entries()) {
    if (kind === 'case') sink.insertCase(row)
    else if (kind === 'event') sink.event(...row)
    else sink.message(row)
    if (i % 1_000 === 999) await sink.flush()
  }
  await sink.flush()
}

const TABLES = ['cases', 'case_events', 'case_messages', 'case_rights', 'case_commitments']

describe('the bulk seed path', () => {
  let dir: string
  let triggers: NodeRuntime
  let bulk: NodeRuntime
  let rows: Row[]
  const boot = (name: string) => bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, name) }, { log: silentLogger })
  // The join tables have no rowid (their key orders them); the others keep theirs.
  const dump = (rt: NodeRuntime, table: string) =>
    rt.db.prepare(`SELECT ${table.startsWith('case_') && table !== 'case_events' && table !== 'case_messages' ? '' : 'rowid AS _rowid, '}* FROM ${table} ORDER BY 1, 2, 3, 4, 5`).all()
  const schema = (rt: NodeRuntime) =>
    rt.db.prepare(`SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') ORDER BY name`).all()

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-seed-bulk-'))
    const source = await boot('source.db')
    rows = []
    try {
      // Cases already there: the bulk path builds join rows only for the cases it loads.
      await writeCaseload(source.deps, { cases: N, chunk: 500, sink: recorder(rows), realReceipts: 1 })
    } finally {
      source.db.close()
    }
    const half = rows.findIndex(([kind], i) => kind === 'case' && i > rows.length / 2)
    triggers = await boot('triggers.db')
    await replay(rows, portSink(triggers.deps.sql))
    bulk = await boot('bulk.db')
    await replay(rows.slice(0, half), portSink(bulk.deps.sql))
    const load = bulkLoad(bulk.db)
    expect(load.exclusive).toBe(true)
    await replay(rows.slice(half), load.sink)
    load.finish()
  }, 120_000)
  afterAll(() => {
    triggers?.db.close()
    bulk?.db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes the same rows, and the same queue join rows the triggers write', () => {
    for (const table of TABLES) {
      const a = dump(triggers, table)
      expect(a.length, table).toBeGreaterThan(N / 2)
      expect(dump(bulk, table), table).toEqual(a)
    }
  })

  it('builds the same search indexes (rebuilt once) as the per-row triggers', () => {
    const words = ['pagan', 'horas', 'amenaz', 'planta', 'salaire', 'overtime']
    for (const fts of ['case_search', 'message_search']) {
      // FTS5's integrity-check throws when the index does not match its content table.
      expect(() => bulk.db.prepare(`INSERT INTO ${fts}(${fts}) VALUES ('integrity-check')`).run(), fts).not.toThrow()
      for (const w of words) {
        // A trigram table with detail != full takes no phrase: each of the word's trigrams, ANDed.
        const q = [...w].slice(0, -2).map((_, i) => `"${w.slice(i, i + 3)}"`).join(' AND ')
        const hits = (rt: NodeRuntime) => rt.db.prepare(`SELECT rowid FROM ${fts} WHERE ${fts} MATCH ? ORDER BY rowid`).pluck().all(q)
        expect(hits(bulk), `${fts} ${w}`).toEqual(hits(triggers))
      }
    }
    const some = bulk.db.prepare(`SELECT count(*) FROM case_search WHERE case_search MATCH '"pag" OR "sal" OR "ove" OR "hor"'`).pluck().get() as number
    expect(some).toBeGreaterThan(0)
  })

  it('leaves the same indexes and triggers, foreign keys on, in WAL mode', () => {
    expect(schema(bulk)).toEqual(schema(triggers))
    expect(schema(bulk).filter((r) => (r as { type: string }).type === 'trigger').length).toBeGreaterThanOrEqual(3)
    expect(bulk.db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(bulk.db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(bulk.db.pragma('foreign_key_check')).toEqual([])
  })

  it('the triggers work again after the load: a status change moves the case in the join tables', () => {
    const { rowid } = bulk.db.prepare(`SELECT rowid FROM cases WHERE purged_at IS NULL ORDER BY rowid DESC LIMIT 1`).get() as { rowid: number }
    bulk.db.prepare(`UPDATE cases SET status = 'escalated' WHERE rowid = ?`).run(rowid)
    const statuses = bulk.db.prepare(`SELECT DISTINCT status FROM case_rights WHERE case_rowid = ?`).all(rowid)
    expect(statuses).toEqual([{ status: 'escalated' }])
  })
})
