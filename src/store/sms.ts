/**
 * @module store/sms
 * SMS conversations (`sms_sessions`) and opt-outs (`sms_optouts`), keyed by a keyed hash of the
 * sender's number (never the number). The state arrives encrypted.
 *
 * Writes are compare-and-swap on the stored ciphertext (a fresh nonce makes each one unique):
 * each write is followed by a guard statement that fails, and so rolls back the whole batch,
 * when the write changed no row, i.e. another message from the same sender got there first.
 */
import { stmt, type Sql, type Statement } from './port.js'

/** The live conversation's ciphertext (null: a row without state), or undefined. */
export function liveSession(sql: Sql, sender: string, now: number): Promise<{ state_enc: Uint8Array | null } | undefined> {
  return sql.get('SELECT state_enc FROM sms_sessions WHERE sender_hash = ? AND expires_at > ?', sender, now)
}

/**
 * Fails (NOT NULL on `step`) when the statement just before it changed no row, which aborts the
 * batch: the compare-and-swap lost a race.
 */
const guard = (sender: string) =>
  stmt(
    `INSERT INTO sms_sessions (sender_hash, step, updated_at, expires_at)
     SELECT ?, NULL, 0, 0 WHERE changes() = 0`,
    sender,
  )

export interface SessionWrite {
  sender: string
  language: string | null
  step: string
  stateEnc: Uint8Array
  at: number
  expiresAt: number
}

/** Create the conversation (or take over an expired or empty one); fails the batch otherwise. */
export function createSession(w: SessionWrite): Statement[] {
  return [
    stmt(
      `INSERT INTO sms_sessions (sender_hash, language, step, state_enc, updated_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sender_hash) DO UPDATE SET language = excluded.language,
         step = excluded.step, state_enc = excluded.state_enc,
         updated_at = excluded.updated_at, expires_at = excluded.expires_at
       WHERE sms_sessions.expires_at <= ? OR sms_sessions.state_enc IS NULL`,
      w.sender,
      w.language,
      w.step,
      w.stateEnc,
      w.at,
      w.expiresAt,
      w.at,
    ),
    guard(w.sender),
  ]
}

/** Replace the state `prev` with the new one; fails the batch when `prev` is no longer stored. */
export function replaceSession(w: SessionWrite, prev: Uint8Array): Statement[] {
  return [
    stmt(
      `UPDATE sms_sessions SET language = ?, step = ?, state_enc = ?, updated_at = ?, expires_at = ?
       WHERE sender_hash = ? AND state_enc = ?`,
      w.language,
      w.step,
      w.stateEnc,
      w.at,
      w.expiresAt,
      w.sender,
      prev,
    ),
    guard(w.sender),
  ]
}

/** Delete the conversation whose state is `prev`; fails the batch when it is no longer stored. */
export function endSession(sender: string, prev: Uint8Array): Statement[] {
  return [stmt('DELETE FROM sms_sessions WHERE sender_hash = ? AND state_enc = ?', sender, prev), guard(sender)]
}

/** Delete whatever conversation this sender has. */
export const dropSession = (sender: string) => stmt('DELETE FROM sms_sessions WHERE sender_hash = ?', sender)

export function optOutOf(sql: Sql, sender: string): Promise<{ language: string | null } | undefined> {
  return sql.get('SELECT language FROM sms_optouts WHERE sender_hash = ?', sender)
}

export function optOut(sender: string, language: string | null, at: number): Statement {
  return stmt('INSERT OR REPLACE INTO sms_optouts (sender_hash, language, at) VALUES (?, ?, ?)', sender, language, at)
}

export const optIn = (sender: string) => stmt('DELETE FROM sms_optouts WHERE sender_hash = ?', sender)
