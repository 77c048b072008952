/**
 * @module channels/sms/session
 * SMS conversations and opt-outs, keyed by a keyed hash of the sender's number (never the
 * number). The conversation's state is a small JSON object encrypted with a server key; it
 * expires 24 h after the last message.
 *
 * Writes are compare-and-swap on the stored ciphertext (a fresh nonce makes each one unique):
 * each write is followed by a guard statement that fails, and so rolls back the whole batch,
 * when the write changed no row, i.e. another message from the same sender got there first.
 * The caller then reads the session again and answers from the new state.
 */
import { dayOf, minuteOf } from '../../clock.js'
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import { stmt, type Statement } from '../../store/port.js'

export const SESSION_TTL_MS = 24 * 3_600_000

export type Step =
  'lang' | 'notice' | 'country' | 'problem' | 'employer' | 'town' | 'describe' | 'consent'

/** Everything the conversation remembers (encrypted at rest). */
export interface SmsState {
  step: Step
  lang?: Lang
  /** ISO 3166-1 alpha-2: asked, or inferred from the numbers' countries (never stored as such). */
  country?: string
  right?: string
  employer?: string
  town?: string
  /** The story so far, one entry a message. */
  parts: string[]
  /** When the last part came (the quiet period counts from it). */
  lastPartAt?: number
}

export interface Session {
  state: SmsState
  /** The stored ciphertext, for compare-and-swap; null for a conversation not yet stored. */
  stored: Uint8Array | null
}

/** The sender's keyed hash: the only form in which a number reaches the database. */
export const senderKey = (deps: Deps, from: string) => deps.crypto.blindIndex('sender', from.trim())

const aad = (sender: string) => `sms:${sender}`

/** The live conversation of this sender, or a new one (not yet stored). */
export async function loadSession(deps: Deps, sender: string): Promise<Session> {
  const row = await deps.sql.get<{ state_enc: Uint8Array | null }>(
    'SELECT state_enc FROM sms_sessions WHERE sender_hash = ? AND expires_at > ?',
    sender,
    deps.clock.now(),
  )
  if (row?.state_enc) {
    try {
      const state = JSON.parse(deps.crypto.decryptText(row.state_enc, aad(sender))) as SmsState
      return { state: { ...state, parts: state.parts ?? [] }, stored: row.state_enc }
    } catch {
      deps.log.warn('sms_session_unreadable')
    }
  }
  return { state: { step: 'lang', parts: [] }, stored: row?.state_enc ?? null }
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

/** Statements storing the new state in place of `prev` (or creating it). */
export function saveSession(
  deps: Deps,
  sender: string,
  prev: Uint8Array | null,
  state: SmsState,
): Statement[] {
  const now = minuteOf(deps.clock.now())
  const enc = deps.crypto.encrypt(JSON.stringify(state), aad(sender))
  const lang = state.lang ?? null
  if (prev === null) {
    return [
      stmt(
        `INSERT INTO sms_sessions (sender_hash, language, step, state_enc, updated_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (sender_hash) DO UPDATE SET language = excluded.language,
           step = excluded.step, state_enc = excluded.state_enc,
           updated_at = excluded.updated_at, expires_at = excluded.expires_at
         WHERE sms_sessions.expires_at <= ? OR sms_sessions.state_enc IS NULL`,
        sender,
        lang,
        state.step,
        enc,
        now,
        now + SESSION_TTL_MS,
        now,
      ),
      guard(sender),
    ]
  }
  return [
    stmt(
      `UPDATE sms_sessions SET language = ?, step = ?, state_enc = ?, updated_at = ?, expires_at = ?
       WHERE sender_hash = ? AND state_enc = ?`,
      lang,
      state.step,
      enc,
      now,
      now + SESSION_TTL_MS,
      sender,
      prev,
    ),
    guard(sender),
  ]
}

/** Statements ending the conversation that `prev` was (a report was filed). */
export function endSession(sender: string, prev: Uint8Array | null): Statement[] {
  if (prev === null) return []
  return [
    stmt('DELETE FROM sms_sessions WHERE sender_hash = ? AND state_enc = ?', sender, prev),
    guard(sender),
  ]
}

/** A statement deleting whatever conversation this sender has (STOP). */
export const dropSession = (sender: string) =>
  stmt('DELETE FROM sms_sessions WHERE sender_hash = ?', sender)

/** The opt-out of this sender, if any (with the language to answer START in). */
export async function optOutOf(
  deps: Deps,
  sender: string,
): Promise<{ language: Lang | null } | undefined> {
  return deps.sql.get<{ language: Lang | null }>(
    'SELECT language FROM sms_optouts WHERE sender_hash = ?',
    sender,
  )
}

export function optOut(deps: Deps, sender: string, lang: Lang | undefined): Statement {
  return stmt(
    'INSERT OR REPLACE INTO sms_optouts (sender_hash, language, at) VALUES (?, ?, ?)',
    sender,
    lang ?? null,
    dayOf(deps.clock.now()),
  )
}

export const optIn = (sender: string) =>
  stmt('DELETE FROM sms_optouts WHERE sender_hash = ?', sender)
