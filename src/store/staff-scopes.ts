/**
 * @module store/staff-scopes
 * Replacing an account's scopes, for the admin page (the inserts are store/staff.ts's).
 */
import { stmt, type Statement } from './port.js'

export const deleteScopes = (staffId: string): Statement =>
  stmt('DELETE FROM staff_scopes WHERE staff_id = ?', staffId)

export const deleteExclusions = (staffId: string): Statement =>
  stmt('DELETE FROM staff_exclusions WHERE staff_id = ?', staffId)
