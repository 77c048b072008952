/**
 * @module staff/auth
 * Staff sign-in: e-mail + argon2id password, then a TOTP code (enrolled on first sign-in, only
 * with the account's one-time enrolment code: see staff/enrolment).
 * - Between the two steps, a short-lived "pending" token (encrypted with the server's content
 *   key) carries the staff id and, during enrolment, the new secret: nothing is stored until the
 *   first code proves the authenticator works.
 * - Sessions: a random token in the cookie, its keyed hash in staff_sessions, a CSRF token per
 *   session, 8 hours.
 * - Throttling (docs/security.md, "Staff sign-in throttling"): every password or code tried
 *   counts against the source, against the (account, source) pair, and against a slower, higher
 *   ceiling for the account; a right one gives its tries back. Wrong passwords from one network
 *   never lock the account for its owner on another. Unknown e-mails and throttled tries cost
 *   the same argon2id work. No answer says whether an e-mail exists.
 * - An enrolled TOTP secret is never replaced by a later enrolment.
 * - API tokens: `hl_…`, stored as keyed hashes; revoked tokens stop working at once.
 */
import { append, withAudit } from '../audit/log.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { consume, refund, type Limit } from '../privacy/rate-limit.js'
import * as staff from '../store/staff.js'
import type { StaffRow as StoredStaff } from '../store/staff.js'
import type { Role } from './accounts.js'
import { enrolCodeHash } from './enrolment.js'
import { matchTotp } from './totp.js'

export const SESSION_MS = 8 * 3_600_000
export const PENDING_MS = 10 * 60_000
/** Tries from one source, at any account (unknown e-mails included), per hour. */
export const STAFF_LOGIN_FAILURES: Limit = { bucket: 'staff-login', max: 30, windowMs: 3_600_000 }
/** Tries at one account from one source, per hour. */
export const STAFF_LOGIN_PAIR: Limit = { bucket: 'staff-login-pair', max: 10, windowMs: 3_600_000 }
/**
 * Tries at one account from every source, per day: the ceiling against guessing spread over
 * many networks. One source alone adds at most 10 × 24 = 240 a day, so it never gets there.
 */
export const STAFF_LOGIN_ACCOUNT: Limit = { bucket: 'staff-login-account', max: 300, windowMs: 86_400_000 }

// The account is part of the bucket name, so the source stays the client's address (the rate
// limiter may group addresses, e.g. IPv6 by /64) and the account ceiling has one fixed source.
export const pairLimit = (staffId: string): Limit => ({
  ...STAFF_LOGIN_PAIR,
  bucket: `${STAFF_LOGIN_PAIR.bucket}:${staffId}`,
})
export const accountLimit = (staffId: string): Limit => ({
  ...STAFF_LOGIN_ACCOUNT,
  bucket: `${STAFF_LOGIN_ACCOUNT.bucket}:${staffId}`,
})
export const ACCOUNT_SOURCE = 'any'

/**
 * Count a try at an account from a source, atomically (no burst of parallel guesses slips past):
 * first against the pair, then, only if the pair allows it, against the account's ceiling.
 * A source already over its pair limit never adds to the account's count.
 */
async function countTry(deps: Deps, staffId: string, source: string): Promise<boolean> {
  if (!(await consume(deps, pairLimit(staffId), source))) return false
  return consume(deps, accountLimit(staffId), ACCOUNT_SOURCE)
}

/** A right password or code gives its tries back. */
async function giveBack(deps: Deps, staffId: string, source: string): Promise<void> {
  await refund(deps, STAFF_LOGIN_FAILURES, source)
  await refund(deps, pairLimit(staffId), source)
  await refund(deps, accountLimit(staffId), ACCOUNT_SOURCE)
}

type StaffRow = StoredStaff & { role: Role }

let dummyHash: string | undefined

export type PasswordResult = { ok: true; id: string; enrolled: boolean } | { ok: false }

/** Step 1: e-mail and password. Throttled, disabled, unknown and wrong all answer `{ ok: false }`. */
export async function checkPassword(
  deps: Deps,
  email: string,
  password: string,
  source: string,
): Promise<PasswordResult> {
  // Every try counts first; a right password gives its tries back.
  if (!(await consume(deps, STAFF_LOGIN_FAILURES, source))) return { ok: false }
  const s = (await staff.credentialsByEmail(deps.sql, email.trim().toLowerCase())) as StaffRow | undefined
  if (!s || !s.password_hash || s.disabled) {
    await refuseUnchecked(deps, password, s?.id ?? null, 'password')
    return { ok: false }
  }
  if (!(await countTry(deps, s.id, source))) {
    // Exactly what an unknown e-mail costs, so timing does not tell a throttled account from a
    // missing one.
    await refuseUnchecked(deps, password, s.id, 'throttled')
    return { ok: false }
  }
  if (!deps.crypto.verifyPassword(s.password_hash, password)) {
    await failed(deps, s.id, 'password')
    return { ok: false }
  }
  await giveBack(deps, s.id, source)
  return { ok: true, id: s.id, enrolled: s.totp_secret_enc !== null }
}

/**
 * Refuse without checking the real password (unknown, disabled or throttled): the same argon2id
 * work against a dummy hash (the try was counted on entry), an audit row.
 */
async function refuseUnchecked(deps: Deps, password: string, actorId: string | null, step: string) {
  dummyHash ??= deps.crypto.hashPassword('not a password')
  deps.crypto.verifyPassword(dummyHash, password)
  await append(deps, { actorId, action: 'login_failed', data: { step } })
}

