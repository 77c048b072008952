/**
 * @module channels/web/follow-up-view
 * After the receipt is entered (POST), the browser is sent (303) to /{lang}/follow-up/case, a
 * page whose URL holds nothing: Back and Reload never resend a form, and the receipt is never in
 * a URL, a history entry or a Referer. What lets that page find the case is a short-lived cookie
 * holding the receipt encrypted with a server key (AEAD; a forged or stale one opens nothing):
 * HttpOnly, SameSite=Strict, Secure in production, only for /{lang}/follow-up, 30 minutes, and
 * cleared by "Close my report". It is the one cookie a reporter ever gets (design §4: none beyond
 * what a follow-up needs).
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../../deps.js'
import { normaliseReceipt } from '../../privacy/crypto.js'

export const VIEW_MS = 30 * 60_000
const NAME = 'hl_followup'
const AAD = 'web:follow-up-view'

const options = (c: Context<AppEnv>, lang: string) => ({
  httpOnly: true,
  sameSite: 'Strict' as const,
  secure: c.get('deps').config.env === 'production',
  path: `/${lang}/follow-up`,
})

/** Remember the receipt for the case page (after a right receipt only). */
export function rememberReceipt(c: Context<AppEnv>, lang: string, receipt: string) {
  const deps = c.get('deps')
  const value = deps.crypto.encryptToken(
    JSON.stringify({ r: normaliseReceipt(receipt), exp: deps.clock.now() + VIEW_MS }),
    AAD,
  )
  setCookie(c, NAME, value, { ...options(c, lang), maxAge: VIEW_MS / 1000 })
}

/** The remembered receipt, or undefined (none, forged or expired). */
export function rememberedReceipt(c: Context<AppEnv>): string | undefined {
  const value = getCookie(c, NAME)
  if (!value || value.length > 512) return undefined
  const deps = c.get('deps')
  try {
    const v = JSON.parse(deps.crypto.decryptToken(value, AAD)) as { r?: unknown; exp?: unknown }
    if (typeof v.r !== 'string' || typeof v.exp !== 'number' || v.exp <= deps.clock.now()) return undefined
    return v.r
  } catch {
    return undefined
  }
}

export function forgetReceipt(c: Context<AppEnv>, lang: string) {
  deleteCookie(c, NAME, options(c, lang))
}
