/**
 * @module middleware/body
 * Request-body helpers shared by every route: a size limit that answers with the translated 413,
 * and readers for JSON and form bodies that refuse what they cannot read with a translated 4xx
 * (400 for a malformed body, 415 for JSON sent as something else) instead of letting a parser's
 * TypeError or RangeError become a 500.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../errors.js'

/**
 * Refuse bodies over `maxSize` bytes with AppError('too_large'). A body with a Content-Length
 * (and no Transfer-Encoding) is judged by that header, as hono's bodyLimit does, but without
 * touching `c.req.raw.body`: on Node that getter builds a WHATWG Request and stream around the
 * socket (a visible share of every intake's CPU), where reading the body later takes
 * @hono/node-server's direct path. The HTTP parser holds the body to its Content-Length.
 * Other bodies (chunked) go through hono's bodyLimit, which counts them as they are read.
 */
export function limitBody(maxSize: number): MiddlewareHandler {
  const counted = bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('too_large')
    },
  })
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next()
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return counted(c, next)
    if (parseInt(length, 10) > maxSize) throw new AppError('too_large')
    return next()
  }
}

/**
 * JSON nested deeper than this is refused. No request shape comes near it (the intake's deepest
 * field is `contact.name`), and code that walks a body recursively (the Idempotency-Key's
 * canonical form) would overflow the stack on `[[[…]]]` 20,000 levels deep.
 */
export const MAX_JSON_DEPTH = 16

/** The request's media type, lower case, without parameters ('' when absent). */
export const mediaType = (c: Context): string =>
  (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()

// fatal: bytes that are not UTF-8 are refused, never silently replaced by U+FFFD.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false })

/** The body as strict UTF-8 text; AppError('bad_request') when it is not. */
async function bodyText(c: Context): Promise<string> {
  try {
    return utf8.decode(await c.req.arrayBuffer())
  } catch {
    throw new AppError('bad_request')
  }
}

/** True when no object or array in `value` is nested deeper than `max` (walked without recursion). */
function withinDepth(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]]
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [v, depth] = top
    if (!v || typeof v !== 'object') continue
    if (depth > max) return false
    for (const child of Object.values(v)) stack.push([child, depth + 1])
  }
  return true
}

/**
 * The request's JSON body, which must be an object sent as `application/json` in UTF-8 and nested
 * at most MAX_JSON_DEPTH deep. Otherwise AppError('unsupported_type') or AppError('bad_request').
 */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  if (mediaType(c) !== 'application/json') throw new AppError('unsupported_type')
  const text = await bodyText(c)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new AppError('bad_request')
  }
  if (!body || typeof body !== 'object' || Array.isArray(body) || !withinDepth(body, MAX_JSON_DEPTH)) {
    throw new AppError('bad_request')
  }
  return body as Record<string, unknown>
}

/** A text form's fields: every value of each name, in order (files are dropped). */
export type FormFields = Record<string, string[]>

/**
 * The fields of an urlencoded or multipart form, read strictly: a body that is not UTF-8, a
 * malformed percent-escape, or a multipart body that does not parse is AppError('bad_request').
 * Any other content type has no fields (`{}`): each caller then refuses what is missing. For
 * forms of text only: a route that takes files reads its body otherwise.
 */
export async function formFields(c: Context): Promise<FormFields> {
  const type = mediaType(c)
  if (type !== 'application/x-www-form-urlencoded' && type !== 'multipart/form-data') return {}
  // A multipart body may carry files (evidence): its text fields are checked one by one below.
  const text = type === 'multipart/form-data' ? '' : await bodyText(c)
  if (type === 'application/x-www-form-urlencoded') {
    // URLSearchParams repairs `%E9` or `%zz` silently; decodeURIComponent refuses them.
    try {
      decodeURIComponent(text.replace(/\+/g, ' '))
    } catch {
      throw new AppError('bad_request')
    }
  }
  let parsed: Record<string, unknown>
  try {
    // `all: true` always: Hono caches the first parse of a body, whatever its options.
    parsed = await c.req.parseBody({ all: true })
  } catch {
    throw new AppError('bad_request')
  }
  // No prototype: a field named `__proto__` stays a field.
  const out: FormFields = Object.create(null)
  for (const [name, v] of Object.entries(parsed)) {
    const list = (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string')
    // A multipart text field that was not UTF-8 was decoded with U+FFFD: refuse it like the rest.
    if (type === 'multipart/form-data' && list.some((x) => x.includes('\uFFFD'))) throw new AppError('bad_request')
    if (list.length > 0) out[name] = list
  }
  return out
}
