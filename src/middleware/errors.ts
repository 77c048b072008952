/**
 * @module middleware/errors
 * The one error handler: AppErrors become translated JSON (API) or a small page (HTML);
 * anything else is logged by name only and answered with a generic 500. Nothing the visitor
 * sent is echoed into a log.
 */
import type { Context, ErrorHandler } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { AppEnv } from '../deps.js'
import { AppError, MESSAGE_KEY, type ErrorCode } from '../errors.js'
import { tFor } from '../i18n/index.js'
import { errorPage } from '../views/error-page.js'

const wantsJson = (c: Context) =>
  c.req.path.startsWith('/api/') || (c.req.header('accept') ?? '').includes('application/json')

/** Render an error for this request in its language. */
export function renderError(c: Context<AppEnv>, err: AppError) {
  const t = c.get('t') ?? tFor('en')
  const message = t(MESSAGE_KEY[err.code])
  if (!wantsJson(c)) return c.html(errorPage(c.get('lang') ?? 'en', message), err.status)
  const fields = err.fields
    ? Object.fromEntries(
        Object.entries(err.fields).map(([k, f]) => [k, t(f.key, f.params ?? {}) as string]),
      )
    : undefined
  return c.json({ error: { code: err.code, message, ...(fields ? { fields } : {}) } }, err.status)
}

export const handleError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof AppError) return renderError(c, err)
  if (err instanceof HTTPException) {
    const code: ErrorCode =
      err.status === 413 ? 'too_large' : err.status === 404 ? 'not_found' : err.status === 403 ? 'forbidden' : 'bad_request'
    return renderError(c, new AppError(err.status >= 500 ? 'server' : code))
  }
  c.get('deps')?.log.error('unhandled', { name: err?.name ?? 'Error', path: c.req.routePath })
  return renderError(c, new AppError('server'))
}
