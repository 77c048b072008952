/**
 * @module staff/enrolment
 * One-time TOTP enrolment codes. An account without a TOTP secret (new, or reset by an admin)
 * binds an authenticator only with the code that `staff add`, `staff totp reset`, `seed demo` or
 * the admin's staff page printed for it: a leaked or guessed password alone never lets someone
 * else enrol their own authenticator and get a full session.
 * Only a keyed hash of the code is stored (the token subkey, bound to the account), with an
 * expiry; the enrolment that succeeds clears it in the same statement that stores the secret.
 */
import { Secret } from 'otpauth'
import type { Deps } from '../deps.js'
import type { Statement } from '../store/port.js'
import { setEnrolCode } from '../store/staff.js'

/** How long an enrolment code stays valid. */
export const ENROL_CODE_MS = 7 * 86_400_000

/** A new code: 80 random bits as 16 base32 characters, shown in groups of four. */
export function newEnrolCode(random: Uint8Array): string {
  if (random.length < 10) throw new Error('an enrolment code needs 10 random bytes')
  const b32 = new Secret({ buffer: random.slice(0, 10).buffer }).base32
  return b32.replace(/(.{4})(?=.)/g, '$1-')
}

/** What the person typed, as the code was generated: upper case, no spaces or dashes. */
export function normaliseEnrolCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/g, '')
}

/** The keyed hash stored for an account's code. */
export function enrolCodeHash(deps: Deps, staffId: string, code: string): string {
  return deps.crypto.blindIndex('token', `enrol\u0000${staffId}\u0000${normaliseEnrolCode(code)}`)
}

/**
 * A fresh code for an account and the statement that stores its hash and expiry (replacing any
 * earlier code), to run in the caller's batch.
 */
export function enrolCodeStatement(deps: Deps, staffId: string): { code: string; statement: Statement } {
  const code = newEnrolCode(deps.crypto.randomBytes(10))
  return {
    code,
    statement: setEnrolCode(staffId, enrolCodeHash(deps, staffId, code), deps.clock.now() + ENROL_CODE_MS),
  }
}
