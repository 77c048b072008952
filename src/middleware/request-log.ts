/**
 * @module middleware/request-log
 * One line per request: method, matched route pattern (never the raw URL or query), status, time.
 * No IP address, no header, no body.
 */
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps.js'

export const requestLog = createMiddleware<AppEnv>(async function requestLog(c, next) {
  const started = Date.now()
  await next()
  c.get('deps').log.info('request', {
    method: c.req.method,
    route: c.req.routePath,
    status: c.res.status,
    ms: Date.now() - started,
  })
})
