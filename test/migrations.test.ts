/**
 * @module test/migrations.test
 * migrations/ are the schema on both runtimes; schema.sql, generated from them (`npm run schema`),
 * must describe the same database: every migration applied in order to one fresh SQLite database
 * and schema.sql to another, `sqlite_master` compared. Also: a database made by an earlier release
 * upgrades (test/upgrade.test.ts tries every earlier migration).
 */
import { readdirSync, readFileSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { copyFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { applySchema } from '../src/store/sqlite.js'
import { applyMigrations, migrationStatus, readMigrations } from '../src/store/sqlite-migrate.js'
import { bootNode } from '../src/node/boot.js'
import { createApp } from '../src/app.js'
import { jobHandlers } from '../src/jobs/handlers.js'
import { runMaintenance } from '../src/maintenance.js'

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

describe('upgrading a Node database', () => {
  const all = readMigrations(new URL('migrations/', root).pathname)

  it('records every migration in d1_migrations, as wrangler does, and applies none twice', () => {
    const db = new Database(':memory:')
    expect(applyMigrations(db, all)).toEqual(all.map((m) => m.name))
    expect(applyMigrations(db, all)).toEqual([])
    expect(migrationStatus(db, all).every((m) => m.appliedAt !== null)).toBe(true)
    db.close()
  })

  it('adds the columns later migrations bring to a database made from 0001 then schema.sql', () => {
    // How installs before this release upgraded: schema.sql with IF NOT EXISTS adds no column.
    // The new tables and indexes of 0002 arrived; its ALTER TABLE never did.
    const db = new Database(':memory:')
    db.exec(all[0]!.sql)
    db.exec(all[1]!.sql.replace(/^ALTER TABLE.*$/gm, ''))
    applyMigrations(db, all)
    const cols = (db.prepare('PRAGMA table_info(staff)').all() as { name: string }[]).map((c) => c.name)
    expect(cols).toContain('totp_last_step')
    db.close()
  })

  it('opens a database made by the previous release, and its receipts still work', async () => {
    const fixtures = new URL('test/fixtures/legacy/', root).pathname
    const dir = mkdtempSync(join(tmpdir(), 'hotline-upgrade-'))
    copyFileSync(join(fixtures, 'v0.1-hotline.db'), join(dir, 'hotline.db'))
    copyFileSync(join(fixtures, 'v0.1-server.env'), join(dir, 'server.env'))
    const rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }, {
      log: { info() {}, warn() {}, error() {} },
    })
    expect(migrationStatus(rt.db, all).every((m) => m.appliedAt !== null)).toBe(true)
    // What 0003 and maintenance do to rows of that release: free-text dates dropped, times to the
    // day, typed fields redacted with their employer hash.
    const cases = () => rt.db.prepare('SELECT occurred_on, created_at, employer_hash FROM cases').all() as {
      occurred_on: string | null; created_at: number; employer_hash: string | null }[]
    expect(cases().every((c) => c.occurred_on === null && c.created_at % 86_400_000 === 0)).toBe(true)
    await runMaintenance(rt.deps, jobHandlers)
    expect(cases().every((c) => c.employer_hash !== null)).toBe(true)
    const app = createApp(() => rt.deps)
    const { receipts } = JSON.parse(readFileSync(join(fixtures, 'v0.1-receipts.json'), 'utf8')) as { receipts: string[] }
    for (const receipt of receipts) {
      const res = await app.request('/api/v1/follow-up', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receipt }),
      })
      expect(res.status).toBe(200)
    }
    rt.db.close()
  })
})
