/**
 * The queue's join tables (migration 0013) against the JSON columns they index: every live case
 * (not purged, not merged) has one row per distinct right and commitment, with its current status,
 * rank, day, country, sector, assignee, facility and due key (0017), and nothing else is there.
 * Likewise its shares and grants in case_access (migration 0014).
 */
import type Database from 'better-sqlite3'

const expected = (column: string) => `SELECT DISTINCT j.value AS code, c.status, c.rank, c.created_at, c.rowid AS case_rowid,
  c.country, c.sector, c.assigned_to, c.facility, c.facility_id, c.due_key FROM cases c, json_each(c.${column}) j
  WHERE c.purged_at IS NULL AND c.merged_into IS NULL`
const actual = (table: string) =>
  `SELECT code, status, rank, created_at, case_rowid, country, sector, assigned_to, facility, facility_id, due_key FROM ${table}`

/** Rows that differ (missing or extra), as `table: missing|extra` with the row; empty when in sync. */
export function termsOutOfSync(db: Database.Database): string[] {
  const out: string[] = []
  for (const [table, column] of [['case_rights', 'rights'], ['case_commitments', 'commitments']] as const) {
    for (const r of db.prepare(`${expected(column)} EXCEPT ${actual(table)}`).all()) out.push(`${table} missing ${JSON.stringify(r)}`)
    for (const r of db.prepare(`${actual(table)} EXCEPT ${expected(column)}`).all()) out.push(`${table} extra ${JSON.stringify(r)}`)
  }
  const access = `SELECT x.code, c.status, c.rank, c.created_at, c.rowid AS case_rowid, c.country, c.sector, c.assigned_to,
    c.facility, c.facility_id, c.due_key FROM cases c JOIN (SELECT case_id, 's:' || org_id AS code FROM case_shares
      UNION ALL SELECT case_id, 'g:' || staff_id FROM case_grants) x ON x.case_id = c.id
    WHERE c.purged_at IS NULL AND c.merged_into IS NULL`
  for (const r of db.prepare(`${access} EXCEPT ${actual('case_access')}`).all()) out.push(`case_access missing ${JSON.stringify(r)}`)
  for (const r of db.prepare(`${actual('case_access')} EXCEPT ${access}`).all()) out.push(`case_access extra ${JSON.stringify(r)}`)
  return out
}
