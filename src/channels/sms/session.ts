/**
 * @module channels/sms/session
 * SMS conversations and opt-outs, keyed by a keyed hash of the sender's number (never the
 * number). The conversation's state is a small JSON object encrypted with a server key; it
 * expires 24 h after the last message.
 *
 * Writes are compare-and-swap on the stored ciphertext (store/sms.ts): when another message from
 * the same sender got there first, the batch fails; the caller then reads the session again and
 * answers from the new state.
 */
import { dayOf, minuteOf } from '../../clock.js'
import type { Deps } from '../../deps.js'
import type { Lang } from '../../i18n/index.js'
import type { Statement } from '../../store/port.js'
import * as sms from '../../store/sms.js'

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
  const row = await sms.liveSession(deps.sql, sender, deps.clock.now())
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

/** Statements storing the new state in place of `prev` (or creating it). */
export function saveSession(
  deps: Deps,
  sender: string,
  prev: Uint8Array | null,
  state: SmsState,
): Statement[] {
  const now = minuteOf(deps.clock.now())
  const write: sms.SessionWrite = {
    sender,
    language: state.lang ?? null,
    step: state.step,
    stateEnc: deps.crypto.encrypt(JSON.stringify(state), aad(sender)),
    at: now,
    expiresAt: now + SESSION_TTL_MS,
  }
  return prev === null ? sms.createSession(write) : sms.replaceSession(write, prev)
}

/** Statements ending the conversation that `prev` was (a report was filed). */
export function endSession(sender: string, prev: Uint8Array | null): Statement[] {
  return prev === null ? [] : sms.endSession(sender, prev)
}

/** A statement deleting whatever conversation this sender has (STOP). */
export const dropSession = (sender: string) => sms.dropSession(sender)

/** The opt-out of this sender, if any (with the language to answer START in). */
export async function optOutOf(
  deps: Deps,
  sender: string,
): Promise<{ language: Lang | null } | undefined> {
  return sms.optOutOf(deps.sql, sender) as Promise<{ language: Lang | null } | undefined>
}

export function optOut(deps: Deps, sender: string, lang: Lang | undefined): Statement {
  return sms.optOut(sender, lang ?? null, dayOf(deps.clock.now()))
}

export const optIn = (sender: string) => sms.optIn(sender)
