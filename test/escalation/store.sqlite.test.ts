/**
 * The escalation store contract on a real SQLite file (the same body runs on D1 in workerd).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { applySchema, openSqlite, sqliteSql, type SqliteDb } from '../../src/store/sqlite.js'
import { runEscalationStoreContract } from '../escalation-store-contract.js'

const dir = mkdtempSync(join(tmpdir(), 'hotline-esc-store-'))
let db: SqliteDb | undefined

runEscalationStoreContract('better-sqlite3 file', async () => {
  db = openSqlite(join(dir, 'hotline.db'))
  applySchema(db, readFileSync(new URL('../../schema.sql', import.meta.url), 'utf8'))
  return sqliteSql(db)
})

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})