/** A failure after the try was counted: the audit row. */
async function failed(deps: Deps, staffId: string, step: string) {
  await append(deps, { actorId: staffId, action: 'login_failed', data: { step } })
}

/** What the TOTP step says: `enrol_code` when the enrolment code is wrong, used or expired. */
export type TotpResult = { ok: true } | { ok: false; reason?: 'enrol_code' }

/** An enrolment in progress: the new secret (from the pending state) and the one-time code. */
export interface Enrolment {
  secret: string
  code: string
}

/**
 * Step 2: the TOTP code, against the stored secret or (enrolment) the new one, which is stored
 * only with the account's valid enrolment code, and clears it. A code is accepted once.
 */
export async function checkTotp(
  deps: Deps,
  staffId: string,
  code: string,
  source: string,
  enrol?: Enrolment,
): Promise<TotpResult> {
  const no = { ok: false } as const
  if (!(await consume(deps, STAFF_LOGIN_FAILURES, source))) return no
  const s = (await staff.enabledCredentials(deps.sql, staffId)) as StaffRow | undefined
  if (!s) return no
  if (!(await countTry(deps, s.id, source))) return no
  const now = deps.clock.now()
  if (enrol === undefined && !s.totp_secret_enc) return no
  if (enrol !== undefined && s.totp_secret_enc) {
    await failed(deps, s.id, 'enrol')
    return no
  }
  let codeHash: string | undefined
  if (enrol !== undefined) {
    codeHash = enrolCodeHash(deps, s.id, enrol.code)
    if (s.enrol_code_hash !== codeHash || (s.enrol_expires_at ?? 0) <= now) {
      await failed(deps, s.id, 'enrol_code')
      return { ok: false, reason: 'enrol_code' }
    }
  }
  const secret = enrol?.secret ?? deps.crypto.decryptText(s.totp_secret_enc!, `totp:${s.id}`)
  const step = matchTotp(secret, code, now)
  if (step === null || (s.totp_last_step !== null && step <= s.totp_last_step)) {
    await failed(deps, s.id, 'totp')
    return no
  }
  if (enrol !== undefined) {
    // Enrolment never replaces a secret (not one stored since this sign-in began, nor one
    // enrolled by a concurrent sign-in) and uses its code once: the UPDATE and its audit row
    // apply only while no secret is stored and the same unexpired code is.
    const [r] = await withAudit(
      deps,
      { actorId: s.id, action: 'totp_enrolled' },
      [staff.enrolTotp(s.id, deps.crypto.encrypt(enrol.secret, `totp:${s.id}`), step, codeHash!, now)],
      staff.canEnrol(s.id, codeHash!, now),
    )
    if (r?.changes !== 1) {
      await failed(deps, s.id, 'enrol')
      return no
    }
  } else {
    // A code is accepted once, even by two sign-ins racing with it.
    if (!(await staff.useTotpStep(deps.sql, s.id, step))) {
      await failed(deps, s.id, 'totp')
      return no
    }
  }
  await giveBack(deps, s.id, source)
  return { ok: true }
}

/** The state between password and code: staff id, expiry, and the secret being enrolled. */
export interface Pending {
  id: string
  exp: number
  enrol?: string
}

/** Encrypt a pending state for a cookie. */
export function sealPending(deps: Deps, p: Pending): string {
  return deps.crypto.encryptToken(JSON.stringify(p), 'console:pending')
}

/** Open a pending state, or undefined when forged or expired. */
export function openPending(deps: Deps, value: string | undefined): Pending | undefined {
  if (!value || value.length > 1024) return undefined
  try {
    const p = JSON.parse(deps.crypto.decryptToken(value, 'console:pending')) as Pending
    return typeof p.id === 'string' && p.exp > deps.clock.now() ? p : undefined
  } catch {
    return undefined
  }
}

/** Open a session after both factors; returns the cookie token and the CSRF token. */
export async function startSession(
  deps: Deps,
  staffId: string,
): Promise<{ token: string; csrf: string }> {
  const token = deps.crypto.randomToken(32)
  const csrf = deps.crypto.randomToken(24)
  const now = deps.clock.now()
  await staff.deleteExpiredSessions(deps.sql, now)
  await staff.insertSession(deps.sql, {
    tokenHash: deps.crypto.blindIndex('session', `staff:${token}`),
    staffId,
    csrf,
    at: now,
    expiresAt: now + SESSION_MS,
  })
  await append(deps, { actorId: staffId, action: 'login' })
  return { token, csrf }
}

/** The actor a session cookie stands for, or undefined. */
export async function sessionActor(
  deps: Deps,
  token: string | undefined,
): Promise<Actor | undefined> {
  if (!token || token.length > 128) return undefined
  const row = await staff.sessionAccount(deps.sql, deps.crypto.blindIndex('session', `staff:${token}`), deps.clock.now())
  return row
    ? { id: row.id, role: row.role as Role, email: row.email, via: 'session', csrf: row.csrf }
    : undefined
}

/** End a session (logout). */
export async function endSession(deps: Deps, token: string, staffId: string): Promise<void> {
  await staff.deleteSession(deps.sql, deps.crypto.blindIndex('session', `staff:${token}`))
  await append(deps, { actorId: staffId, action: 'logout' })
}

/** The actor an API token stands for, or undefined (unknown, revoked, or account disabled). */
export async function tokenActor(
  deps: Deps,
  token: string | undefined,
): Promise<Actor | undefined> {
  if (!token || !token.startsWith('hl_') || token.length > 128) return undefined
  const row = await staff.tokenAccount(deps.sql, deps.crypto.blindIndex('token', token))
  return row ? { id: row.id, role: row.role as Role, email: row.email, via: 'token' } : undefined
}
