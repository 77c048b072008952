/**
 * @module store/sqlite-bulk
 * Node only: how `seed bench` (cli/seed-bench.ts) loads a large caseload into SQLite fast, and
 * what puts the database back as the server runs it.
 */
import type Database from 'better-sqlite3'
import { event, insertCase, message, type CaseloadSink } from './caseload.js'
import type { SqlValue, Statement } from './port.js'
import type { SqliteDb } from './sqlite.js'
import { dueOf } from './queue.js'

/** Tables whose secondary indexes are built once after a bulk load, not row by row. */
const BULK_TABLES = ['cases', 'case_events', 'case_messages', 'case_rights', 'case_commitments', 'case_access']

/**
 * The queue's due keys (migration 0017), as its triggers keep them, for every case after `rowid`
 * at once (before JOIN_ROWS, which copies them).
 */
const DUE_KEYS = `UPDATE cases SET due_key = ${dueOf('cases')} WHERE rowid > ?`

/**
 * The queue's join tables (migration 0013), as the cases_terms_insert trigger fills them for each
 * case it sees inserted, here for every case after `rowid` at once.
 */
const JOIN_ROWS = ['case_rights', 'case_commitments'].map(
  (table) =>
    `INSERT INTO ${table} (code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key)
       SELECT DISTINCT j.value, c.status, c.rank, c.created_at, c.rowid, c.country, c.sector, c.assigned_to, c.facility, c.facility_id, c.due_key
       FROM cases c, json_each(c.${table === 'case_rights' ? 'rights' : 'commitments'}) j
       WHERE c.rowid > ? AND c.purged_at IS NULL AND c.merged_into IS NULL`,
)

export interface BulkLoad {
  /** Writes the generated rows (same SQL as store/caseload.ts) through prepared statements. */
  sink: CaseloadSink
  /** Whether this connection has the file to itself (indexes, triggers and fsync deferred). */
  exclusive: boolean
  /** Build what was deferred and put the database back as the server runs it. Idempotent. */
  finish(): void
}

/**
 * Bulk-load settings for this connection: a large page cache, and, when no other connection has
 * the file open, a rollback journal without fsync. New pages are then written once; in WAL mode
 * they are written to the WAL and again at the checkpoint. A crash of this process still rolls
 * back cleanly (the journal is on disk); only a crash of the machine could lose the seed.
 *
 * With the file to itself, the loader also defers per-row work to one set-based step each at the
 * end: the secondary (non-unique) indexes of the case tables are dropped and built again (one
 * sort per index instead of a B-tree insert per row and index), and the queue's triggers are
 * dropped and their rows built by JOIN_ROWS, the search indexes rebuilt once from their content
 * tables, then the triggers put back. The UNIQUE indexes stay,
 * so a repeated key still fails the load. Foreign keys are not checked row by row: the generator
 * writes a case before its events and messages (a test checks that none is orphaned).
 * (Killed mid-load, the seed leaves indexes and triggers missing: seed again into a fresh file.)
 */
