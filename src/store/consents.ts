/**
 * @module store/consents
 * The consent ledger (`consents`): what a worker agreed may be disclosed, to whom, until when,
 * how it was given and who recorded it; a referral's question (status asked) and its answer;
 * withdrawal (the row stays, with when and by whom).
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

export interface ConsentRow {
  id: string
  case_id: string
  org_id: string | null
  /** JSON array. */
  disclose: string
  /** JSON array. */
  recipients: string
  until_day: string | null
  method: string
  recorded_by: string | null
  status: string
  created_at: number
  decided_at: number | null
  withdrawn_at: number | null
  withdrawn_by: string | null
}

const COLUMNS = `id, case_id, org_id, disclose, recipients, until_day, method, recorded_by, status,
  created_at, decided_at, withdrawn_at, withdrawn_by`

export function insert(c: {
  id: string
  caseId: string
  orgId: string | null
  disclose: readonly string[]
  recipients: readonly string[]
  untilDay: string | null
  method: string
  recordedBy: string | null
  status: 'asked' | 'given'
  at: number
}): Statement {
  return stmt(
    `INSERT INTO consents (id, case_id, org_id, disclose, recipients, until_day, method, recorded_by,
      status, created_at, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.id,
    c.caseId,
    c.orgId,
    JSON.stringify(c.disclose),
    JSON.stringify(c.recipients),
    c.untilDay,
    c.method,
    c.recordedBy,
    c.status,
    c.at,
    c.status === 'given' ? c.at : null,
  )
}

export function byId(sql: Sql, id: string): Promise<ConsentRow | undefined> {
  return sql.get(`SELECT ${COLUMNS} FROM consents WHERE id = ?`, id)
}

/** A case's consents, oldest first. */
export function forCase(sql: Sql, caseId: string): Promise<ConsentRow[]> {
  return sql.all(`SELECT ${COLUMNS} FROM consents WHERE case_id = ? ORDER BY created_at, rowid`, caseId)
}

/** The consent is still in this status (a compare-and-swap guard). */
export function hasStatus(id: string, status: string): Condition {
  return { sql: 'EXISTS (SELECT 1 FROM consents WHERE id = ? AND status = ?)', params: [id, status] }
}

/** Withdraw a given consent (only while it is given). */
export function withdraw(id: string, at: number, by: string): Statement {
  return stmt(
    "UPDATE consents SET status = 'withdrawn', withdrawn_at = ?, withdrawn_by = ? WHERE id = ? AND status = 'given'",
    at,
    by,
    id,
  )
}

/** Record the worker's answer to a consent that was asked, and how (only while it is asked). */
export function decide(id: string, answer: 'given' | 'refused', method: string, at: number): Statement {
  return stmt(
    "UPDATE consents SET status = ?, method = ?, decided_at = ? WHERE id = ? AND status = 'asked'",
    answer,
    method,
    at,
    id,
  )
}
