/**
 * @module store/access-requests
 * Requests to open an original text, an identity or a voice statement (`access_requests`), and
 * the custodian's decisions. An approval opens once and expires.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

/** Approvals decided before expiry existed last the default 7 days from their decision. */
const EXPIRES = 'COALESCE(expires_at, decided_at + 604800000)'

export function insert(r: {
  id: string
  caseId: string
  what: string
  reason: string
  requestedBy: string
  at: number
  /** For `evidence`: the one file (evidence.id) the request is about. */
  item?: string
}): Statement {
  return stmt(
    `INSERT INTO access_requests (id, case_id, what, reason, requested_by, requested_at, item) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    r.id,
    r.caseId,
    r.what,
    r.reason,
    r.requestedBy,
    r.at,
    r.item ?? null,
  )
}

export interface CustodianListRow {
  id: string
  reference: string
  what: string
  reason: string
  email: string | null
  requested_at: number
  decision: string | null
  decision_reason: string | null
  decided_at: number | null
  expires_at: number | null
  used_at: number | null
  /** Evidence: 1 when the file's key must be released by the custodian (no server key), else 0. */
  needs_release: number
  /** Evidence: 1 when the custodian released the key for this request and it is not used yet. */
  released: number
}

/** Pending requests first (oldest first), then the 50 latest decisions. */
export function forCustodian(sql: Sql): Promise<CustodianListRow[]> {
  return sql.all<CustodianListRow>(
    `SELECT r.id, c.reference, r.what, r.reason, s.email, r.requested_at, r.decision,
       r.decision_reason, r.decided_at, r.expires_at, r.used_at,
       r.what = 'evidence' AND EXISTS (SELECT 1 FROM evidence e WHERE e.id = r.item AND e.key_enc IS NULL) AS needs_release,
       EXISTS (SELECT 1 FROM evidence_releases x WHERE x.request_id = r.id) AS released
     FROM access_requests r JOIN cases c ON c.id = r.case_id LEFT JOIN staff s ON s.id = r.requested_by
     WHERE r.decision IS NULL OR r.id IN (
       SELECT id FROM access_requests WHERE decision IS NOT NULL ORDER BY decided_at DESC LIMIT 50)
     ORDER BY r.decision IS NOT NULL, CASE WHEN r.decision IS NULL THEN r.requested_at ELSE -r.decided_at END`,
  )
}

/** A case's requests, oldest first (never shown to NGOs). */
export function forCase(
  sql: Sql,
  caseId: string,
): Promise<{ id: string; what: string; reason: string; decision: string | null; requested_at: number }[]> {
  return sql.all(
    `SELECT id, what, reason, decision, requested_at FROM access_requests
     WHERE case_id = ? ORDER BY requested_at`,
    caseId,
  )
}

export function byId(
  sql: Sql,
  id: string,
): Promise<{ case_id: string; decision: string | null; what: string } | undefined> {
  return sql.get('SELECT case_id, decision, what FROM access_requests WHERE id = ?', id)
}

/** The request is still undecided. */
export function isPending(id: string): Condition {
  return { sql: 'EXISTS (SELECT 1 FROM access_requests WHERE id = ? AND decision IS NULL)', params: [id] }
}

/** Record the decision, only while the request is pending. */
export function decide(d: {
  id: string
  decision: string
  reason: string
  decidedBy: string
  at: number
  expiresAt: number | null
}): Statement {
  return stmt(
    `UPDATE access_requests SET decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?,
       expires_at = ?
     WHERE id = ? AND decision IS NULL`,
    d.decision,
    d.reason,
    d.decidedBy,
    d.at,
    d.expiresAt,
    d.id,
  )
}

/** The oldest approved, unused, unexpired approval for `what` on the case. */
export function usable(sql: Sql, caseId: string, what: string, now: number): Promise<{ id: string } | undefined> {
  return sql.get<{ id: string }>(
    `SELECT id FROM access_requests WHERE case_id = ? AND what = ? AND decision = 'approved'
       AND used_at IS NULL AND ${EXPIRES} > ?
     ORDER BY decided_at, id LIMIT 1`,
    caseId,
    what,
    now,
  )
}

/** The latest approval for `what` on the case, with when it was used and when it expires. */
export function latestApproval(
  sql: Sql,
  caseId: string,
  what: string,
): Promise<{ id: string; used_at: number | null; expires: number } | undefined> {
  return sql.get(
    `SELECT id, used_at, ${EXPIRES} AS expires FROM access_requests
     WHERE case_id = ? AND what = ? AND decision = 'approved' ORDER BY decided_at DESC, id LIMIT 1`,
    caseId,
    what,
  )
}

/** This approval is still approved, unused and unexpired at `now`. */
export function isUsable(id: string, caseId: string, what: string, now: number): Condition {
  return {
    sql: `EXISTS (SELECT 1 FROM access_requests WHERE id = ? AND case_id = ? AND what = ?
            AND decision = 'approved' AND used_at IS NULL AND ${EXPIRES} > ?)`,
    params: [id, caseId, what, now],
  }
}

/** Mark the approval used, only while it is usable. */
export function markUsed(id: string, caseId: string, what: string, now: number): Statement {
  return stmt(
    `UPDATE access_requests SET used_at = ?
     WHERE id = ? AND case_id = ? AND what = ? AND decision = 'approved' AND used_at IS NULL
       AND ${EXPIRES} > ?`,
    now,
    id,
    caseId,
    what,
    now,
  )
}

/**
 * The oldest approved, unused, unexpired approval to open one evidence file; with `requestedBy`,
 * only one that this staff member asked for.
 */
export function usableForItem(
  sql: Sql,
  caseId: string,
  what: string,
  item: string,
  now: number,
  requestedBy?: string,
): Promise<{ id: string } | undefined> {
  return sql.get<{ id: string }>(
    `SELECT id FROM access_requests WHERE case_id = ? AND what = ? AND item = ? AND decision = 'approved'
       AND used_at IS NULL AND ${EXPIRES} > ? AND (? IS NULL OR requested_by = ?)
     ORDER BY decided_at, id LIMIT 1`,
    caseId,
    what,
    item,
    now,
    requestedBy ?? null,
    requestedBy ?? null,
  )
}

/** A case's requests about single items (evidence files): the item and where each stands. */
export function itemRequests(
  sql: Sql,
  caseId: string,
  what: string,
): Promise<{ id: string; item: string; requested_by: string; decision: string | null; used_at: number | null; expires: number | null }[]> {
  return sql.all(
    `SELECT id, item, requested_by, decision, used_at, CASE WHEN decision = 'approved' THEN ${EXPIRES} END AS expires
     FROM access_requests WHERE case_id = ? AND what = ? AND item IS NOT NULL ORDER BY requested_at, id`,
    caseId,
    what,
  )
}

/** One request with where it stands, for the custodian's release of an evidence file. */
export function forRelease(
  sql: Sql,
  id: string,
): Promise<
  | { case_id: string; reference: string; what: string; item: string | null; requested_by: string; decision: string | null; used_at: number | null; expires: number | null }
  | undefined
> {
  return sql.get(
    `SELECT r.case_id, c.reference, r.what, r.item, r.requested_by, r.decision, r.used_at,
       CASE WHEN r.decision = 'approved' THEN ${EXPIRES} END AS expires
     FROM access_requests r JOIN cases c ON c.id = r.case_id WHERE r.id = ?`,
    id,
  )
}
