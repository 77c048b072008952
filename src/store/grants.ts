/**
 * @module store/grants
 * Cases an NGO (or a monitor) was granted beyond its scope (`case_grants`).
 */
import { stmt, type Statement } from './port.js'

/** Grant a case to a staff account (a repeat changes nothing). */
export function insert(g: { caseId: string; staffId: string; grantedBy: string | null; at: number }): Statement {
  return stmt(
    'INSERT OR IGNORE INTO case_grants (case_id, staff_id, granted_by, granted_at) VALUES (?, ?, ?, ?)',
    g.caseId,
    g.staffId,
    g.grantedBy,
    g.at,
  )
}
