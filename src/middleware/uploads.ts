/**
 * @module middleware/uploads
 * The body ceiling of evidence uploads: a multipart POST to one of the upload paths may be as
 * large as its files allow (evidence/limits.ts, UPLOAD_BODY_MAX); every other request keeps the
 * ceiling it is given.
 */
import type { Context, MiddlewareHandler } from 'hono'
import { UPLOAD_BODY_MAX } from '../evidence/limits.js'
import { limitBody, mediaType } from './body.js'
import { LANGS } from '../i18n/languages.js'

/** The paths whose multipart bodies may carry files (exempt from the app's 256 KB ceiling). */
const UPLOAD_PATHS = [
  new RegExp(`^/(${LANGS.join('|')})/report/?$`),
  new RegExp(`^/(${LANGS.join('|')})/follow-up/attachments/?$`),
  /^\/api\/v1\/follow-up\/attachments\/?$/,
  /^\/api\/v1\/cases\/[^/]+\/attachments\/?$/,
  /^\/console\/cases\/[^/]+\/attachments\/?$/,
]

/** A POST of multipart/form-data to one of the upload paths. */
export const isUpload = (c: Context) =>
  c.req.method === 'POST' && mediaType(c) === 'multipart/form-data' && UPLOAD_PATHS.some((p) => p.test(c.req.path))

const uploadLimit = limitBody(UPLOAD_BODY_MAX)

/**
 * The app's body ceiling, except for uploads, which get UPLOAD_BODY_MAX instead (src/app.ts
 * wraps its ceiling in this).
 */
export function exceptUploads(ceiling: MiddlewareHandler): MiddlewareHandler {
  return (c, next) => (isUpload(c) ? uploadLimit(c, next) : ceiling(c, next))
}
