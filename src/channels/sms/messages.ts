/**
 * @module channels/sms/messages
 * The texts the SMS conversation sends (locales/{en,es,fr}/sms.json), menus built from the
 * catalog, and the TwiML that carries one reply. Every reply goes through `fitReply`, so it
 * stays within two segments (see channels/sms/segments).
 */
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js'
import type { Catalog } from '../../catalog/index.js'
import { tFor, type Lang } from '../../i18n/index.js'
import { perLang } from '../../i18n/languages.js'
import { MENU_LANGS } from './keywords.js'
import { fitReply, MAX_SEGMENTS, measure, plainFold, type FittedReply } from './segments.js'
import type { SmsState } from './session.js'

/** One SMS text in a language: `say('es', 'consent.ask')`. */
export function say(lang: Lang, key: string, params: Record<string, string | number> = {}): string {
  return tFor(lang)(`sms:${key}`, params) as string
}

/** The first reply when the language is not clear: one short trilingual menu. */
export function languageMenu(): string {
  const reply = MENU_LANGS.map((l) => say(l, 'menu.reply')).join(' / ')
  const names = MENU_LANGS.map((l, i) => `${i + 1} ${say(l, 'menu.name')}`).join(', ')
  return `${reply}: ${names}`
}

/** A numbered menu: the question, then one choice a line. */
const numbered = (ask: string, items: string[]) =>
  [ask, ...items.map((s, i) => `${i + 1} ${s}`)].join('\n')

/**
 * A numbered menu within two segments (once folded to GSM-7). Should the catalog's titles grow
 * too long, the longest title loses its last word until the menu fits.
 */
export function fitMenu(ask: string, items: readonly string[]): string {
  const list = [...items]
  for (;;) {
    const text = numbered(ask, list)
    if (measure(plainFold(text)).segments <= MAX_SEGMENTS) return text
    let longest = -1
    list.forEach((s, i) => {
      if (s.includes(' ') && (longest < 0 || s.length > list[longest]!.length)) longest = i
    })
    if (longest < 0) return text
    list[longest] = list[longest]!.replace(/[\s,;:]*\S+$/, '')
  }
}

/** Catalog country codes, in catalog order (the country menu's numbers). */
export const countryCodes = (catalog: Catalog) => Object.keys(catalog.countries)

/** Catalog rights, in catalog order (the problem menu's numbers). */
export const rightCodes = (catalog: Catalog) =>
  Object.keys(catalog.rights) as (keyof Catalog['rights'])[]

export function countryMenu(lang: Lang, catalog: Catalog): string {
  const names = countryCodes(catalog).map((c) => catalog.countries[c]!.name[lang])
  return fitMenu(say(lang, 'country.ask'), names)
}

export function problemMenu(lang: Lang, catalog: Catalog): string {
  const titles = rightCodes(catalog).map((r) => catalog.rights[r].title[lang])
  return fitMenu(say(lang, 'problem.ask'), titles)
}

/** The question the conversation is waiting on, asked again (after a language switch). */
export function prompt(state: SmsState, catalog: Catalog): string {
  const lang = state.lang
  if (!lang) return languageMenu()
  switch (state.step) {
    case 'lang':
      return languageMenu()
    case 'notice':
      return say(lang, 'notice')
    case 'country':
      return countryMenu(lang, catalog)
    case 'problem':
      return problemMenu(lang, catalog)
    case 'employer':
      return say(lang, 'employer.ask')
    case 'town':
      return say(lang, 'town.ask')
    case 'describe':
      return say(lang, 'describe.ask')
    case 'consent':
      return say(lang, 'consent.ask')
  }
}

/** The BCP 47 locale for dates in each language (registry data). */
const LOCALE = perLang((l) => l.locale)

const dateFormats = new Map<Lang, Intl.DateTimeFormat>()

/** A date as a worker reads it (`25 nov 2026`), in UTC. */
export function formatDate(lang: Lang, at: number): string {
  let f = dateFormats.get(lang)
  if (!f)
    dateFormats.set(
      lang,
      (f = new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' })),
    )
  return f.format(at)
}

/**
 * TwiML answering an inbound message: one `<Message>`, or an empty `<Response/>` for silence.
 * `action` is the status-callback URL through which the outbound reply (it may carry a receipt)
 * gets erased at Twilio too.
 */
export function twiml(reply: FittedReply | null, action?: string): string {
  const r = new MessagingResponse()
  if (reply) r.message(action ? { action, method: 'POST' } : {}, reply.text)
  return r.toString()
}

export { fitReply }
