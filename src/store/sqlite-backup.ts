/**
 * @module store/sqlite-backup
 * What `backup` and `restore` (cli/backup.ts) ask of a SQLite file, on Node only: is it sound,
 * is it a hotline database, how many cases it holds.
 */
import type Database from 'better-sqlite3'

/** `PRAGMA integrity_check` on an open database; the first problem, or null when it is sound. */
export function integrityProblem(db: Database.Database): string | null {
  const rows = db.pragma('integrity_check') as { integrity_check: string }[]
  return rows.length === 1 && rows[0]!.integrity_check === 'ok' ? null : (rows[0]?.integrity_check ?? 'no answer')
}

/** Whether the database has a `cases` table. */
export const hasCasesTable = (db: Database.Database): boolean =>
  db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").get() !== undefined

/** The number of cases in the database. */
export const countCases = (db: Database.Database): number =>
  (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n
