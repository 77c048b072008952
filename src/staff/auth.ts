/**
 * @module staff/auth
 * Staff sign-in: e-mail + argon2id password, then a TOTP code (enrolled on first sign-in).
 * - Between the two steps, a short-lived "pending" token (encrypted with the server's content
 *   key) carries the staff id and, during enrolment, the new secret: nothing is stored until the
 *   first code proves the authenticator works.
 * - Sessions: a random token in the cookie, its keyed hash in staff_sessions, a CSRF token per
 *   session, 8 hours.
 * - Failed passwords and codes count per account: after the second, each one locks the account
 *   for a growing delay (2 s, 4 s, 8 s … capped at 15 min). Unknown e-mails and locked accounts
 *   cost the same argon2id work and count per source. No answer says whether an e-mail exists.
 * - An enrolled TOTP secret is never replaced by a later enrolment.
 * - API tokens: `hl_…`, stored as keyed hashes; revoked tokens stop working at once.
 */
import { append, withAudit } from '../audit/log.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { consume, hit, refund, type Limit } from '../privacy/rate-limit.js'
import { stmt } from '../store/port.js'
import type { Role } from './accounts.js'
import { matchTotp } from './totp.js'

export const SESSION_MS = 8 * 3_600_000
export const PENDING_MS = 10 * 60_000
const MAX_DELAY_MS = 15 * 60_000
/** Failed sign-ins from one source (unknown e-mails included) per hour. */
export const STAFF_LOGIN_FAILURES: Limit = { bucket: 'staff-login', max: 30, windowMs: 3_600_000 }

/** The lock after the n-th consecutive failure: none for the first two, then doubling. */
export function loginDelayMs(failures: number): number {
  return failures <= 2 ? 0 : Math.min(1000 * 2 ** (failures - 2), MAX_DELAY_MS)
}

interface StaffRow {
  id: string
  email: string
  role: Role
  password_hash: string | null
  totp_secret_enc: Uint8Array | null
  totp_last_step: number | null
  failed_logins: number
  locked_until: number | null
  disabled: number
}

let dummyHash: string | undefined

export type PasswordResult = { ok: true; id: string; enrolled: boolean } | { ok: false }

/** Step 1: e-mail and password. Locked, disabled, unknown and wrong all answer `{ ok: false }`. */
export async function checkPassword(
  deps: Deps,
  email: string,
  password: string,
  source: string,
): Promise<PasswordResult> {
  // Every try counts first, atomically (no burst of parallel guesses slips past); a right
  // password gives its try back.
  if (!(await consume(deps, STAFF_LOGIN_FAILURES, source))) return { ok: false }
  const s = await deps.sql.get<StaffRow>(
    'SELECT * FROM staff WHERE email = ?',
    email.trim().toLowerCase(),
  )
  const now = deps.clock.now()
  if (!s || !s.password_hash || s.disabled) {
    await refuseUnchecked(deps, password, s?.id ?? null, 'password')
    return { ok: false }
  }
  if (s.locked_until && s.locked_until > now) {
    // Exactly what an unknown e-mail costs and counts, so neither timing nor the rate limit
    // tells a locked account from a missing one.
    await refuseUnchecked(deps, password, s.id, 'locked')
    return { ok: false }
  }
  if (!deps.crypto.verifyPassword(s.password_hash, password)) {
    await fail(deps, s, 'password', source, false)
    return { ok: false }
  }
  await refund(deps, STAFF_LOGIN_FAILURES, source)
  return { ok: true, id: s.id, enrolled: s.totp_secret_enc !== null }
}

/**
 * Refuse without checking the real password (unknown, disabled or locked account): the same
 * argon2id work against a dummy hash (the try was counted on entry), an audit row.
 */
async function refuseUnchecked(deps: Deps, password: string, actorId: string | null, step: string) {
  dummyHash ??= deps.crypto.hashPassword('not a password')
  deps.crypto.verifyPassword(dummyHash, password)
  await append(deps, { actorId, action: 'login_failed', data: { step } })
}

/**
 * Count a failure on the account (an atomic increment: parallel failures all count) and lock it
 * for a growing delay; `countSource` is false where the try was already consumed.
 */
async function fail(deps: Deps, s: StaffRow, step: string, source: string, countSource = true) {
  const row = await deps.sql.get<{ failed_logins: number }>(
    'UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins',
    s.id,
  )
  const n = row?.failed_logins ?? s.failed_logins + 1
  const delay = loginDelayMs(n)
  if (delay > 0) {
    await deps.sql.run(
      'UPDATE staff SET locked_until = MAX(COALESCE(locked_until, 0), ?) WHERE id = ?',
      deps.clock.now() + delay,
      s.id,
    )
  }
  if (countSource) await hit(deps, STAFF_LOGIN_FAILURES, source)
  await append(deps, { actorId: s.id, action: 'login_failed', data: { step, failures: n } })
}

/**
 * Step 2: the TOTP code, against the stored secret or (enrolment) the new one. A code is
 * accepted once. On success the failure count resets, and an enrolment stores the secret.
 */
