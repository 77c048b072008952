/**
 * @module store/caseload
 * The rows a generated caseload writes (cli/caseload.ts, `seed bench`): whole cases with every
 * column set at once (created in the past, some already past `new`), their events and threads.
 * Intake never writes through these: it uses store/cases.ts, events.ts and messages.ts.
 */
import { insert, type NewCase } from './cases.js'
import { stmt, type Sql, type Statement } from './port.js'

/** Every reference already taken. */
export async function references(sql: Sql): Promise<string[]> {
  return (await sql.all<{ reference: string }>('SELECT reference FROM cases')).map((r) => r.reference)
}

/**
 * A generated case: every column a value (blobs as Buffers, so the store binds them without a
 * copy), written by the same statement as a filed report (cases.insert).
 */
export type CaseloadCase = Omit<NewCase, 'idempotencyKey' | 'assignedTo' | 'filedBy' | 'fieldsEnc'> & {
  status: string
  outcome: string | null
}

export function insertCase(c: CaseloadCase): Statement {
  return insert({ ...c, idempotencyKey: null, assignedTo: null, filedBy: null, fieldsEnc: null })
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
