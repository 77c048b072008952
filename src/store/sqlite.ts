/**
 * @module store/sqlite
 * The better-sqlite3 adapter of the SQL port (Node). WAL, synchronous=NORMAL, foreign keys,
 * and secure_delete so that purged rows are overwritten on disk.
 */
import Database from 'better-sqlite3'
import type { RunResult, Sql, SqlValue, Statement } from './port.js'
import { splitSql } from './port.js'

export type SqliteDb = Database.Database

/** Open (or create) the SQLite file with the hotline's pragmas. */
export function openSqlite(path: string): SqliteDb {
  const db = new Database(path)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')
  db.pragma('secure_delete = ON')
  db.pragma('busy_timeout = 5000')
  return db
}

/** Apply schema.sql (idempotent) in one transaction. */
export function applySchema(db: SqliteDb, schemaSql: string): void {
  const statements = splitSql(schemaSql)
  db.transaction(() => {
    for (const s of statements) db.prepare(s).run()
  })()
}

const bind = (params: readonly SqlValue[]) =>
  params.map((p) => (p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p) : p))

/** Normalise blobs to plain Uint8Array, as D1 returns them (arrays of numbers aside). */
function row<T>(r: unknown): T {
  if (r && typeof r === 'object') {
    for (const [k, v] of Object.entries(r)) {
      if (Buffer.isBuffer(v)) (r as Record<string, unknown>)[k] = new Uint8Array(v)
    }
  }
  return r as T
}

/** Wrap a better-sqlite3 database as the SQL port. Statements are prepared once and cached. */
export function sqliteSql(db: SqliteDb): Sql {
  const cache = new Map<string, Database.Statement>()
  const prep = (sql: string) => {
    let s = cache.get(sql)
    if (!s) cache.set(sql, (s = db.prepare(sql)))
    return s
  }
  const runOne = (s: Statement): RunResult => ({ changes: prep(s.sql).run(...bind(s.params)).changes })
  const batchTx = db.transaction((statements: readonly Statement[]) => statements.map(runOne))
  return {
    async get<T>(sql: string, ...params: SqlValue[]) {
      const r = prep(sql).get(...bind(params))
      return r === undefined ? undefined : row<T>(r)
    },
    async all<T>(sql: string, ...params: SqlValue[]) {
      return prep(sql).all(...bind(params)).map((r) => row<T>(r))
    },
    async run(sql: string, ...params: SqlValue[]) {
      return runOne({ sql, params })
    },
    async batch(statements: readonly Statement[]) {
      return batchTx(statements)
    },
  }
}
