/**
 * @module store/caseload
 * The rows a generated caseload writes (cli/caseload.ts, `seed bench`): whole cases with every
 * column set at once (created in the past, some already past `new`), their events and threads.
 * Intake never writes through these: it uses store/cases.ts, events.ts and messages.ts.
 */
import { stmt, type Sql, type Statement } from './port.js'

/** Every reference already taken. */
export async function references(sql: Sql): Promise<string[]> {
  return (await sql.all<{ reference: string }>('SELECT reference FROM cases')).map((r) => r.reference)
}

/** A generated case, every column a value (blobs as Buffers, so the store binds them without a copy). */
export interface CaseloadCase {
  id: string
  reference: string
  receiptHash: string
  channel: string
  language: string
  country: string
  sector: string
  employer: string
  facility: string | null
  location: string | null
  descriptionRedacted: string
  originalEnc: Uint8Array
  identitySealed: Uint8Array | null
  rights: string
  rightsChosen: string
  commitments: string
  occurredOn: string | null
  workersAffected: number | null
  retaliationFeared: number | null
  authoritiesNotified: number | null
  consentToContact: number
  status: string
  outcome: string | null
  priority: string
  createdAt: number
  updatedAt: number
  ackDueAt: number
  employerHash: string
}

export function insertCase(c: CaseloadCase): Statement {
  return stmt(
    `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, sector, employer, facility,
      location, description_redacted, original_enc, identity_sealed, rights, rights_chosen, commitments,
      occurred_on, workers_affected, retaliation_feared, authorities_notified, consent_to_contact, status,
      outcome, priority, created_at, updated_at, ack_due_at, employer_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    c.id,
    c.reference,
    c.receiptHash,
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
    c.status,
    c.outcome,
    c.priority,
    c.createdAt,
    c.updatedAt,
    c.ackDueAt,
    c.employerHash,
  )
}

/** The `created` event of a case (`data` is its JSON). */
export function createdEvent(id: string, caseId: string, at: number, data: string): Statement {
  return stmt(`INSERT INTO case_events (id, case_id, at, kind, data) VALUES (?, ?, ?, 'created', ?)`, id, caseId, at, data)
}

/** A `status` event (`data` is its JSON). */
export function statusEvent(id: string, caseId: string, at: number, data: string): Statement {
  return stmt(`INSERT INTO case_events (id, case_id, at, kind, data) VALUES (?, ?, ?, 'status', ?)`, id, caseId, at, data)
}

/** An event of any kind (`data` is its JSON). */
export function event(id: string, caseId: string, at: number, kind: string, data: string): Statement {
  return stmt(`INSERT INTO case_events (id, case_id, at, kind, data) VALUES (?, ?, ?, ?, ?)`, id, caseId, at, kind, data)
}

/** A reporter's answer: redacted text and the encrypted original. */
export function reporterMessage(
  id: string,
  caseId: string,
  channel: string,
  bodyRedacted: string,
  bodyEnc: Uint8Array,
  at: number,
): Statement {
  return stmt(
    `INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, body_enc, created_at) VALUES (?, ?, 'from_reporter', ?, ?, ?, ?)`,
    id,
    caseId,
    channel,
    bodyRedacted,
    bodyEnc,
    at,
  )
}

/** A question staff sent from the console. */
export function staffQuestion(id: string, caseId: string, bodyRedacted: string, at: number): Statement {
  return stmt(
    `INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, created_at) VALUES (?, ?, 'to_reporter', 'console', ?, ?)`,
    id,
    caseId,
    bodyRedacted,
    at,
  )
}
