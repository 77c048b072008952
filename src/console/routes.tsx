/**
 * @module console/routes
 * What every console page shares: the console's language and its stylesheet. The pages
 * themselves (auth, queue and cases, custodian, staff) and the staff JSON API are mounted by
 * createApp (src/app.ts), which shows every prefix.
 * The console's language: `?lang=` (remembered in a cookie), then the cookie, then
 * Accept-Language.
 */
import { Hono } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../deps.js'
import { isLang, tFor } from '../i18n/index.js'
import { CONSOLE_CSS } from './views/styles.js'
import { PACKAGE_CSS } from '../escalation/export.js'

/** For every /console route: `?lang=` or the remembered choice overrides Accept-Language. */
export const consoleLanguage = createMiddleware<AppEnv>(async function consoleLanguage(c, next) {
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

/** Mounted at /console/assets by createApp. */
export const consoleAssets = new Hono<AppEnv>()

consoleAssets.get('/console.css', (c) => {
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(CONSOLE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
})

/** The print stylesheet of exported escalation packages (escalation/export.ts). */
consoleAssets.get('/package.css', (c) => {
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(PACKAGE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
})
