/**
 * @module test/store.sqlite.test
 * The store contract against better-sqlite3 on a real SQLite file (WAL) in a temporary folder.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { applySchema, openSqlite, sqliteSql, type SqliteDb } from '../src/store/sqlite.js'
import { runStoreContract } from './store-contract.js'

const dir = mkdtempSync(join(tmpdir(), 'hotline-store-'))
let db: SqliteDb | undefined

runStoreContract('better-sqlite3 file', async () => {
  db = openSqlite(join(dir, 'hotline.db'))
  applySchema(db, readFileSync(new URL('../schema.sql', import.meta.url), 'utf8'))
  return sqliteSql(db)
})

afterAll(() => {
  db?.close()
  rmSync(dir, { recursive: true, force: true })
})
