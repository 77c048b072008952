/**
 * @module store/case-reassign
 * The open cases still assigned to a staff account (reassignment when a monitor leaves).
 */
import { placeholders, stmt, type Sql, type Statement } from './port.js'

export interface AssignedCase {
  id: string
  country: string
  sector: string | null
  employer: string
  commitments: string
  rights: string
}

export function openAssignedTo(sql: Sql, staffId: string, statuses: readonly string[]): Promise<AssignedCase[]> {
  return sql.all<AssignedCase>(
    `SELECT id, country, sector, employer, commitments, rights FROM cases
     WHERE assigned_to = ? AND purged_at IS NULL AND merged_into IS NULL AND status IN (${placeholders(statuses.length)})
     ORDER BY created_at, rowid`,
    staffId,
    ...statuses,
  )
}

/** Move the case from `from` to `to` (null: nobody), only while it is still assigned to `from`. */
export function moveAssignment(caseId: string, from: string, to: string | null, at: number): Statement {
  return stmt('UPDATE cases SET assigned_to = ?, updated_at = ? WHERE id = ? AND assigned_to = ?', to, at, caseId, from)
}
