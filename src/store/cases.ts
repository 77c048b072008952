/**
 * @module store/cases
 * The `cases` table: the one INSERT every intake uses, the lookups by receipt, idempotency key and
 * reference, and the changes staff make. Queue reads (what staff may see) are in store/queue.ts.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'
import { NO_DUE } from './queue.js'

/** Every column an intake writes (status starts as 'new'). */
export interface NewCase {
  id: string
  reference: string
  receiptHash: string
  idempotencyKey: string | null
  channel: string
  language: string
  country: string
  sector: string | null
  employer: string
  facility: string | null
  location: string | null
  descriptionRedacted: string
  originalEnc: Uint8Array
  identitySealed: Uint8Array | null
  /** JSON arrays. */
  rights: string
  rightsChosen: string
  commitments: string
  occurredOn: string | null
  workersAffected: number | null
  retaliationFeared: number | null
  authoritiesNotified: number | null
  consentToContact: number
  priority: string
  assignedTo: string | null
  filedBy: string | null
  /** The organisation that filed it on a worker's behalf. */
  filedByOrg?: string | null
  createdAt: number
  updatedAt: number
  ackDueAt: number
  employerHash: string
  fieldsEnc: Uint8Array | null
  /** 'new' for every filed report; a generated caseload (cli/caseload.ts) sets older cases' state. */
  status?: string
  outcome?: string | null
}

export function insert(c: NewCase): Statement {
  return stmt(
    `INSERT INTO cases (id, reference, receipt_hash, idempotency_key, channel, language, country,
      sector, employer, facility, location, description_redacted, original_enc, identity_sealed,
      rights, rights_chosen, commitments, occurred_on, workers_affected, retaliation_feared,
      authorities_notified, consent_to_contact, status, priority, assigned_to, filed_by,
      created_at, updated_at, ack_due_at, employer_hash, fields_enc, filed_by_org, outcome, due_key)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.id,
    c.reference,
    c.receiptHash,
    c.idempotencyKey,
    c.channel,
    c.language,
    c.country,
    c.sector,
    c.employer,
    c.facility,
    c.location,
    c.descriptionRedacted,
    c.originalEnc,
    c.identitySealed,
    c.rights,
    c.rightsChosen,
    c.commitments,
    c.occurredOn,
    c.workersAffected,
    c.retaliationFeared,
    c.authoritiesNotified,
    c.consentToContact,
    c.status ?? 'new',
    c.priority,
    c.assignedTo,
    c.filedBy,
    c.createdAt,
    c.updatedAt,
    c.ackDueAt,
    c.employerHash,
    c.fieldsEnc,
    c.filedByOrg ?? null,
    c.outcome ?? null,
    // The queue's due key (migration 0017) of a case with no events or deadlines yet: its
    // acknowledgement clock, none once resolved or closed. The insert trigger checks it.
    ['resolved', 'closed'].includes(c.status ?? 'new') ? NO_DUE : c.ackDueAt,
  )
}

/** The case filed under this (keyed) idempotency key, if any. */
export function byIdempotencyKey(sql: Sql, key: string): Promise<{ id: string; reference: string } | undefined> {
  return sql.get('SELECT id, reference FROM cases WHERE idempotency_key = ?', key)
}

/** A case's reference, or undefined. */
export async function referenceOf(sql: Sql, id: string): Promise<string | undefined> {
  return (await sql.get<{ reference: string }>('SELECT reference FROM cases WHERE id = ?', id))?.reference
}

/** What the reporter's side reads of a case. */
export interface ReporterCaseRow {
  id: string
  status: string
  language: string
  created_at: number
  updated_at: number
}

/** The unpurged case with this (keyed) receipt hash, or undefined. */
export function byReceiptHash(sql: Sql, receiptHash: string): Promise<ReporterCaseRow | undefined> {
  return sql.get<ReporterCaseRow>(
    `SELECT id, status, language, created_at, updated_at FROM cases
     WHERE receipt_hash = ? AND purged_at IS NULL`,
    receiptHash,
  )
}

/** The case whose reference is `reference` or whose id is `id`. */
export function byReferenceOrId(
  sql: Sql,
  reference: string,
  id: string,
): Promise<{ id: string; merged_into: string | null } | undefined> {
  return sql.get('SELECT id, merged_into FROM cases WHERE reference = ? OR id = ?', reference, id)
}

/** What a staff action checks before it changes a case. */
export function forAction<S extends string = string>(
  sql: Sql,
  id: string,
): Promise<{ status: S; employer: string; employer_hash: string | null; commitments: string } | undefined> {
  return sql.get('SELECT status, employer, employer_hash, commitments FROM cases WHERE id = ?', id)
}

/** The sealed identity (custodian, offline). */
export async function identitySealed(sql: Sql, id: string): Promise<Uint8Array | null | undefined> {
  return (await sql.get<{ identity_sealed: Uint8Array | null }>('SELECT identity_sealed FROM cases WHERE id = ?', id))
    ?.identity_sealed
}

/** The encrypted original and typed fields (custodian, offline). */
export function originals(
  sql: Sql,
  id: string,
): Promise<{ original_enc: Uint8Array | null; fields_enc: Uint8Array | null } | undefined> {
  return sql.get('SELECT original_enc, fields_enc FROM cases WHERE id = ?', id)
}

/** Bump the case's clock (retention counts from it). */
export function touch(id: string, at: number): Statement {
  return stmt('UPDATE cases SET updated_at = ? WHERE id = ?', at, id)
}

/** The case still has this status (the compare-and-swap of a status change). */
export function hasStatus(id: string, status: string): Condition {
  return { sql: 'EXISTS (SELECT 1 FROM cases WHERE id = ? AND status = ?)', params: [id, status] }
}

/** Move the status from `from` to `to` (no change when it is no longer `from`). */
export function setStatus(id: string, from: string, to: string, outcome: string | null, at: number): Statement {
  return stmt(
    'UPDATE cases SET status = ?, outcome = ?, updated_at = ? WHERE id = ? AND status = ?',
    to,
    outcome,
    at,
    id,
    from,
  )
}

/** Assign to a monitor, or to nobody (null). */
export function assign(id: string, staffId: string | null, at: number): Statement {
  return stmt('UPDATE cases SET assigned_to = ?, updated_at = ? WHERE id = ?', staffId, at, id)
}

/** Replace the commitments (a JSON array). */
export function setCommitments(id: string, commitments: string, at: number): Statement {
  return stmt('UPDATE cases SET commitments = ?, updated_at = ? WHERE id = ?', commitments, at, id)
}

/** Mark `id` a duplicate of `into`; the cases merged into `id` follow it. */
export function mergeInto(id: string, into: string, at: number): Statement[] {
  return [
    stmt('UPDATE cases SET merged_into = ?, updated_at = ? WHERE id = ?', into, at, id),
    stmt('UPDATE cases SET merged_into = ? WHERE merged_into = ?', into, id),
  ]
}
