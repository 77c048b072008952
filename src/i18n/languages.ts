/**
 * @module i18n/languages
 * The one registry of the hotline's languages: `locales/languages.json` (data), checked here
 * with a schema. Everything per language derives from it: the `Lang` type (its codes are
 * written into `lang-codes.ts` by `npm run languages`; `test/languages.test.ts` fails when that
 * file is stale), the route pattern of the reporter's pages, the SMS menu and language words,
 * the text-to-speech voice, the scripts and the tests. Adding a language is data: see
 * docs/redaction.md, "Adding a language".
 */
import { z } from 'zod'
import data from '../../locales/languages.json' with { type: 'json' }
import { LANG_CODES } from './lang-codes.js'

/** Language codes, in menu order. */
export const LANGS = LANG_CODES
export type Lang = (typeof LANGS)[number]

const words = z.array(z.string().regex(/^[a-z0-9' ]+$/, 'folded words: lower case, no accents')).min(1)

/** The shape of one entry of `locales/languages.json`. */
export const LanguageSchema = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}$/),
  /** The language's own name, as the menu shows it. */
  name: z.string().min(1),
  /** Twilio `<Say>` attributes for this language. */
  speech: z.strictObject({ language: z.string().min(2), voice: z.string().min(1) }),
  sms: z.strictObject({
    /** Words that name the language, in any language (ESPAÑOL, SPANISH, ESPAGNOL): a switch. */
    names: words,
    /** Greetings that pick the language as a first message. */
    greetings: words,
    /** Frequent words of this language only, to recognise free text. */
    markers: words,
  }),
})
export const RegistrySchema = z.strictObject({
  _about: z.string().optional(),
  languages: z.array(LanguageSchema).min(1),
})

export type Language = z.infer<typeof LanguageSchema> & { code: Lang }

/** The registry, in menu order. */
export const LANGUAGES: readonly Language[] = RegistrySchema.parse(data).languages as Language[]

/** The path parameter of a reporter's page: `/:lang{(en|es|fr)}`, from the registry. */
export const LANG_PARAM = `:lang{(${LANGS.join('|')})}`

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v)
}

/** The registry entry of a language. */
export function language(code: Lang): Language {
  return LANGUAGES.find((l) => l.code === code) as Language
}

/** One value per language, built from the registry (a `Record<Lang, T>` with every language). */
export function perLang<T>(make: (l: Language) => T): Record<Lang, T> {
  return Object.fromEntries(LANGUAGES.map((l) => [l.code, make(l)])) as Record<Lang, T>
}
