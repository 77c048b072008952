/**
 * @module middleware/language
 * Picks the visitor's language: the path prefix (/es/…), then Accept-Language, then English.
 * Sets `lang` and a fixed `t` for the request.
 */
import { createMiddleware } from 'hono/factory'
import { languageDetector } from 'hono/language'
import type { AppEnv } from '../deps.js'
import { isLang, LANGS, tFor } from '../i18n/index.js'

const detect = languageDetector({
  order: ['path', 'header'],
  lookupFromPathIndex: 0,
  supportedLanguages: [...LANGS],
  fallbackLanguage: 'en',
  caches: false,
  ignoreCase: true,
  convertDetectedLanguage: (l) => l.slice(0, 2).toLowerCase(),
})

export const language = createMiddleware<AppEnv>(async function language(c, next) {
  await detect(c, async () => {
    const l = c.get('language')
    const lang = isLang(l) ? l : 'en'
    c.set('lang', lang)
    c.set('t', tFor(lang))
    await next()
  })
})
