/** @jsxImportSource hono/jsx */
/**
 * @module routes/public
 * Health check, the stylesheet, the language chooser at `/` and each language's landing page.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../deps.js'
import { isLang, LANG_PARAM } from '../i18n/index.js'
import { ChooserPage, LandingPage } from '../views/landing.js'
import { APP_CSS } from '../views/styles.js'

export const publicRoutes = new Hono<AppEnv>()

publicRoutes.get('/health', (c) => c.json({ status: 'ok' }))

publicRoutes.get('/assets/app.css', (c) => {
  c.header('Cache-Control', 'public, max-age=3600')
  return c.body(APP_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' })
})

publicRoutes.get('/', (c) => c.html(<ChooserPage lang={c.get('lang')} />))

publicRoutes.get(`/${LANG_PARAM}`, (c) => c.redirect(`/${c.req.param('lang')}/`, 301))

publicRoutes.get(`/${LANG_PARAM}/`, (c) => {
  const lang = c.req.param('lang')
  if (!isLang(lang)) return c.notFound()
  return c.html(<LandingPage lang={lang} t={c.get('t')} />)
})
