/**
 * @module store/evidence-releases
 * File keys the custodian released for one approved request (`evidence_releases`, migration
 * 0015): wrapped under the server's content key for (request, staff member, file), used once,
 * deleted when used or expired. evidence/release.ts writes them, evidence/access.ts uses them.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

export interface ReleaseInsert {
  requestId: string
  evidenceId: string
  caseId: string
  staffId: string
  keyWrapped: Uint8Array
  at: number
  expiresAt: number
}

/** Insert the release, only while `when` holds (the approval is still usable). */
export function insert(r: ReleaseInsert, when: Condition): Statement {
  return stmt(
    `INSERT INTO evidence_releases (request_id, evidence_id, case_id, staff_id, key_wrapped, released_at, expires_at)
     SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${when.sql}`,
    r.requestId,
    r.evidenceId,
    r.caseId,
    r.staffId,
    r.keyWrapped,
    r.at,
    r.expiresAt,
    ...when.params,
  )
}

/**
 * The oldest unexpired release of this file for this staff member whose approval is still
 * approved and unused (the opening then spends that approval, guarded again in its batch).
 */
export function forOpening(
  sql: Sql,
  caseId: string,
  evidenceId: string,
  staffId: string,
  now: number,
): Promise<{ request_id: string; key_wrapped: Uint8Array } | undefined> {
  return sql.get(
    `SELECT x.request_id, x.key_wrapped FROM evidence_releases x JOIN access_requests r ON r.id = x.request_id
     WHERE x.case_id = ? AND x.evidence_id = ? AND x.staff_id = ? AND x.expires_at > ?
       AND r.what = 'evidence' AND r.item = x.evidence_id AND r.requested_by = x.staff_id
       AND r.decision = 'approved' AND r.used_at IS NULL
     ORDER BY x.released_at, x.request_id LIMIT 1`,
    caseId,
    evidenceId,
    staffId,
    now,
  )
}

/** Whether a release exists for the request (used or not, expired or not). */
export async function exists(sql: Sql, requestId: string): Promise<boolean> {
  return (await sql.get('SELECT 1 AS x FROM evidence_releases WHERE request_id = ?', requestId)) !== undefined
}

/** The requests of a case whose file key is released and unexpired (the case page's state). */
export async function releasedRequests(sql: Sql, caseId: string, now: number): Promise<Set<string>> {
  const rows = await sql.all<{ request_id: string }>(
    'SELECT request_id FROM evidence_releases WHERE case_id = ? AND expires_at > ?',
    caseId,
    now,
  )
  return new Set(rows.map((r) => r.request_id))
}

/** Delete the release of a request, only while `when` holds (in the batch that uses the approval). */
export function remove(requestId: string, when: Condition): Statement {
  return stmt(`DELETE FROM evidence_releases WHERE request_id = ? AND ${when.sql}`, requestId, ...when.params)
}

/** Every row, for tests that scan what was stored. */
export function all(sql: Sql): Promise<{ request_id: string; key_wrapped: Uint8Array; expires_at: number }[]> {
  return sql.all('SELECT request_id, key_wrapped, expires_at FROM evidence_releases')
}
