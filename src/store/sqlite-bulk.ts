/**
 * @module store/sqlite-bulk
 * Node only: settings a SQLite connection takes while `seed bench` (cli/seed-bench.ts) loads a
 * large caseload, and what puts it back.
 */
import type { SqliteDb } from './sqlite.js'

/**
 * Bulk-load settings for this connection: a large page cache, and, when no other connection has
 * the file open, a rollback journal without fsync. New pages are then written once; in WAL mode
 * they are written to the WAL and again at the checkpoint. A crash of this process still rolls
 * back cleanly (the journal is on disk); only a crash of the machine could lose the seed.
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
  return () => {
    if (journal !== 'truncate') return
    db.pragma('synchronous = NORMAL')
    db.pragma('journal_mode = WAL')
  }
}
