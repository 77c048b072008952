/**
 * @module channels/sms/conversation
 * The SMS report, one step a message: language → safety notice → country (only when it cannot
 * be inferred) → problem menu → employer → town → the story → may we contact you? → filed.
 * Pure: given the state and one inbound message, it returns the next state and the reply, or
 * asks the caller to file.
 *
 * The story ends with a finish word (DONE, LISTO, FIN, FINI…, alone or as the capitalised last
 * word) or with a quiet period: a message that comes more than {@link QUIET_MS} after the last
 * part is kept as the last part and the next question is asked. Nothing the worker writes is
 * lost: more story sent after that question is added too. A conversation nobody finishes is
 * dropped, unfiled, 24 h after its last message.
 */
import type { Catalog } from '../../catalog/index.js'
import type { Lang } from '../../i18n/index.js'
import { DESCRIPTION_MAX } from '../../intake/schema.js'
import {
  chosenLanguage,
  finishWord,
  hasWords,
  languageSwitch,
  menuChoice,
  words,
  yesNo,
} from './keywords.js'
import {
  countryCodes,
  countryMenu,
  languageMenu,
  problemMenu,
  prompt,
  rightCodes,
  say,
} from './messages.js'
import type { SmsState } from './session.js'

/** Silence after the last part of the story that ends it, when the worker writes again. */
export const QUIET_MS = 10 * 60_000
/** Employer and town answers, as in the intake shape. */
export const SHORT_ANSWER_MAX = 200

export interface Turn {
  body: string
  /** The message carried a picture or sound (NumMedia > 0). */
  media: boolean
  now: number
  /** Twilio's FromCountry and ToCountry, used only to infer the country, never kept as such. */
  fromCountry?: string
  toCountry?: string
}

export type Outcome =
  | { kind: 'reply'; state: SmsState; reply: string }
  | { kind: 'file'; state: SmsState; consent: boolean }

const reply = (state: SmsState, text: string): Outcome => ({ kind: 'reply', state, reply: text })

/**
 * The country of the workplace when the numbers tell it: FromCountry and ToCountry agree, or only
 * one of them is a catalog country. Otherwise the worker is asked.
 */
export function inferCountry(catalog: Catalog, from?: string, to?: string): string | undefined {
  const known = (c?: string) =>
    c && Object.hasOwn(catalog.countries, c.toUpperCase()) ? c.toUpperCase() : undefined
  const f = known(from)
  const t = known(to)
  if (f && t) return f === t ? f : undefined
  return f ?? t
}

/** A short free-text answer, cleaned, or the reply that asks again. */
function shortAnswer(lang: Lang, body: string, badKey: string): { value?: string; error?: string } {
  const value = body.replace(/\s+/g, ' ').trim()
  if (!hasWords(value)) return { error: say(lang, badKey) }
  if (value.length > SHORT_ANSWER_MAX)
    return { error: say(lang, 'tooLong', { max: SHORT_ANSWER_MAX }) }
  return { value }
}

/** Add a part to the story, cutting it when the story would pass the intake limit. */
function addPart(parts: string[], text: string): { parts: string[]; full: boolean } {
  const used = parts.reduce((n, p) => n + p.length + 2, 0)
  const room = DESCRIPTION_MAX - used
  if (room <= 0) return { parts, full: true }
  const full = text.length > room
  return { parts: [...parts, full ? text.slice(0, room).trim() : text], full }
}

/** A country named in words (`mexico`, `Côte d'Ivoire`) or by its code. */
function countryByName(catalog: Catalog, body: string): string | undefined {
  const w = words(body)
  return countryCodes(catalog).find(
    (c) =>
      w === c.toLowerCase() ||
      Object.values(catalog.countries[c]!.name).some((n) => words(n) === w),
  )
}

/** One step of the conversation. */
export function converse(state: SmsState, turn: Turn, catalog: Catalog): Outcome {
  const { body, now } = turn
  if (state.step === 'lang' || !state.lang) {
    const lang = hasWords(body) ? chosenLanguage(body) : undefined
    if (!lang) return reply({ step: 'lang', parts: [] }, languageMenu())
    return reply({ step: 'notice', lang, parts: [] }, say(lang, 'notice'))
  }
  const lang = state.lang
  const switched = languageSwitch(body)
  if (switched) {
    const next = { ...state, lang: switched }
    return reply(next, prompt(next, catalog))
  }
  if (turn.media && !hasWords(body) && state.step !== 'notice')
    return reply(state, say(lang, 'media'))

  switch (state.step) {
    case 'notice': {
      const country = state.country ?? inferCountry(catalog, turn.fromCountry, turn.toCountry)
      if (!country) return reply({ ...state, step: 'country' }, countryMenu(lang, catalog))
      return reply({ ...state, country, step: 'problem' }, problemMenu(lang, catalog))
    }
    case 'country': {
      const codes = countryCodes(catalog)
      const n = menuChoice(body, codes.length)
      const country = n ? codes[n - 1] : countryByName(catalog, body)
      if (!country) return reply(state, say(lang, 'badNumber', { max: codes.length }))
      return reply({ ...state, country, step: 'problem' }, problemMenu(lang, catalog))
    }
    case 'problem': {
      const rights = rightCodes(catalog)
      const n = menuChoice(body, rights.length)
      if (!n) return reply(state, say(lang, 'badNumber', { max: rights.length }))
      return reply({ ...state, right: rights[n - 1], step: 'employer' }, say(lang, 'employer.ask'))
    }
    case 'employer': {
      const a = shortAnswer(lang, body, 'employer.bad')
      if (!a.value) return reply(state, a.error!)
      return reply({ ...state, employer: a.value, step: 'town' }, say(lang, 'town.ask'))
    }
    case 'town': {
      const a = shortAnswer(lang, body, 'town.bad')
      if (!a.value) return reply(state, a.error!)
      return reply({ ...state, town: a.value, step: 'describe' }, say(lang, 'describe.ask'))
    }
    case 'describe':
      return describe(state, lang, turn)
    case 'consent': {
      const answer = yesNo(body)
      if (answer !== undefined) return { kind: 'file', state, consent: answer }
      const more = body.trim()
      if (!finishWord(more).finished && hasWords(more) && words(more).split(' ').length >= 2) {
        const { parts, full } = addPart(state.parts, more)
        const said = full ? say(lang, 'describe.full') : say(lang, 'consent.added')
        return reply({ ...state, parts, lastPartAt: now }, `${said} ${say(lang, 'consent.ask')}`)
      }
      return reply(state, say(lang, 'consent.bad'))
    }
  }
}

/** The story: parts until a finish word, a quiet period or the length limit. */
function describe(state: SmsState, lang: Lang, turn: Turn): Outcome {
  const { finished, rest } = finishWord(turn.body)
  const quiet =
    state.parts.length > 0 &&
    state.lastPartAt !== undefined &&
    turn.now - state.lastPartAt > QUIET_MS
  let parts = state.parts
  let full = false
  if (rest && hasWords(rest)) ({ parts, full } = addPart(parts, rest))
  if (finished || quiet || full) {
    if (parts.length === 0) return reply(state, say(lang, 'describe.none'))
    const ask = say(lang, 'consent.ask')
    const next: SmsState = { ...state, parts, lastPartAt: turn.now, step: 'consent' }
    return reply(next, full ? `${say(lang, 'describe.full')} ${ask}` : ask)
  }
  if (parts === state.parts) return reply(state, say(lang, turn.media ? 'media' : 'describe.empty'))
  return reply({ ...state, parts, lastPartAt: turn.now }, say(lang, 'describe.ack'))
}
