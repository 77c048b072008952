/**
 * @module cases/reporter
 * What a reporter can do with a receipt, on every channel: look up the case, read its status and
 * the monitor's questions, and answer. The reporter sees redacted text only (a seized phone
 * shows no more than a monitor sees).
 */
import { dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { redact } from '../privacy/redact.js'
import { normaliseReceipt } from '../privacy/crypto.js'
import { consume, RECEIPT_FAILURES_NETWORK, refund, type Limit } from '../privacy/rate-limit.js'
import * as cases from '../store/cases.js'
import * as events from '../store/events.js'
import * as messages from '../store/messages.js'
import type { Statement } from '../store/port.js'
import type { Lang } from '../i18n/index.js'
import type { Channel } from '../intake/file-report.js'
import { replyNotice } from '../notify/outbox.js'

export const REPLY_MAX = 5_000

export interface ReporterCase {
  id: string
  status: string
  language: Lang
  created_at: number
  updated_at: number
}

export interface ThreadMessage {
  id: string
  direction: 'to_reporter' | 'from_reporter'
  body: string
  at: number
}

/** The case a receipt opens, or undefined. Receipts are compared by keyed hash only. */
export async function caseByReceipt(deps: Deps, receipt: string): Promise<ReporterCase | undefined> {
  const digits = normaliseReceipt(receipt)
  if (digits.length !== 16) return undefined
  return cases.byReceiptHash(deps.sql, deps.crypto.hashReceipt(digits)) as Promise<ReporterCase | undefined>
}

export type ReceiptLookup =
  | { ok: true; kase: ReporterCase }
  | { ok: false; reason: 'limited' | 'not_found' }

/**
 * Open a case by receipt on any channel. Every try counts against the source's hourly limit first,
 * atomically; a receipt that opens a case gives its try back, so only wrong receipts use the limit
 * up. `source` is hashed with a key before it is stored. Network sources (web, API) get the larger
 * RECEIPT_FAILURES_NETWORK budget; phones (SMS, voice) pass RECEIPT_FAILURES.
 */
export async function openByReceipt(
  deps: Deps,
  receipt: string,
  source: string,
  limit: Limit = RECEIPT_FAILURES_NETWORK,
): Promise<ReceiptLookup> {
  if (!(await consume(deps, limit, source))) return { ok: false, reason: 'limited' }
  const kase = await caseByReceipt(deps, receipt)
  if (!kase) return { ok: false, reason: 'not_found' }
  await refund(deps, limit, source)
  return { ok: true, kase }
}

/** The thread as the reporter sees it, oldest first. */
export async function reporterThread(deps: Deps, caseId: string): Promise<ThreadMessage[]> {
  const rows = await messages.forCase(deps.sql, caseId)
  return rows.map((r) => ({ id: r.id, direction: r.direction, body: r.body_redacted, at: r.created_at }))
}

/** Questions from the monitor the reporter has not answered yet (newest last). */
export function openQuestions(thread: readonly ThreadMessage[]): ThreadMessage[] {
  const lastReply = thread.findLastIndex((m) => m.direction === 'from_reporter')
  return thread.slice(lastReply + 1).filter((m) => m.direction === 'to_reporter')
}

/**
 * Store a reporter's message: redacted for staff, the original encrypted. Bumps the case's
 * `updated_at` so retention never deletes a case the reporter just wrote to.
 * Repeats with the same idempotency key create nothing.
 */
export async function addReporterMessage(
  deps: Deps,
  kase: ReporterCase,
  body: string,
  channel: Channel,
  idempotencyKey?: string,
): Promise<{ id: string; duplicate: boolean }> {
  const { crypto, sql } = deps
  const idem = idempotencyKey ? crypto.blindIndex('token', `message:${idempotencyKey}`) : null
  if (idem) {
    const seen = await messages.idByIdempotencyKey(sql, idem)
    if (seen) return { id: seen, duplicate: true }
  }
  const id = crypto.randomToken(16)
  await sql.batch(
    reporterMessageStatements(deps, {
      id,
      caseId: kase.id,
      channel,
      bodyRedacted: redact(body, kase.language).text,
      bodyEnc: crypto.encrypt(body, `message:${id}`),
      idempotencyKey: idem,
    }),
  )
  return { id, duplicate: false }
}

/**
 * The statements that add a reporter's message to a case: the message, the case's clock (so
 * retention never deletes a case the reporter just wrote to) and a timeline event.
 */
export function reporterMessageStatements(
  deps: Deps,
  m: {
    id: string
    caseId: string
    channel: Channel
    bodyRedacted: string
    bodyEnc: Uint8Array | null
    /** Already a keyed hash. */
    idempotencyKey: string | null
  },
): Statement[] {
  const now = dayOf(deps.clock.now())
  return [
    messages.insertFromReporter({ ...m, at: now }),
    cases.touch(m.caseId, now),
    events.append({
      id: deps.crypto.randomToken(16),
      caseId: m.caseId,
      at: now,
      kind: 'reporter_message',
      data: { channel: m.channel },
    }),
    // Staff who asked are told that the reporter wrote (an outbox row naming no text).
    ...replyNotice(deps, m.caseId, m.id),
  ]
}

/**
 * The statements that add a staff question to a case: the message (read on web follow-up, SMS
 * STATUS and voice status), the case's clock and a timeline event.
 */
export function staffMessageStatements(
  deps: Deps,
  m: { id: string; caseId: string; authorId: string | null; body: string },
): Statement[] {
  const now = dayOf(deps.clock.now())
  return [
    messages.insertToReporter({ ...m, at: now }),
    cases.touch(m.caseId, now),
    events.append({
      id: deps.crypto.randomToken(16),
      caseId: m.caseId,
      at: now,
      kind: 'question',
      actorId: m.authorId,
    }),
  ]
}

/** A monitor's message to the reporter, without an audit row (tests and seeding). */
export async function addStaffMessage(deps: Deps, caseId: string, authorId: string | null, body: string): Promise<string> {
  const id = deps.crypto.randomToken(16)
  await deps.sql.batch(staffMessageStatements(deps, { id, caseId, authorId, body }))
  return id
}
