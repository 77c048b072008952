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

const folded = z.array(z.string().regex(/^[a-z0-9' ]+$/, 'folded words: lower case, no accents'))
const words = folded.min(1)

/** The shape of one entry of `locales/languages.json`. */
export const LanguageSchema = z.strictObject({
  code: z.string().regex(/^[a-z]{2,3}$/),
  /** The language's own name, as the menu shows it. */
  name: z.string().min(1),
  /** BCP 47 locale for dates shown to a reporter (`Intl.DateTimeFormat`). */
  locale: z.string().regex(/^[a-z]{2,3}-[A-Z]{2}$/),
  /** The case's country when a call comes in on a number whose country the catalog lacks. */
  defaultCountry: z.string().regex(/^[A-Z]{2}$/),
  /** Twilio `<Say>` attributes for this language. */
  speech: z.strictObject({ language: z.string().min(2), voice: z.string().min(1) }),
  /**
   * Shorthand a reporter of this language writes, folded word → folded words (`pq` → `porque`),
   * written out before the rights classifier reads the text (routing/classify.ts). English
   * contractions without the apostrophe (`dont`) belong to every language where they are not
   * a word (not French: `dont`).
   */
  spellings: z.record(z.string().regex(/^[a-z0-9]+$/), z.string().regex(/^[a-z0-9 ]+$/)),
  /**
   * SMS and WhatsApp words, folded (docs/sms.md). Twilio's carrier keywords (STOP, START, HELP…)
   * are not here: they are fixed by Twilio (channels/sms/keywords.ts). A word here implies its
   * language, except yes, no and finish words, which only answer a question.
   */
  sms: z.strictObject({
    /** Words that name the language, in any language (ESPAÑOL, SPANISH, ESPAGNOL): a switch. */
    names: words,
    /** Greetings that pick the language as a first message. */
    greetings: words,
    /** Frequent words of this language only, to recognise free text. */
    markers: words,
    /** Opt-out words besides Twilio's (ALTO, ARRÊT); may be empty. */
    optOut: folded,
    /** Words that opt back in after an opt-out (HOLA): the help and opt-out texts name one of them. */
    optIn: words,
    /** Help words besides Twilio's HELP and INFO (AYUDA); may be empty. */
    help: folded,
    /** Status words, followed by a receipt (ESTADO); may be empty when the shared word is this language's. */
    status: folded,
    /** Withdrawing consent, followed by a receipt (RETIRAR). */
    withdraw: words,
    /** Words that end the story: the whole message, or a capitalised last word (LISTO). */
    finish: words,
    /** Answers to a yes/no question (the first one or two words count). */
    yes: words,
    no: words,
  }),
})
export const RegistrySchema = z.strictObject({
  _about: z.string().optional(),
  /** SMS words that name no language (STATUS). */
  sms: z.strictObject({ _about: z.string().optional(), status: words }),
  languages: z.array(LanguageSchema).min(1),
})

export type Language = z.infer<typeof LanguageSchema> & { code: Lang }

const registry = RegistrySchema.parse(data)

/** The registry, in menu order. */
export const LANGUAGES: readonly Language[] = registry.languages as Language[]

/** SMS words shared by every language (they imply none). */
export const SMS_ANY_LANGUAGE = registry.sms

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

/** A zod shape with one field per language (`{ en: s, es: s, fr: s }` today), for data schemas. */
export function perLangShape<T extends z.ZodType>(s: T): Record<Lang, T> {
  return Object.fromEntries(LANGS.map((l) => [l, s])) as Record<Lang, T>
}
