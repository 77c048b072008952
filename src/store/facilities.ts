/**
 * @module store/facilities
 * The facility registry's SQL: `facilities` (with their keyed name hashes, `facility_names`),
 * the keyed hashes of the names a reporter typed (`case_name_hashes`) and the case ↔ facility
 * links (`case_facilities`, mirrored by `cases.facility_id` for the confirmed one).
 * No crypto and no rules here: facilities/ decides who may do what and computes the hashes.
 */
import type { Viewer } from './queue.js'
import { visibleWhere } from './queue.js'
import { stmt, type Sql, type Statement } from './port.js'

export interface FacilityRow {
  id: string
  code: string
  name: string
  aliases: string
  employer: string | null
  country: string
  state: string | null
  location: string | null
  sector: string | null
  covered: number
  priority_sector: number
  created_at: number
  updated_at: number | null
}

/** A facility's columns as the registry writes them. */
export interface FacilityValues {
  id: string
  code: string
  name: string
  aliases: string[]
  employer: string | null
  country: string
  state: string | null
  location: string | null
  sector: string | null
  covered: boolean
  prioritySector: boolean
}

const COLUMNS = `id, code, name, aliases, employer, country, state, location, sector, covered, priority_sector,
  created_at, updated_at`

export function insert(f: FacilityValues, at: number): Statement {
  return stmt(
    `INSERT INTO facilities (id, code, name, aliases, employer, country, state, location, sector, covered,
       priority_sector, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    f.id, f.code, f.name, JSON.stringify(f.aliases), f.employer, f.country, f.state, f.location, f.sector,
    f.covered ? 1 : 0, f.prioritySector ? 1 : 0, at, at,
  )
}

/** Every column but id and created_at. */
export function update(f: FacilityValues, at: number): Statement {
  return stmt(
    `UPDATE facilities SET code = ?, name = ?, aliases = ?, employer = ?, country = ?, state = ?, location = ?,
       sector = ?, covered = ?, priority_sector = ?, updated_at = ? WHERE id = ?`,
    f.code, f.name, JSON.stringify(f.aliases), f.employer, f.country, f.state, f.location, f.sector,
    f.covered ? 1 : 0, f.prioritySector ? 1 : 0, at, f.id,
  )
}

export function byId(sql: Sql, id: string): Promise<FacilityRow | undefined> {
  return sql.get<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE id = ?`, id)
}

