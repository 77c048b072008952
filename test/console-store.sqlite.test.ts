/** The console's daily-work store contract on better-sqlite3 (a SQLite file with schema.sql). */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { applySchema, openSqlite, sqliteSql, type SqliteDb } from '../src/store/sqlite.js'
import { runConsoleStoreContract } from './console-store-contract.js'

const dir = mkdtempSync(join(tmpdir(), 'hotline-console-store-'))
let db: SqliteDb | undefined

runConsoleStoreContract('better-sqlite3 file', async () => {
  db = openSqlite(join(dir, 'hotline.db'))
  applySchema(db, readFileSync(new URL('../schema.sql', import.meta.url), 'utf8'))
  return sqliteSql(db)
})

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})
