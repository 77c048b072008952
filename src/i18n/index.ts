/**
 * @module i18n
 * i18next, initialised once and synchronously from the imported locale files.
 * Web pages pick the language from the path prefix, then Accept-Language; SMS and voice pass
 * the conversation's language explicitly.
 */
import i18next, { type TFunction } from 'i18next'
import { NAMESPACES, resources } from './resources.js'

import { LANGS, type Lang } from './languages.js'

// The languages come from the registry (locales/languages.json).
export { isLang, LANG_PARAM, LANGS, type Lang } from './languages.js'
export type { TFunction }

const i18n = i18next.createInstance()
void i18n.init({
  resources,
  ns: NAMESPACES,
  defaultNS: 'common',
  lng: 'en',
  fallbackLng: false,
  supportedLngs: [...LANGS],
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
})

const fixed = new Map<Lang, TFunction>()

/** The translation function for one language (keys as `ns:key` or default namespace `common`). */
export function tFor(lang: Lang): TFunction {
  let t = fixed.get(lang)
  if (!t) fixed.set(lang, (t = i18n.getFixedT(lang)))
  return t
}

/** The locale files' own service names, kept so that a deployment without a name gets them back. */
const defaultNames = new Map<Lang, string>(LANGS.map((l) => [l, i18n.getResource(l, 'common', 'site.name') as string]))

/**
 * The service's name per language for this deployment (SERVICE_NAME_EN/_ES/_FR, docs/language.md):
 * set once per process by buildDeps; a language without one keeps the locale file's name.
 */
export function setServiceNames(names: Partial<Record<Lang, string>>): void {
  for (const l of LANGS) i18n.addResource(l, 'common', 'site.name', names[l] ?? defaultNames.get(l)!)
}
