/**
 * @module channels/web/csrf
 * CSRF protection for the reporter's forms, without cookies. Two checks:
 * - the request's origin: a foreign `Origin` or a cross-site `Sec-Fetch-Site` is refused, while a
 *   missing or `null` Origin is tolerated (Tor Browser may strip it, and browsers send `null` on a
 *   POST from a page with `Referrer-Policy: no-referrer`);
 * - a signed form token: random nonce + expiry + keyed MAC (the `token` key of DATA_KEY), bound to
 *   one form. The nonce doubles as the idempotency key of what the form files.
 */
import type { Context } from 'hono'
import type { AppEnv, Deps } from '../../deps.js'
import { equalStrings } from '../../privacy/crypto.js'

/** The forms a token can be used for; a token made for one is refused by another. */
export type FormKind = 'report' | 'follow-up' | 'reply' | 'withdraw' | 'attach'

/** How long a rendered form stays valid: a worker may write slowly, or come back the next day. */
export const TOKEN_TTL_MS = 24 * 3_600_000

/** A freshly signed token for a form: `<nonce>.<expiry base36>.<mac>`. */
export function issueToken(deps: Deps, form: FormKind): string {
  const nonce = deps.crypto.randomToken(16)
  const exp = (deps.clock.now() + TOKEN_TTL_MS).toString(36)
  return `${nonce}.${exp}.${mac(deps, form, nonce, exp)}`
}

/** The outcome of `checkToken`. */
export type TokenCheck =
  { ok: true; nonce: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' }

/** Check a submitted token for this form; on success returns its nonce (the idempotency key). */
export async function checkToken(
  deps: Deps,
  form: FormKind,
  token: unknown,
): Promise<TokenCheck> {
  if (typeof token !== 'string' || token === '') return { ok: false, reason: 'missing' }
  const parts = token.split('.')
  if (parts.length !== 3 || token.length > 200) return { ok: false, reason: 'invalid' }
  const [nonce, exp, sig] = parts as [string, string, string]
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || !/^[0-9a-z]{1,12}$/.test(exp)) {
    return { ok: false, reason: 'invalid' }
  }
  if (!equalStrings(sig, mac(deps, form, nonce, exp))) return { ok: false, reason: 'invalid' }
  const expiry = parseInt(exp, 36)
  const now = deps.clock.now()
  if (expiry <= now || expiry > now + TOKEN_TTL_MS + 60_000) return { ok: false, reason: 'expired' }
  return { ok: true, nonce }
}

function mac(deps: Deps, form: FormKind, nonce: string, exp: string): string {
  return deps.crypto.blindIndex('token', `form\u0000${form}\u0000${nonce}\u0000${exp}`)
}

/**
 * True when the request may come from one of our own pages. A foreign Origin, or a
 * `Sec-Fetch-Site` of `cross-site`/`same-site`, is refused; a missing or `null` Origin passes
 * (the token then carries the check). Behind a TLS-terminating proxy the request URL's scheme may
 * differ from the browser's, so the Origin's host is also compared with the Host header and with
 * PUBLIC_BASE_URL.
 */
export function sameOriginRequest(c: Context<AppEnv>): boolean {
  const site = c.req.header('sec-fetch-site')
  if (site && site !== 'same-origin' && site !== 'none') return false
  const origin = c.req.header('origin')
  if (!origin || origin === 'null') return true
  let claimed: URL
  try {
    claimed = new URL(origin)
  } catch {
    return false
  }
  const own = new URL(c.req.url)
  if (claimed.origin === own.origin) return true
  const host = c.req.header('host')
  if (host && claimed.host === host) return true
  try {
    return claimed.origin === new URL(c.get('deps').config.publicBaseUrl).origin
  } catch {
    return false
  }
}
