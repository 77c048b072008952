/**
 * @module store/caseload
 * The rows a generated caseload writes (cli/caseload.ts, `seed bench`): whole cases with every
 * column set at once (created in the past, some already past `new`), their events and threads.
 * Intake never writes through these: it uses store/cases.ts, events.ts and messages.ts.
 *
 * The generator hands its rows to a sink. `portSink` writes them as statements through the SQL
 * port (either runtime); `seed bench` on Node uses the faster sink of store/sqlite-bulk.ts, which
 * writes the same rows with the same SQL (the statements below) through prepared statements.
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

/** A message of a generated thread: a reporter's answer (with its encrypted original) or a question. */
export interface CaseloadMessage {
  id: string
  caseId: string
  fromReporter: boolean
  channel: string
  bodyRedacted: string
  bodyEnc: Uint8Array | null
  at: number
}

export const message = (m: CaseloadMessage): Statement =>
  m.fromReporter
    ? reporterMessage(m.id, m.caseId, m.channel, m.bodyRedacted, m.bodyEnc!, m.at)
    : staffQuestion(m.id, m.caseId, m.bodyRedacted, m.at)

/** Where a generated caseload's rows go. `flush` writes what was added, in one transaction. */
export interface CaseloadSink {
  insertCase(c: CaseloadCase): void
  /** An event of any kind (`data` is its JSON). */
  event(id: string, caseId: string, at: number, kind: string, data: string): void
  message(m: CaseloadMessage): void
  flush(): Promise<void>
}

/** A sink writing through the SQL port: one `sql.batch` per flush. */
export function portSink(sql: Sql): CaseloadSink {
  let statements: Statement[] = []
  return {
    insertCase: (c) => void statements.push(insertCase(c)),
    event: (id, caseId, at, kind, data) => void statements.push(event(id, caseId, at, kind, data)),
    message: (m) => void statements.push(message(m)),
    async flush() {
      const batch = statements
      statements = []
      if (batch.length > 0) await sql.batch(batch)
    },
  }
}
