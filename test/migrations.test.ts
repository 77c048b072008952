/**
 * @module test/migrations.test
 * schema.sql (Node) and migrations/ (D1) must describe the same database. Applies every
 * migration in order to one fresh SQLite database and schema.sql to another, then compares
 * `sqlite_master`. When this fails after a schema.sql change, add migrations/NNNN_verb_noun.sql
 * (new columns go at the end of their CREATE TABLE in schema.sql, where ALTER TABLE puts them).
 */
import { readdirSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { applySchema } from '../src/store/sqlite.js'

const root = new URL('../', import.meta.url)
const migrationsDir = new URL('migrations/', root)
const migrationFiles = readdirSync(migrationsDir)
  .filter((f) => f.endsWith('.sql'))
  .sort()

/** SQL text as SQLite keeps it, minus what does not change the database. */
function normaliseSql(sql: string | null): string | null {
  if (sql === null) return null
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\bIF\s+NOT\s+EXISTS\b/gi, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*([(),])\s*/g, '$1')
    .trim()
}

type MasterRow = { type: string; name: string; tbl_name: string; sql: string | null }

function master(db: Database.Database) {
  const rows = db
    .prepare(
      'SELECT type, name, tbl_name, sql FROM sqlite_master ' +
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    .all() as MasterRow[]
  return rows.map((r) => ({ ...r, sql: normaliseSql(r.sql) }))
}

describe('migrations', () => {
  it('are numbered NNNN_name.sql, without gaps or duplicates', () => {
    expect(migrationFiles.length).toBeGreaterThan(0)
    migrationFiles.forEach((f, i) =>
      expect(f).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+\\.sql$`)),
    )
  })

  it('build the same database as schema.sql', () => {
    const fromMigrations = new Database(':memory:')
    for (const f of migrationFiles)
      fromMigrations.exec(readFileSync(new URL(f, migrationsDir), 'utf8'))
    const fromSchema = new Database(':memory:')
    applySchema(fromSchema, readFileSync(new URL('schema.sql', root), 'utf8'))
    const a = master(fromMigrations)
    const b = master(fromSchema)
    expect(a.length).toBeGreaterThan(0)
    expect(a, 'migrations/ and schema.sql disagree: add a migration for the schema change').toEqual(
      b,
    )
    fromMigrations.close()
    fromSchema.close()
  })

  it('schema.sql is idempotent over a migrated database', () => {
    const db = new Database(':memory:')
    for (const f of migrationFiles) db.exec(readFileSync(new URL(f, migrationsDir), 'utf8'))
    const before = master(db)
    applySchema(db, readFileSync(new URL('schema.sql', root), 'utf8'))
    expect(master(db)).toEqual(before)
    db.close()
  })
})
