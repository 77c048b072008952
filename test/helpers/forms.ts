/**
 * @module test/helpers/forms
 * Posting the reporter's HTML forms through the app, as a browser without JavaScript would.
 */
import type { TestRuntime } from './runtime.js'
import { LANGS } from '../../src/i18n/languages.js'

export type Fields = Record<string, string | string[]>

/** The form token in a rendered page (the first one, or the one of the form posting to `action`). */
export function tokenIn(html: string, action?: string): string {
  const scope = action ? html.slice(html.indexOf(`action="${action}"`)) : html
  const m = /name="token" value="([^"]+)"/.exec(scope)
  if (!m) throw new Error('no form token in page')
  return m[1]!
}

/** A page's HTML and its form token. */
export async function getForm(
  rt: TestRuntime,
  path: string,
): Promise<{ html: string; token: string }> {
  const res = await rt.app.request(path)
  const html = await res.text()
  return { html, token: tokenIn(html) }
}

/**
 * POST an urlencoded form (repeated keys for arrays). Like a browser, it follows the 303 that a
 * follow-up form answers with (to /{lang}/follow-up/case, carrying the cookie it set), so the
 * response is the page the reporter sees; `follow: false` returns the 303 itself.
 */
export async function postForm(
  rt: TestRuntime,
  path: string,
  fields: Fields,
  headers: Record<string, string> = {},
  opts: { follow?: boolean } = {},
): Promise<Response> {
  const body = new URLSearchParams()
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
  const res = await rt.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: body.toString(),
  })
  return opts.follow === false ? res : followToCase(rt, res, headers)
}

/**
 * A browser's next step after a follow-up form: the 303 to /{lang}/follow-up/case, with the
 * cookie the POST set (anything else comes back as it is).
 */
export async function followToCase(rt: TestRuntime, res: Response, headers: Record<string, string> = {}): Promise<Response> {
  const to = res.headers.get('location')
  if (res.status !== 303 || !to || !new RegExp(`^/(${LANGS.join('|')})/follow-up/case`).test(to)) return res
  const cookie = res.headers
    .getSetCookie()
    .map((l) => l.split(';')[0]!)
    .join('; ')
  return rt.app.request(to, { headers: { ...headers, ...(cookie ? { cookie } : {}) } })
}

/** A complete, valid report as the form sends it. */
export const VALID_REPORT: Fields = {
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Bajío',
  facility: 'Planta 2',
  location: 'Silao',
  rights: ['freedom_of_association', 'wages'],
  description: 'Despidieron a 12 compañeros por apoyar al sindicato independiente.',
  occurredOn: 'earlier',
  occurredDate: '2026-03-15',
  workersAffected: '12',
  retaliationFeared: 'yes',
  authoritiesNotified: 'no',
}

/** The text of the element with this id (tags stripped), or undefined. */
export function textOf(html: string, id: string): string | undefined {
  const m = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(html)
  return m?.[1]?.replace(/<[^>]+>/g, '').trim()
}

/** Decode the few entities hono/jsx escapes. */
export const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
