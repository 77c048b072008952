/**
 * @module store/sqlite-migrate
 * Node applies migrations/NNNN_*.sql, the one source of the schema, each in its own transaction,
 * tracked in `d1_migrations`: the table wrangler keeps on D1, so a database can move between the
 * two runtimes and both know what it has.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SqliteDb } from './sqlite.js'

export interface Migration {
  name: string
  sql: string
}

export interface MigrationStatus {
  name: string
  appliedAt: string | null
}

// Wrangler's own definition, so `wrangler d1 migrations apply` accepts a database made here.
const TRACKING_TABLE = `CREATE TABLE IF NOT EXISTS d1_migrations(
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT UNIQUE,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL
)`

/** Every migrations/NNNN_name.sql, in order. */
export function readMigrations(dir: string): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(join(dir, name), 'utf8') }))
}

const hasTable = (db: SqliteDb, name: string) =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined

const hasColumn = (db: SqliteDb, table: string, column: string) =>
  (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column)

/**
 * Databases made before Node tracked migrations were built from schema.sql with IF NOT EXISTS,
 * which never added a column to an existing table. Record what such a database already holds:
 * 0001 always; 0002 when its column is there (otherwise it is applied now, which adds it).
 */
function adoptLegacy(db: SqliteDb, all: Migration[]): void {
  if (hasTable(db, 'd1_migrations') || !hasTable(db, 'cases')) return
  const held = ['0001_initial.sql']
  if (hasColumn(db, 'staff', 'totp_last_step')) held.push('0002_console_auth.sql')
  db.exec(TRACKING_TABLE)
  const mark = db.prepare('INSERT INTO d1_migrations (name) VALUES (?)')
  for (const m of all) if (held.includes(m.name)) mark.run(m.name)
}

/** Which migrations are applied, and when. */
export function migrationStatus(db: SqliteDb, all: Migration[]): MigrationStatus[] {
  const applied = hasTable(db, 'd1_migrations')
    ? new Map(
        (db.prepare('SELECT name, applied_at FROM d1_migrations').all() as { name: string; applied_at: string }[]).map(
          (r) => [r.name, r.applied_at],
        ),
      )
    : new Map<string, string>()
  return all.map((m) => ({ name: m.name, appliedAt: applied.get(m.name) ?? null }))
}

/** Apply every pending migration, each atomically with its record. Returns the names applied. */
export function applyMigrations(db: SqliteDb, all: Migration[]): string[] {
  adoptLegacy(db, all)
  db.exec(TRACKING_TABLE)
  const done: string[] = []
  for (const m of migrationStatus(db, all)) {
    if (m.appliedAt !== null) continue
    const migration = all.find((x) => x.name === m.name)!
    db.transaction(() => {
      db.exec(migration.sql)
      db.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(m.name)
    })()
    done.push(m.name)
  }
  return done
}
