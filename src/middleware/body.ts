/**
 * @module middleware/body
 * Request-body helpers shared by every route: a size limit that answers with the translated 413,
 * and a JSON object reader that answers malformed input with the translated 400.
 */
import type { Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { AppError } from '../errors.js'

/** Refuse bodies over `maxSize` bytes with AppError('too_large'). */
export function limitBody(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('too_large')
    },
  })
}

/** The request's JSON body, which must be an object; otherwise AppError('bad_request'). */
export async function jsonObject(c: Context): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await c.req.json()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    // malformed JSON: refused below
  }
  throw new AppError('bad_request')
}
