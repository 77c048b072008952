/** @jsxImportSource hono/jsx */
/**
 * @module console/routes
 * Staff console pages under /console/ and the staff JSON API (/api/v1/cases…).
 * The console's language: `?lang=` (remembered in a cookie), then the cookie, then
 * Accept-Language.
 */
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../deps.js'
import { isLang, tFor } from '../i18n/index.js'
import { staffApi } from './api.js'
import { authRoutes } from './auth-routes.js'
import { custodianPages } from './custodian.js'
import { casePages } from './pages.js'
import { staffPages } from './staff.js'
import { CONSOLE_CSS } from './views/styles.js'

export const consoleRoutes = new Hono<AppEnv>()

const consolePages = new Hono<AppEnv>()
consolePages.use(async function consoleLanguage(c, next) {
  const q = c.req.query('lang')
  const chosen = isLang(q) ? q : getCookie(c, 'hl_console_lang')
  if (isLang(q))
    setCookie(c, 'hl_console_lang', q, {
      path: '/console',
      sameSite: 'Strict',
      httpOnly: true,
      maxAge: 31_536_000,
    })
  if (isLang(chosen)) {
    c.set('lang', chosen)
    c.set('t', tFor(chosen))
  }
  await next()
})
consolePages.get('/assets/console.css', (c) => {
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
})
consolePages.route('/', authRoutes)
consolePages.route('/', casePages)
consolePages.route('/', custodianPages)
consolePages.route('/', staffPages)

consoleRoutes.route('/console', consolePages)
consoleRoutes.route('/api/v1', staffApi)
