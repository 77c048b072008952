/**
 * @module staff/totp
 * TOTP second factor (RFC 6238: SHA-1, 6 digits, 30-second steps), through `otpauth`, and the
 * enrolment QR code as inline SVG, through `uqr`. Both are pure JavaScript and run on Workers.
 * Time comes from the caller (deps.clock), so tests can compute codes for a fake clock.
 */
import { Secret, TOTP } from 'otpauth'
import { renderSVG } from 'uqr'

export const TOTP_PERIOD_S = 30
const ISSUER = 'Hotline'

/** A new 160-bit secret (RFC 4226 §4) from the given random bytes, as base32. */
export function newTotpSecret(random: Uint8Array): string {
  if (random.length < 20) throw new Error('a TOTP secret needs 20 random bytes')
  return new Secret({ buffer: random.slice(0, 20).buffer }).base32
}

function totp(secretB32: string, label = 'staff'): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: TOTP_PERIOD_S,
    secret: Secret.fromBase32(secretB32),
  })
}

/** The otpauth:// URI an authenticator app reads from the QR code. */
export function totpUri(secretB32: string, email: string): string {
  return totp(secretB32, email).toString()
}

/** The enrolment QR code as an SVG string (no script, no external reference). */
export function totpQrSvg(secretB32: string, email: string): string {
  return renderSVG(totpUri(secretB32, email), { border: 2, pixelSize: 6 })
}

/** The code for a time (tests, and nothing else, need this). */
export function totpCode(secretB32: string, atMs: number): string {
  return totp(secretB32).generate({ timestamp: atMs })
}

/**
 * The 30-second step that `code` matches at `nowMs`, allowing one step of clock drift either way,
 * or null. Callers refuse a step not greater than the last accepted one (no replay).
 */
export function matchTotp(secretB32: string, code: string, nowMs: number): number | null {
  const token = code.replace(/\s+/g, '')
  if (!/^\d{6}$/.test(token)) return null
  const delta = totp(secretB32).validate({ token, timestamp: nowMs, window: 1 })
  if (delta === null) return null
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_S) + delta
}
