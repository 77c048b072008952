/**
 * @module store/messages
 * Messages between staff and the reporter (`case_messages`). body_redacted is what staff and the
 * reporter read; body_enc keeps the reporter's own words for custodian-approved access.
 */
import { stmt, type Sql, type Statement } from './port.js'

/** A reporter's message (redacted, original encrypted). */
export function insertFromReporter(m: {
  id: string
  caseId: string
  channel: string
  bodyRedacted: string
  bodyEnc: Uint8Array | null
  /** Already a keyed hash. */
  idempotencyKey: string | null
  at: number
}): Statement {
  return stmt(
    `INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, body_enc, idempotency_key, created_at)
     VALUES (?, ?, 'from_reporter', ?, ?, ?, ?, ?)`,
    m.id,
    m.caseId,
    m.channel,
    m.bodyRedacted,
    m.bodyEnc,
    m.idempotencyKey,
    m.at,
  )
}

/** A staff question to the reporter (written from the console). */
export function insertToReporter(m: {
  id: string
  caseId: string
  authorId: string | null
  body: string
  at: number
}): Statement {
  return stmt(
    `INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, author_id, created_at)
     VALUES (?, ?, 'to_reporter', 'console', ?, ?, ?)`,
    m.id,
    m.caseId,
    m.body,
    m.authorId,
    m.at,
  )
}

/** The id of the message stored under this (keyed) idempotency key, if any. */
export async function idByIdempotencyKey(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ id: string }>('SELECT id FROM case_messages WHERE idempotency_key = ?', key))?.id
}

export interface MessageRow {
  id: string
  direction: 'to_reporter' | 'from_reporter'
  channel: string
  body_redacted: string
  created_at: number
}

/** A case's messages, redacted, oldest first. */
export function forCase(sql: Sql, caseId: string): Promise<MessageRow[]> {
  return sql.all<MessageRow>(
    `SELECT id, direction, channel, body_redacted, created_at FROM case_messages
     WHERE case_id = ? ORDER BY created_at, rowid`,
    caseId,
  )
}

/** The reporter's encrypted originals of a case (custodian, offline), oldest first. */
export function reporterOriginals(
  sql: Sql,
  caseId: string,
): Promise<{ id: string; body_enc: Uint8Array; created_at: number }[]> {
  return sql.all(
    `SELECT id, body_enc, created_at FROM case_messages
     WHERE case_id = ? AND direction = 'from_reporter' AND body_enc IS NOT NULL ORDER BY created_at, rowid`,
    caseId,
  )
}