export function bulkLoad(db: SqliteDb): BulkLoad {
  db.pragma('cache_size = -1000000') // 1 GB
  let journal = 'wal'
  try {
    journal = db.pragma('journal_mode = TRUNCATE', { simple: true }) as string
    if (journal === 'truncate') db.pragma('synchronous = OFF')
  } catch {
    // The server has the database open: stay in WAL mode.
  }
  const exclusive = journal === 'truncate'
  const lastCase = (db.prepare('SELECT coalesce(max(rowid), 0) AS n FROM cases').get() as { n: number }).n
  const deferred = exclusive ? [...dropSecondaryIndexes(db), ...dropQueueTriggers(db), ...dropSearchTriggers(db)] : []
  if (exclusive) db.pragma('foreign_keys = OFF')
  const sink = preparedSink(db)
  let finished = false
  return {
    sink,
    exclusive,
    finish() {
      if (finished) return
      finished = true
      sink.abandon()
      if (!exclusive) return
      db.pragma('foreign_keys = ON')
      // The events' indexes first: the due keys look up each case's events (without the index,
      // one scan of every event per case: 200,000 cases never finished).
      const eventIndexes = deferred.filter((sql) => /^CREATE INDEX\b.*\bON\s+"?case_events"?\s*\(/is.test(sql))
      for (const sql of eventIndexes) db.exec(sql)
      // Then the join rows, while their own index is still dropped; then indexes; then triggers.
      db.transaction(() => {
        db.prepare(DUE_KEYS).run(lastCase)
        for (const sql of JOIN_ROWS) db.prepare(sql).run(lastCase)
        // The search indexes (migration 0014) read their text from cases and case_messages:
        // one rebuild each instead of a trigram insert per row.
        for (const fts of SEARCH_INDEXES) db.prepare(`INSERT INTO ${fts}(${fts}) VALUES ('rebuild')`).run()
      })()
      for (const sql of deferred) if (!eventIndexes.includes(sql)) db.exec(sql)
      db.pragma('synchronous = NORMAL')
      db.pragma('journal_mode = WAL')
    },
  }
}

/** Runs each statement at once, inside one transaction per flush; statements prepared once. */
function preparedSink(db: SqliteDb): CaseloadSink & { abandon(): void } {
  const prepared = new Map<string, Database.Statement>()
  let open = false
  const run = (s: Statement) => {
    let p = prepared.get(s.sql)
    if (!p) prepared.set(s.sql, (p = db.prepare(s.sql)))
    if (!open) {
      db.exec('BEGIN')
      open = true
    }
    try {
      p.run(...(s.params.some(needsCopy) ? s.params.map(bindable) : s.params))
    } catch (err) {
      db.exec('ROLLBACK')
      open = false
      throw err
    }
  }
  // Events are the most numerous rows (~3.8 a case): bound straight, without a Statement each.
  const eventSql = event('', '', 0, '', '').sql
  return {
    insertCase: (c) => run(insertCase(c)),
    event(id, caseId, at, kind, data) {
      const p = prepared.get(eventSql)
      if (!p || !open) return run(event(id, caseId, at, kind, data))
      try {
        p.run(id, caseId, at, kind, data)
      } catch (err) {
        db.exec('ROLLBACK')
        open = false
        throw err
      }
    },
    message: (m) => run(message(m)),
    async flush() {
      if (open) db.exec('COMMIT')
      open = false
    },
    abandon() {
      if (open && db.inTransaction) db.exec('ROLLBACK')
      open = false
    },
  }
}

const needsCopy = (p: SqlValue) => p instanceof Uint8Array && !Buffer.isBuffer(p)
const bindable = (p: SqlValue) => (needsCopy(p) ? Buffer.from(p as Uint8Array) : p)

/** Drop the secondary indexes of BULK_TABLES; returns the statements that create them again. */
function dropSecondaryIndexes(db: SqliteDb): string[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
        WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'
          AND tbl_name IN (${BULK_TABLES.map(() => '?').join(', ')})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[]
  for (const r of rows) db.exec(`DROP INDEX "${r.name.replace(/"/g, '""')}"`)
  return rows.map((r) => r.sql)
}

/**
 * Drop the triggers on `cases` that keep the queue's join tables, and those that keep its due keys
 * (0017, on cases, events and deadlines); returns what creates them again.
 */
function dropQueueTriggers(db: SqliteDb): string[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
        AND ((tbl_name = 'cases' AND name GLOB 'cases_terms_*') OR name GLOB '*_due_*')`,
    )
    .all() as { name: string; sql: string }[]
  for (const r of rows) db.exec(`DROP TRIGGER "${r.name.replace(/"/g, '""')}"`)
  return rows.map((r) => r.sql)
}

/** The full-text indexes over redacted text (migration 0014), external-content FTS5 tables. */
const SEARCH_INDEXES = ['case_search', 'message_search']

/** Drop the triggers that add rows to the search indexes on insert; returns what creates them again. */
function dropSearchTriggers(db: SqliteDb): string[] {
  const rows = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('case_search_insert', 'message_search_insert')`)
    .all() as { name: string; sql: string }[]
  for (const r of rows) db.exec(`DROP TRIGGER "${r.name.replace(/"/g, '""')}"`)
  return rows.map((r) => r.sql)
}
