/**
 * @module console/middleware
 * Who is calling a staff route, and may they. Pages authenticate with the session cookie
 * (HttpOnly, SameSite=Strict, Secure and `__Host-` in production); the JSON API also accepts
 * `Authorization: Bearer hl_…`. Every state-changing request made with a session carries the
 * session's CSRF token (hidden `_csrf` field, or `X-CSRF-Token` header for JSON).
 */
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { timingSafeEqual } from 'hono/utils/buffer'
import type { Actor } from '../cases/scope.js'
import type { AppEnv } from '../deps.js'
import { AppError } from '../errors.js'
import { formFields } from '../middleware/body.js'
import type { Role } from '../staff/accounts.js'
import { PENDING_MS, SESSION_MS, sessionActor, tokenActor } from '../staff/auth.js'

export type ConsoleEnv = { Variables: AppEnv['Variables'] & { actor: Actor } }

const prod = (c: Context<ConsoleEnv>) => c.get('deps').config.env === 'production'

/** Cookie names: `__Host-` prefixed (Secure, path /, no domain) in production. */
export const cookieName = (c: Context<ConsoleEnv>, base: 'staff' | 'pending') =>
  prod(c) ? `__Host-hl_${base}` : `hl_${base}`

function cookieOptions(c: Context<ConsoleEnv>, maxAgeMs: number) {
  return {
    httpOnly: true,
    sameSite: 'Strict' as const,
    secure: prod(c),
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  }
}

export function setSessionCookie(c: Context<ConsoleEnv>, token: string) {
  setCookie(c, cookieName(c, 'staff'), token, cookieOptions(c, SESSION_MS))
}
export function setPendingCookie(c: Context<ConsoleEnv>, value: string) {
  setCookie(c, cookieName(c, 'pending'), value, cookieOptions(c, PENDING_MS))
}
export function clearCookie(c: Context<ConsoleEnv>, base: 'staff' | 'pending') {
  deleteCookie(c, cookieName(c, base), { path: '/', secure: prod(c) })
}
export const sessionToken = (c: Context<ConsoleEnv>) => getCookie(c, cookieName(c, 'staff'))
export const pendingCookie = (c: Context<ConsoleEnv>) => getCookie(c, cookieName(c, 'pending'))

async function resolveActor(
  c: Context<ConsoleEnv>,
  allowToken: boolean,
): Promise<Actor | undefined> {
  const deps = c.get('deps')
  const auth = c.req.header('authorization')
  if (auth !== undefined) {
    if (!allowToken) return undefined
    const m = /^Bearer\s+(\S+)$/i.exec(auth)
    return tokenActor(deps, m?.[1])
  }
  return sessionActor(deps, sessionToken(c))
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Require a signed-in staff member with one of `roles`. Pages without a session are redirected to
 * the login page; the API answers 401. A wrong role is 403. Session requests that change state
 * must carry the CSRF token.
 */
export function requireStaff(roles: readonly Role[], kind: 'page' | 'api') {
  return createMiddleware<ConsoleEnv>(async (c, next) => {
    const actor = await resolveActor(c, kind === 'api')
    if (!actor) {
      if (kind === 'page') return c.redirect('/console/login', 303)
      throw new AppError('unauthorized')
    }
    if (!roles.includes(actor.role)) throw new AppError('forbidden')
    if (actor.via === 'session' && UNSAFE.has(c.req.method)) {
      let sent = c.req.header('x-csrf-token')
      if (sent === undefined && kind === 'page') {
        sent = await field(c, '_csrf')
      }
      // Constant time: Hono compares SHA-256 digests, then the strings without an early exit.
      if (!sent || !actor.csrf || !(await timingSafeEqual(sent, actor.csrf)))
        throw new AppError('forbidden')
    }
    c.set('actor', actor)
    await next()
  })
}

/** All values of a form field (repeated checkboxes); a malformed body is a 400 (`formFields`). */
export async function fields(c: Context, name: string): Promise<string[]> {
  return (await formFields(c))[name] ?? []
}

/** A form field as a trimmed string ('' when absent). */
export async function field(c: Context, name: string): Promise<string> {
  return ((await fields(c, name))[0] ?? '').trim()
}