export async function checkTotp(
  deps: Deps,
  staffId: string,
  code: string,
  source: string,
  enrolSecret?: string,
): Promise<boolean> {
  // Each code tried counts against the source's limit first (a right one gives it back).
  if (!(await consume(deps, STAFF_LOGIN_FAILURES, source))) return false
  const s = await deps.sql.get<StaffRow>(
    'SELECT * FROM staff WHERE id = ? AND disabled = 0',
    staffId,
  )
  if (!s) return false
  const now = deps.clock.now()
  if (s.locked_until && s.locked_until > now) return false
  if (enrolSecret === undefined && !s.totp_secret_enc) return false
  if (enrolSecret !== undefined && s.totp_secret_enc) {
    await fail(deps, s, 'enrol', source, false)
    return false
  }
  const secret = enrolSecret ?? deps.crypto.decryptText(s.totp_secret_enc!, `totp:${s.id}`)
  const step = matchTotp(secret, code, now)
  if (step === null || (s.totp_last_step !== null && step <= s.totp_last_step)) {
    await fail(deps, s, 'totp', source, false)
    return false
  }
  if (enrolSecret !== undefined) {
    // Enrolment never replaces a secret: not one stored since this sign-in began, nor one
    // enrolled by a concurrent sign-in (the UPDATE and its audit row apply only while none is).
    const none = {
      sql: 'EXISTS (SELECT 1 FROM staff WHERE id = ? AND totp_secret_enc IS NULL)',
      params: [s.id],
    }
    const [r] = await withAudit(
      deps,
      { actorId: s.id, action: 'totp_enrolled' },
      [
        stmt(
          `UPDATE staff SET totp_secret_enc = ?, totp_last_step = ?, failed_logins = 0,
           locked_until = NULL WHERE id = ? AND totp_secret_enc IS NULL`,
          deps.crypto.encrypt(enrolSecret, `totp:${s.id}`),
          step,
          s.id,
        ),
      ],
      none,
    )
    if (r?.changes !== 1) {
      await fail(deps, s, 'enrol', source, false)
      return false
    }
  } else {
    // A code is accepted once, even by two sign-ins racing with it.
    const r = await deps.sql.run(
      `UPDATE staff SET totp_last_step = ?, failed_logins = 0, locked_until = NULL
       WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
      step,
      s.id,
      step,
    )
    if (r.changes !== 1) {
      await fail(deps, s, 'totp', source, false)
      return false
    }
  }
  await refund(deps, STAFF_LOGIN_FAILURES, source)
  return true
}

/** The state between password and code: staff id, expiry, and the secret being enrolled. */
export interface Pending {
  id: string
  exp: number
  enrol?: string
}

/** Encrypt a pending state for a cookie. */
export function sealPending(deps: Deps, p: Pending): string {
  const blob = deps.crypto.encrypt(JSON.stringify(p), 'console:pending')
  return deps.sodium.to_base64(blob, deps.sodium.base64_variants.URLSAFE_NO_PADDING)
}

/** Open a pending state, or undefined when forged or expired. */
export function openPending(deps: Deps, value: string | undefined): Pending | undefined {
  if (!value || value.length > 1024) return undefined
  try {
    const blob = deps.sodium.from_base64(value, deps.sodium.base64_variants.URLSAFE_NO_PADDING)
    const p = JSON.parse(deps.crypto.decryptText(blob, 'console:pending')) as Pending
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
  await deps.sql.run('DELETE FROM staff_sessions WHERE expires_at <= ?', now)
  await deps.sql.run(
    'INSERT INTO staff_sessions (token_hash, staff_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    deps.crypto.blindIndex('session', `staff:${token}`),
    staffId,
    csrf,
    now,
    now + SESSION_MS,
  )
  await append(deps, { actorId: staffId, action: 'login' })
  return { token, csrf }
}

/** The actor a session cookie stands for, or undefined. */
export async function sessionActor(
  deps: Deps,
  token: string | undefined,
): Promise<Actor | undefined> {
  if (!token || token.length > 128) return undefined
  const row = await deps.sql.get<{ id: string; role: Role; email: string; csrf: string }>(
    `SELECT s.id, s.role, s.email, ss.csrf FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
     WHERE ss.token_hash = ? AND ss.expires_at > ? AND s.disabled = 0`,
    deps.crypto.blindIndex('session', `staff:${token}`),
    deps.clock.now(),
  )
  return row
    ? { id: row.id, role: row.role, email: row.email, via: 'session', csrf: row.csrf }
    : undefined
}

/** End a session (logout). */
export async function endSession(deps: Deps, token: string, staffId: string): Promise<void> {
  await deps.sql.run(
    'DELETE FROM staff_sessions WHERE token_hash = ?',
    deps.crypto.blindIndex('session', `staff:${token}`),
  )
  await append(deps, { actorId: staffId, action: 'logout' })
}

/** The actor an API token stands for, or undefined (unknown, revoked, or account disabled). */
export async function tokenActor(
  deps: Deps,
  token: string | undefined,
): Promise<Actor | undefined> {
  if (!token || !token.startsWith('hl_') || token.length > 128) return undefined
  const row = await deps.sql.get<{ id: string; role: Role; email: string }>(
    `SELECT s.id, s.role, s.email FROM api_tokens t JOIN staff s ON s.id = t.staff_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND s.disabled = 0`,
    deps.crypto.blindIndex('token', token),
  )
  return row ? { id: row.id, role: row.role, email: row.email, via: 'token' } : undefined
}