export function byCode(sql: Sql, code: string): Promise<FacilityRow | undefined> {
  return sql.get<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE code = ?`, code)
}

/** Every facility (of one country when given), by country then name. */
export function list(sql: Sql, country?: string): Promise<FacilityRow[]> {
  return country
    ? sql.all<FacilityRow>(`SELECT ${COLUMNS} FROM facilities WHERE country = ? ORDER BY name`, country)
    : sql.all<FacilityRow>(`SELECT ${COLUMNS} FROM facilities ORDER BY country, name`)
}

/** Every facility code (the import's stable keys). */
export async function codes(sql: Sql): Promise<Map<string, string>> {
  const rows = await sql.all<{ id: string; code: string }>('SELECT id, code FROM facilities')
  return new Map(rows.map((r) => [r.code, r.id]))
}

/**
 * Replace a facility's name hashes. They travel as one JSON parameter (D1 binds at most 100).
 */
export function replaceNames(facilityId: string, names: { kind: 'name' | 'employer'; hash: string }[]): Statement[] {
  return [
    stmt('DELETE FROM facility_names WHERE facility_id = ?', facilityId),
    stmt(
      `INSERT OR IGNORE INTO facility_names (facility_id, kind, name_hash)
       SELECT ?, json_extract(value, '$.kind'), json_extract(value, '$.hash') FROM json_each(?)`,
      facilityId,
      JSON.stringify(names),
    ),
  ]
}

/** Registry names with one of these hashes, among the facilities of a country. */
export function namesMatching(
  sql: Sql,
  country: string,
  hashes: string[],
): Promise<{ facility_id: string; kind: 'name' | 'employer'; name_hash: string }[]> {
  return sql.all(
    `SELECT n.facility_id, n.kind, n.name_hash FROM facility_names n JOIN facilities f ON f.id = n.facility_id
     WHERE f.country = ? AND n.name_hash IN (SELECT value FROM json_each(?))`,
    country,
    JSON.stringify(hashes),
  )
}

/** How many facilities of a country carry this employer (parent company) hash. */
export async function facilitiesOfEmployer(sql: Sql, country: string, hash: string): Promise<number> {
  const r = await sql.get<{ n: number }>(
    `SELECT COUNT(DISTINCT n.facility_id) AS n FROM facility_names n JOIN facilities f ON f.id = n.facility_id
     WHERE f.country = ? AND n.kind = 'employer' AND n.name_hash = ?`,
    country,
    hash,
  )
  return r?.n ?? 0
}

/** The keyed hashes of the names a reporter typed (employer, facility). */
export function insertCaseNames(caseId: string, names: { field: 'employer' | 'facility'; hash: string }[]): Statement[] {
  return names.map((n) =>
    stmt('INSERT OR IGNORE INTO case_name_hashes (case_id, field, name_hash) VALUES (?, ?, ?)', caseId, n.field, n.hash),
  )
}

export type LinkState = 'suggested' | 'confirmed' | 'rejected'
export type MatchedBy = 'facility' | 'employer' | 'parent' | 'hand'

/** A suggestion from matching (kept as it is when the case and facility are already linked). */
export function suggest(caseId: string, facilityId: string, matchedBy: MatchedBy, at: number): Statement {
  return stmt(
    `INSERT OR IGNORE INTO case_facilities (case_id, facility_id, state, matched_by, created_at)
     VALUES (?, ?, 'suggested', ?, ?)`,
    caseId,
    facilityId,
    matchedBy,
    at,
  )
}

/**
 * Suggestions for the cases filed before a facility was added or renamed: every case of the
 * facility's country whose typed employer or facility hash is one of its names, that has no
 * confirmed facility and no link to this one yet.
 */
export function rematch(facilityId: string, at: number): Statement {
  return stmt(
    `INSERT OR IGNORE INTO case_facilities (case_id, facility_id, state, matched_by, created_at)
     SELECT h.case_id, n.facility_id, 'suggested', MIN(h.field), ?
     FROM case_name_hashes h
     JOIN facility_names n ON n.name_hash = h.name_hash AND n.kind = 'name' AND n.facility_id = ?
     JOIN cases c ON c.id = h.case_id AND c.purged_at IS NULL
       AND c.country = (SELECT f.country FROM facilities f WHERE f.id = n.facility_id)
     WHERE NOT EXISTS (SELECT 1 FROM case_facilities l WHERE l.case_id = h.case_id AND l.state = 'confirmed')
     GROUP BY h.case_id, n.facility_id`,
    at,
    facilityId,
  )
}

export interface LinkRow {
  facility_id: string
  name: string
  code: string
  country: string
  covered: number
  priority_sector: number
  state: LinkState
  matched_by: MatchedBy
  decided_by: string | null
  decided_at: number | null
  created_at: number
}

/** A case's links (confirmed first, then suggested, then rejected), with the facility's name. */
export function linksOfCase(sql: Sql, caseId: string): Promise<LinkRow[]> {
  return sql.all<LinkRow>(
    `SELECT l.facility_id, f.name, f.code, f.country, f.covered, f.priority_sector, l.state, l.matched_by,
       l.decided_by, l.decided_at, l.created_at
     FROM case_facilities l JOIN facilities f ON f.id = l.facility_id
     WHERE l.case_id = ?
     ORDER BY CASE l.state WHEN 'confirmed' THEN 0 WHEN 'suggested' THEN 1 ELSE 2 END, f.name`,
    caseId,
  )
}

/**
 * Confirm (or set by hand) one facility for a case: every other confirmed or suggested link of
 * the case is rejected first (one confirmed facility per case), then this link is confirmed, and
 * cases.facility_id follows.
 */
export function confirm(caseId: string, facilityId: string, matchedBy: MatchedBy, by: string, at: number): Statement[] {
  return [
    stmt(
      `UPDATE case_facilities SET state = 'rejected', decided_by = ?, decided_at = ?
       WHERE case_id = ? AND facility_id != ? AND state != 'rejected'`,
      by,
      at,
      caseId,
      facilityId,
    ),
    stmt(
      `INSERT INTO case_facilities (case_id, facility_id, state, matched_by, decided_by, decided_at, created_at)
       VALUES (?, ?, 'confirmed', ?, ?, ?, ?)
       ON CONFLICT (case_id, facility_id) DO UPDATE SET state = 'confirmed', decided_by = excluded.decided_by,
         decided_at = excluded.decided_at`,
      caseId,
      facilityId,
      matchedBy,
      by,
      at,
      at,
    ),
    stmt('UPDATE cases SET facility_id = ? WHERE id = ?', facilityId, caseId),
  ]
}

/** Reject a link (suggested or confirmed); the case loses that facility if it was its own. */
export function reject(caseId: string, facilityId: string, by: string, at: number): Statement[] {
  return [
    stmt(
      `UPDATE case_facilities SET state = 'rejected', decided_by = ?, decided_at = ?
       WHERE case_id = ? AND facility_id = ? AND state != 'rejected'`,
      by,
      at,
      caseId,
      facilityId,
    ),
    stmt('UPDATE cases SET facility_id = NULL WHERE id = ? AND facility_id = ?', caseId, facilityId),
  ]
}

/** The references of a facility's cases: confirmed ones, or confirmed and suggested. */
export async function caseRefs(sql: Sql, facilityId: string, confirmedOnly: boolean): Promise<string[]> {
  const rows = await sql.all<{ reference: string }>(
    `SELECT c.reference FROM case_facilities l JOIN cases c ON c.id = l.case_id
     WHERE l.facility_id = ? AND c.purged_at IS NULL
       AND (l.state = 'confirmed' OR (? = 0 AND l.state = 'suggested'))
     ORDER BY c.created_at, c.rowid`,
    facilityId,
    confirmedOnly ? 1 : 0,
  )
  return rows.map((r) => r.reference)
}

/** A facility's confirmed cases with what its page counts, and whether the viewer may see each. */
export interface FacilityCaseRow {
  id: string
  reference: string
  created_at: number
  rights: string
  commitments: string
  language: string
  description_redacted: string
  employer: string
  employer_hash: string | null
  visible: number
}

export function facilityCases(sql: Sql, facilityId: string, viewer: Viewer): Promise<FacilityCaseRow[]> {
  const v = visibleWhere(viewer)
  return sql.all<FacilityCaseRow>(
    `SELECT c.id, c.reference, c.created_at, c.rights, c.commitments, c.language, c.description_redacted,
       c.employer, c.employer_hash, CASE WHEN ${v.sql} THEN 1 ELSE 0 END AS visible
     FROM case_facilities l JOIN cases c ON c.id = l.case_id
     WHERE l.facility_id = ? AND l.state = 'confirmed' AND c.purged_at IS NULL
     ORDER BY c.created_at, c.rowid`,
    ...v.params,
    facilityId,
  )
}

/** How many cases wait for a decision on a suggested link to this facility. */
export async function suggestedCount(sql: Sql, facilityId: string): Promise<number> {
  const r = await sql.get<{ n: number }>(
    `SELECT COUNT(*) AS n FROM case_facilities l JOIN cases c ON c.id = l.case_id
     WHERE l.facility_id = ? AND l.state = 'suggested' AND c.purged_at IS NULL`,
    facilityId,
  )
  return r?.n ?? 0
}
