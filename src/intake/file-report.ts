/**
 * @module intake/file-report
 * The intake pipeline every channel uses: seal identity → encrypt the original → redact →
 * classify and rank commitments → route → store the case in one batch → return the receipt.
 * Nothing that identifies the reporter is written in plaintext, and nothing acknowledged is lost:
 * the case and everything it needs are written in one atomic batch.
 */
import { getCatalog } from '../catalog/index.js'
import { DAY_MS, dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { formatReceipt, type Identity } from '../privacy/crypto.js'
import { batchedLimit, isOverLimit, type Limit } from '../privacy/rate-limit.js'
import { protectTypedFields } from '../privacy/typed-fields.js'
import { pickMonitor, priorityFor } from '../routing/assign.js'
import { evidence, keywordScores, rankEvidence, words } from '../routing/classify.js'
import { matchStatements } from '../facilities/match.js'
import { employerHash } from '../routing/employer-key.js'
import { maskRuledOut } from '../routing/negation.js'
import { rankedCodes } from '../routing/rank.js'
import { dismissalAtIntake, dismissalStatements } from '../escalation/urgent.js'
import * as cases from '../store/cases.js'
import * as events from '../store/events.js'
import type { Statement } from '../store/port.js'
import { newCaseNotice } from '../notify/outbox.js'
import { newReference } from './reference.js'
import type { Submission } from './schema.js'

export type Channel = 'web' | 'api' | 'sms' | 'voice' | 'ngo' | 'whatsapp'

/** Acknowledgement is due within 7 days of intake (design; GlobaLeaks #2866). */
export const ACK_DUE_MS = 7 * DAY_MS

/** Anonymous web and API reports from one source: twenty an hour is far above any real use. */
export const REPORTS_PER_SOURCE: Limit = { bucket: 'report', max: 20, windowMs: 3_600_000 }

export interface IntakeContext {
  channel: Channel
  /** A delivery id (e.g. `sms:<MessageSid>`); stored only as a keyed hash. Repeats create nothing. */
  idempotencyKey?: string
  /** Identifying channel metadata (caller ID, Twilio geo fields), sealed with the identity. */
  identityMeta?: Record<string, string>
  /**
   * Where an anonymous web or API report came from (an address, hashed with a key before it is
   * counted): at most REPORTS_PER_SOURCE an hour. Channels that already pace their senders
   * (SMS, voice) leave it out.
   */
  source?: string
  /** Staff id of an NGO filing on a worker's behalf. */
  filedBy?: string
  /** The organisation of that NGO account (partners/file-for-worker.ts). */
  filedByOrg?: string
  /**
   * Statements that must commit with the case (ending an SMS session, an erasure job, the
   * webhook reply that carries the receipt). Receives the new case id and formatted receipt.
   */
  extra?: (caseId: string, receipt: string) => Statement[]
}

export type FiledReport =
  | { duplicate: false; caseId: string; reference: string; receipt: string }
  | { duplicate: true; caseId: string; reference: string }

/** At most this many rights come from the text (the reporter's own choices always count). */
export const MAX_TEXT_RIGHTS = 3
/** A right from the text counts when it scores at least this share of the best one. */
export const RIGHT_SHARE = 0.25
/**
 * Keyword weight a right needs in the text to count as said there: one full keyword. Weaker
 * entries (weight under 1 in keywords.json, e.g. a bare "despido" for union rights) are hints.
 */
export const KEYWORD_EVIDENCE = 1

/**
 * The rights of a case: the reporter's choices, plus the strongest rights found in the text.
 * A right enters from the text only when the text supports it: its own keywords are there
 * (`KEYWORD_EVIDENCE`), not ruled out ("nothing to do with the union": routing/negation), or, with nothing chosen and no
 * keyword of its own, it ranks first on the model alone; and it scores at least `RIGHT_SHARE`
 * of the best supported right. Weak echoes of the model would otherwise flag every case high
 * priority and pull in commitments that do not apply. `fromText` false (a voice call: the
 * description is the hotline's own note, not the caller's words) keeps the choices alone.
 */
export function rightsFor(sub: Submission, fromText = true): string[] {
  const chosen = new Set<string>(sub.rights ?? [])
  // The text is read once: ranked with the choices, and alone (routing/classify `evidence`).
  const found = evidence(sub.description, sub.language)
  const ranked = rankEvidence(found, sub.rights ?? [])
  if (!fromText) {
    const only = ranked.filter((r) => chosen.has(r.right)).map((r) => r.right)
    return only.length > 0 ? only : ['other']
  }
  const textScore = new Map(rankEvidence(found).map((r) => [r.right, r.score]))
  const said = found.keywords
  // Nothing ruled out ("nothing to do with…"): the masked words are the text's words, already scored.
  const masked = maskRuledOut(sub.description, sub.language)
  const kept = masked === words(sub.description, sub.language) ? found.keywords : keywordScores(masked, sub.language)
  const supported = (right: string, i: number) =>
    (kept.get(right) ?? 0) >= KEYWORD_EVIDENCE || (i === 0 && chosen.size === 0 && !said.has(right))
  const candidates = ranked.filter((r, i) => chosen.has(r.right) || supported(r.right, i))
  let best = 0
  for (const r of candidates) {
    if (r.right !== 'other') best = Math.max(best, textScore.get(r.right) ?? 0)
  }
  const fromWords = candidates
    .filter((r) => !chosen.has(r.right) && (textScore.get(r.right) ?? 0) >= best * RIGHT_SHARE)
    .slice(0, MAX_TEXT_RIGHTS)
  const rights = ranked
    .filter((r) => chosen.has(r.right) || fromWords.includes(r))
    .map((r) => r.right)
  return rights.length > 0 ? rights : ['other']
}

/** Run the pipeline for a validated submission. */
export async function fileReport(deps: Deps, sub: Submission, ctx: IntakeContext): Promise<FiledReport> {
  const { crypto, sql, clock } = deps
  const idem = ctx.idempotencyKey ? crypto.blindIndex('token', `intake:${ctx.idempotencyKey}`) : null
  if (idem) {
    const seen = await findByIdempotency(deps, idem)
    if (seen) return seen
  }
  // Counted in the case's batch (one write transaction, not two); refused early when already full.
  const limit = ctx.source !== undefined ? batchedLimit(deps, REPORTS_PER_SOURCE, ctx.source) : undefined
  if (limit && !(await limit.check())) throw new AppError('rate_limited')

  const caseId = crypto.randomToken(16)
  const identity: Identity = {}
  if (sub.contact?.name) identity.name = sub.contact.name
  if (sub.contact?.phone) identity.phone = sub.contact.phone
  if (sub.contact?.email) identity.email = sub.contact.email
  if (ctx.identityMeta && Object.keys(ctx.identityMeta).length > 0) identity.meta = ctx.identityMeta
  const sealed = Object.keys(identity).length > 0 ? crypto.sealIdentity(identity) : null
  const original = crypto.encrypt(sub.description, `case:${caseId}`)
  // Every typed field is redacted; what redaction changed stays encrypted (privacy/typed-fields).
  const { redacted, fieldsEnc } = protectTypedFields(crypto, caseId, sub, sub.language)

  const catalog = getCatalog()
  const rights = rightsFor(sub, ctx.channel !== 'voice')
  // Ranked, primary first (routing/rank.ts); the column keeps that order.
  const commitments = rankedCodes(catalog, {
    country: sub.country,
    sector: sub.sector,
    rights,
    text: sub.description,
    lang: sub.language,
  })
  const assignedTo = await pickMonitor(sql, {
    country: sub.country,
    sector: sub.sector,
    employer: sub.employer,
    commitments,
    rights,
  })

  // References are 40 random bits: at a million cases two may meet (the birthday bound), and so,
  // far more rarely, may receipts. The UNIQUE constraints catch it; a fresh draw is filed instead.
  // Kept for years: the UTC day only (see clock.ts). Order within a day is the rowid.
  const now = dayOf(clock.now())
  // Keyed hashes of the typed names, and the registry's facilities they match (suggested links).
  const facilityMatch = await matchStatements(deps, caseId, now, sub)
  const dismissal = dismissalAtIntake(catalog, sub, now)
  for (let attempt = 1; ; attempt++) {
    const receipt = formatReceipt(crypto.newReceipt())
    const reference = newReference(crypto)
    const statements: Statement[] = [
      cases.insert({
        id: caseId,
        reference,
        receiptHash: crypto.hashReceipt(receipt),
        idempotencyKey: idem,
        channel: ctx.channel,
        language: sub.language,
        country: sub.country,
        sector: sub.sector ?? null,
        employer: redacted.employer!,
        facility: redacted.facility ?? null,
        location: redacted.location ?? null,
        descriptionRedacted: redacted.description!,
        originalEnc: original,
        identitySealed: sealed,
        rights: JSON.stringify(rights),
        rightsChosen: JSON.stringify(sub.rights ?? []),
        commitments: JSON.stringify(commitments),
        occurredOn: sub.occurredOn ?? null,
        workersAffected: sub.workersAffected ?? null,
        retaliationFeared: bool(sub.retaliationFeared),
        authoritiesNotified: bool(sub.authoritiesNotified),
        consentToContact: sub.consentToContact && sealed ? 1 : 0,
        priority: priorityFor(catalog, rights),
        assignedTo,
        filedBy: ctx.filedBy ?? null,
        filedByOrg: ctx.filedByOrg ?? null,
        createdAt: now,
        updatedAt: now,
        ackDueAt: now + ACK_DUE_MS,
        employerHash: employerHash(crypto, sub.employer),
        fieldsEnc,
      }),
      events.append({
        id: crypto.randomToken(16),
        caseId,
        at: now,
        kind: 'created',
        data: { channel: ctx.channel, assignedTo, routed: assignedTo !== null },
      }),
      ...facilityMatch,
      // Staff who asked are told that a case arrived (an outbox row; nothing is sent from here).
      ...newCaseNotice(deps, caseId, ctx.filedBy ?? null),
      ...(ctx.extra?.(caseId, receipt) ?? []),
    ]
    // Urgent at intake: a dismissal in Mexico starts the LFT Art. 518 clock (escalation/urgent.ts).
    if (dismissal) statements.push(...dismissalStatements(deps, caseId, dismissal, now))
    if (limit) statements.push(limit.statement())
    try {
      await sql.batch(statements)
    } catch (err) {
      // A concurrent delivery of the same message won the race: answer as for a repeat.
      const seen = idem ? await findByIdempotency(deps, idem) : undefined
      if (seen) return seen
      if (isOverLimit(err)) throw new AppError('rate_limited')
      if (attempt < MAX_DRAWS && isDrawCollision(err)) continue
      throw err
    }
    deps.log.info('case_filed', { channel: ctx.channel, routed: assignedTo !== null })
    return { duplicate: false, caseId, reference, receipt }
  }
}

const MAX_DRAWS = 5

/** A UNIQUE violation on a random draw (reference or receipt), on SQLite and on D1 alike. */
function isDrawCollision(err: unknown): boolean {
  return /UNIQUE constraint failed: cases\.(reference|receipt_hash)/.test(String((err as Error)?.message ?? err))
}

async function findByIdempotency(deps: Deps, idem: string): Promise<FiledReport | undefined> {
  const row = await cases.byIdempotencyKey(deps.sql, idem)
  return row ? { duplicate: true, caseId: row.id, reference: row.reference } : undefined
}

const bool = (v: boolean | undefined) => (v === undefined ? null : v ? 1 : 0)
