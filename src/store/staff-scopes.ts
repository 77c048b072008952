/**
 * @module store/staff-scopes
 * Replacing an account's scopes, for the admin page (the inserts are store/staff.ts's), and reading
 * one account's scopes (the statistics answer a scope the lattice can express from the snapshot).
 */
import { stmt, type Sql, type Statement } from './port.js'

export const deleteScopes = (staffId: string): Statement =>
  stmt('DELETE FROM staff_scopes WHERE staff_id = ?', staffId)

export const deleteExclusions = (staffId: string): Statement =>
  stmt('DELETE FROM staff_exclusions WHERE staff_id = ?', staffId)

/** An account's scopes (kind, value, country, sector), as the queue's rule reads them. */
export function scopesOf(
  sql: Sql,
  staffId: string,
): Promise<{ kind: string; value: string; country: string; sector: string }[]> {
  return sql.all('SELECT kind, value, country, sector FROM staff_scopes WHERE staff_id = ?', staffId)
}
