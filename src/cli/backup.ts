/**
 * @module cli/backup
 * `backup --out FILE` and `restore --from FILE [--force]`, with SQLite's online backup API: the
 * server keeps running (WAL lets a reader copy one consistent snapshot while requests write).
 * A backup is one self-contained file, owner-only (0600), checked with `PRAGMA integrity_check`.
 * It is a page-for-page copy: encrypted columns stay encrypted, sealed identities stay sealed,
 * receipts stay hashed (docs/operations.md says why it is safe to hold, and who must not).
 */
import { closeSync, existsSync, openSync, rmSync, statSync, chmodSync } from 'node:fs'
import { setPriority } from 'node:os'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import Database from 'better-sqlite3'
import { openDatabaseFile } from '../node/boot.js'
import { countCases, hasCasesTable, integrityProblem } from '../store/sqlite-backup.js'

/** The server's database file, as the server resolves it. */
const databasePath = () => resolve(process.env.DATABASE_PATH ?? './data/hotline.db')

/**
 * Copy every page in one step. Copying in small steps would restart whenever the running server
 * writes; one step reads one WAL snapshot, which the server's writes do not disturb.
 */
const ALL_PAGES = () => 0x7fffffff

export async function backup(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } })
  if (!values.out) throw new Error('--out FILE is required')
  const out = resolve(values.out)
  const source = databasePath()
  if (!existsSync(source)) throw new Error(`no database at ${source}`)
  if (existsSync(out)) throw new Error(`${values.out} exists: refusing to overwrite it`)
  // Owner-only before SQLite writes a byte: it keeps the mode of a file that exists.
  closeSync(openSync(out, 'wx', 0o600))
  // The lowest CPU priority: copying and checking gigabytes must not slow the server beside it.
  setPriority(19)
  const db = new Database(source, { fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    await db.backup(out, { progress: ALL_PAGES })
  } catch (err) {
    rmSync(out, { force: true })
    throw err
  } finally {
    db.close()
  }
  const copy = new Database(out, { fileMustExist: true })
  try {
    // One file, no -wal or -shm beside it: the copy leaves WAL mode.
    copy.pragma('journal_mode = DELETE')
    const problem = integrityProblem(copy)
    if (problem) throw new Error(`the backup failed PRAGMA integrity_check (${problem}); ${values.out} is not usable`)
    chmodSync(out, 0o600)
    const size = (statSync(out).size / 1048576).toFixed(1)
    console.log(`backup written to ${values.out}: ${countCases(copy)} cases, ${size} MB, mode 0600, integrity_check ok`)
  } finally {
    copy.close()
  }
}

export async function restore(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { from: { type: 'string' }, force: { type: 'boolean', default: false } },
  })
  if (!values.from) throw new Error('--from FILE is required')
  const from = resolve(values.from)
  const target = databasePath()
  if (from === target) throw new Error('--from is the database itself')
  if (!existsSync(from)) throw new Error(`no file at ${values.from}`)
  let source: Database.Database
  try {
    source = new Database(from, { readonly: true, fileMustExist: true })
    source.pragma('schema_version') // reads the header: fails on a file that is not SQLite
  } catch {
    throw new Error(`${values.from} is not a SQLite database`)
  }
  try {
    if (!hasCasesTable(source)) throw new Error(`${values.from} is not a hotline database (it has no cases table)`)
    const problem = integrityProblem(source)
    if (problem) throw new Error(`${values.from} fails PRAGMA integrity_check (${problem}): nothing was restored`)
    if (existsSync(target) && statSync(target).size > 0 && !values.force) {
      throw new Error(
        `${target} holds a database: restoring would replace it. Stop the server, back it up, ` +
          `then run restore again with --force`,
      )
    }
    // Creates the folder 0700 and the file 0600 when they are missing.
    openDatabaseFile(target).close()
    await source.backup(target, { progress: ALL_PAGES })
  } finally {
    source.close()
  }
  const db = openDatabaseFile(target)
  try {
    const problem = integrityProblem(db)
    if (problem) throw new Error(`the restored database fails PRAGMA integrity_check (${problem})`)
    console.log(`restored ${countCases(db)} cases from ${values.from} into ${target}; the server applies pending migrations at start`)
  } finally {
    db.close()
  }
}
