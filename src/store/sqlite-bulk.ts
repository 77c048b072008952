/**
 * @module store/sqlite-bulk
 * Node only: settings a SQLite connection takes while `seed bench` (cli/seed-bench.ts) loads a
 * large caseload, and what puts it back.
 */
import type { SqliteDb } from './sqlite.js'

/** Tables whose secondary indexes are built once after a bulk load, not row by row. */
const BULK_TABLES = ['cases', 'case_events', 'case_messages', 'case_rights', 'case_commitments', 'case_access']

/**
 * Bulk-load settings for this connection: a large page cache, and, when no other connection has
 * the file open, a rollback journal without fsync. New pages are then written once; in WAL mode
 * they are written to the WAL and again at the checkpoint. A crash of this process still rolls
 * back cleanly (the journal is on disk); only a crash of the machine could lose the seed.
 *
 * With the file to itself, the loader also drops the secondary (non-unique) indexes of the case
 * tables and builds them again at the end: one sort per index instead of a B-tree insert per row
 * and index. The UNIQUE ones stay, so a repeated key still fails the load. (Killed mid-load, the
 * seed leaves them missing: `npm run hotline -- migrate` does not rebuild them; seed again.)
 * Returns what puts the database back as the server runs it.
 */
export function bulkLoad(db: SqliteDb): () => void {
  db.pragma('cache_size = -1000000') // 1 GB
  let journal = 'wal'
  try {
    journal = db.pragma('journal_mode = TRUNCATE', { simple: true }) as string
    if (journal === 'truncate') db.pragma('synchronous = OFF')
  } catch {
    // The server has the database open: stay in WAL mode.
  }
  const deferred = journal === 'truncate' ? dropSecondaryIndexes(db) : []
  return () => {
    for (const sql of deferred) db.exec(sql)
    if (journal !== 'truncate') return
    db.pragma('synchronous = NORMAL')
    db.pragma('journal_mode = WAL')
  }
}

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
