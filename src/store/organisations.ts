/**
 * @module store/organisations
 * NGO and union partners (`organisations`) and the cases shared with them (`case_shares`).
 * A case shared with an organisation is visible to all its staff (store/queue.ts).
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

export interface OrganisationRow {
  id: string
  name: string
  kind: string
  /** JSON array of ISO alpha-2 codes. */
  countries: string
  eu_based: number
  ca_based: number
  us_based: number
}

const COLUMNS = 'id, name, kind, countries, eu_based, ca_based, us_based'

export function insert(o: {
  id: string
  name: string
  kind: string
  countries: string[]
  euBased: boolean
  caBased: boolean
  usBased: boolean
  at: number
}): Statement {
  return stmt(
    `INSERT INTO organisations (id, name, kind, countries, eu_based, ca_based, us_based, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    o.id,
    o.name,
    o.kind,
    JSON.stringify(o.countries),
    o.euBased ? 1 : 0,
    o.caBased ? 1 : 0,
    o.usBased ? 1 : 0,
    o.at,
  )
}

/** The organisation with this name (case-insensitive), or undefined. */
export function byName(sql: Sql, name: string): Promise<OrganisationRow | undefined> {
  return sql.get(`SELECT ${COLUMNS} FROM organisations WHERE name = ?`, name)
}

export function byId(sql: Sql, id: string): Promise<OrganisationRow | undefined> {
  return sql.get(`SELECT ${COLUMNS} FROM organisations WHERE id = ?`, id)
}

/** Every organisation, by name. */
export function list(sql: Sql): Promise<OrganisationRow[]> {
  return sql.all(`SELECT ${COLUMNS} FROM organisations ORDER BY name`)
}

/** The organisation a staff account belongs to, or undefined. */
export async function ofStaff(sql: Sql, staffId: string): Promise<OrganisationRow | undefined> {
  return sql.get(
    `SELECT ${COLUMNS.split(', ').map((c) => `o.${c}`).join(', ')} FROM organisations o
     JOIN staff s ON s.org_id = o.id WHERE s.id = ?`,
    staffId,
  )
}

/** Share a case with an organisation (a repeat changes nothing); with `when`, only if it holds. */
export function share(
  s: { caseId: string; orgId: string; sharedBy: string | null; at: number },
  when?: Condition,
): Statement {
  return stmt(
    `INSERT OR IGNORE INTO case_shares (case_id, org_id, shared_by, shared_at)
     ${when ? `SELECT ?, ?, ?, ? WHERE ${when.sql}` : 'VALUES (?, ?, ?, ?)'}`,
    s.caseId,
    s.orgId,
    s.sharedBy,
    s.at,
    ...(when?.params ?? []),
  )
}

export function unshare(caseId: string, orgId: string): Statement {
  return stmt('DELETE FROM case_shares WHERE case_id = ? AND org_id = ?', caseId, orgId)
}

/** The organisations a case is shared with, by name. */
export function sharesOf(sql: Sql, caseId: string): Promise<{ id: string; name: string; shared_at: number }[]> {
  return sql.all(
    `SELECT o.id, o.name, sh.shared_at FROM case_shares sh JOIN organisations o ON o.id = sh.org_id
     WHERE sh.case_id = ? ORDER BY o.name`,
    caseId,
  )
}
