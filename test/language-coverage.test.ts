/**
 * @module test/language-coverage
 * Every language-specific list the code uses is keyed by the registry (`locales/languages.json`),
 * so that adding a language is data: for each registry language, its locale files exist and are
 * all wired into i18next, its SMS words work through the real keyword functions and through the
 * webhook, the SMS texts only name words the engine recognises, it has a `<Say>` voice, a date
 * locale, a catalog country, classifier keywords and catalog texts. A language added to the
 * registry without one of these fails here, not in production.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCatalog } from '../src/catalog/index.js'
import {
  chosenLanguage,
  command,
  detectLanguage,
  finishWord,
  isOptIn,
  languageSwitch,
  optInLanguage,
  TWILIO_KEYWORDS,
  yesNo,
} from '../src/channels/sms/keywords.js'
import { formatDate } from '../src/channels/sms/messages.js'
import { SPEECH } from '../src/channels/voice/twiml.js'
import { LANGS, tFor } from '../src/i18n/index.js'
import { LANGUAGES, SMS_ANY_LANGUAGE, type Language } from '../src/i18n/languages.js'
import { NAMESPACES, resources } from '../src/i18n/resources.js'
import { foldWords } from '../src/privacy/fold.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'
import { Phone } from './sms/phone.js'

const root = join(import.meta.dirname, '..')
const RECEIPT = '1234 5678 9012 3456'
const caps = (w: string) => w.toUpperCase()

/** The command words of one language (the registry's lists that imply the language). */
const commandLists = ['optOut', 'optIn', 'help', 'status', 'withdraw', 'names'] as const

describe.each(LANGUAGES.map((l) => [l.code, l] as const))('language %s', (code, l: Language) => {
  it('has every locale file, each wired into i18next with the file’s content', () => {
    const files = readdirSync(join(root, 'locales', code)).filter((f) => f.endsWith('.json'))
    expect(files.map((f) => f.slice(0, -5)).sort()).toEqual([...NAMESPACES])
    const wired = resources[code] as Record<string, unknown>
    expect(Object.keys(wired).sort()).toEqual([...NAMESPACES])
    for (const ns of NAMESPACES) {
      expect(wired[ns], ns).toEqual(JSON.parse(readFileSync(join(root, 'locales', code, `${ns}.json`), 'utf8')))
    }
    expect(tFor(code)('common:site.name')).not.toBe('site.name')
    // the language switcher names it in every language, and names every language in it
    for (const other of LANGS) {
      expect(tFor(other)(`common:lang.${code}`), `${other}: common:lang.${code}`).not.toBe(`lang.${code}`)
      expect(tFor(code)(`common:lang.${other}`), `${code}: common:lang.${other}`).not.toBe(`lang.${other}`)
    }
  })

  it('has SMS command words that the keyword functions read as this language', () => {
    for (const w of l.sms.optOut) expect(command(caps(w)), w).toEqual({ kind: 'optout', lang: code })
    for (const w of l.sms.help) expect(command(caps(w)), w).toEqual({ kind: 'help', lang: code })
    for (const w of l.sms.status)
      expect(command(`${caps(w)} ${RECEIPT}`), w).toEqual({ kind: 'status', lang: code, receipt: RECEIPT.replace(/ /g, '') })
    for (const w of l.sms.withdraw)
      expect(command(`${caps(w)} ${RECEIPT}`), w).toEqual({ kind: 'withdraw', lang: code, receipt: RECEIPT.replace(/ /g, '') })
    for (const w of l.sms.optIn) {
      expect(isOptIn(caps(w)), w).toBe(true)
      expect(optInLanguage(w), w).toBe(code)
    }
    for (const w of l.sms.names) expect(languageSwitch(caps(w)), w).toBe(code)
    for (const w of [...l.sms.names, ...l.sms.greetings]) expect(chosenLanguage(w), w).toBe(code)
    for (const w of l.sms.finish) expect(finishWord(caps(w)).finished, w).toBe(true)
    for (const w of l.sms.yes) expect(yesNo(w), w).toBe(true)
    for (const w of l.sms.no) expect(yesNo(w), w).toBe(false)
    // the marker words alone are enough to recognise free text in the language
    expect(detectLanguage(l.sms.markers.slice(0, 6).join(' '))).toBe(code)
  })

  it('has SMS texts that name only words the engine recognises, and its own opt-in word', () => {
    const sms = resources[code].sms as Record<string, unknown>
    const texts: string[] = []
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v)
      else if (v && typeof v === 'object') Object.values(v).forEach(walk)
    }
    walk(sms)
    const named = new Set(texts.flatMap((s) => s.match(/(?<!\p{L})\p{Lu}{2,}(?!\p{L})/gu) ?? []))
    for (const w of named) {
      if (w === 'OK' || w === 'SMS') continue // OK acknowledges the notice; SMS names the channel
      const known = command(w) !== undefined || command(`${w} ${RECEIPT}`) !== undefined || isOptIn(w) ||
        finishWord(w).finished || yesNo(w) !== undefined
      expect(known, `${code}: the SMS texts tell the worker to send ${w}, which the engine does not know`).toBe(true)
    }
    const own = new Set(l.sms.optIn.map(caps))
    for (const key of ['stop', 'start', 'help'] as const) {
      const text = foldWords(tFor(code)(`sms:${key}`)).toUpperCase().split(' ')
      expect(text.some((w) => own.has(w)), `sms:${key} names an opt-in word of ${code}`).toBe(true)
    }
  })

  it('has a <Say> language and voice, a date locale, a catalog country and catalog texts', () => {
    expect(SPEECH[code]).toEqual(l.speech)
    expect(Intl.DateTimeFormat.supportedLocalesOf([l.locale])).toEqual([l.locale])
    expect(formatDate(code, Date.UTC(2026, 10, 25))).toMatch(/2026/)
    expect(Object.keys(getCatalog().countries)).toContain(l.defaultCountry)
    const rights = getCatalog().rights as Record<string, { title: Record<string, string> }>
    for (const [right, info] of Object.entries(rights)) expect(info.title[code], right).toBeTruthy()
  })

  it('has classifier keywords for every right', () => {
    const kw = JSON.parse(readFileSync(join(root, 'catalog', 'keywords.json'), 'utf8')) as Record<string, unknown>
    for (const [right, byLang] of Object.entries(kw)) {
      if (right.startsWith('_')) continue
      expect(Object.keys(byLang as object), right).toContain(code)
    }
  })
})

describe('SMS words across the registry', () => {
  it('give each word one meaning, and never redefine one of Twilio’s carrier keywords', () => {
    const twilio = new Set<string>(Object.values(TWILIO_KEYWORDS).flat())
    const meaning = new Map<string, string>()
    for (const w of SMS_ANY_LANGUAGE.status) meaning.set(w, 'status:any')
    for (const l of LANGUAGES) {
      for (const list of commandLists) {
        for (const w of l.sms[list]) {
          expect(twilio.has(w), `${l.code}.${list}: ${w} is Twilio's`).toBe(false)
          const m = `${list === 'names' ? 'name' : list}:${l.code}`
          const before = meaning.get(w)
          expect(before === undefined || before === m, `${w}: ${before} and ${m}`).toBe(true)
          meaning.set(w, m)
        }
      }
    }
  })

  it('has a yes and a no that no other language reads the other way', () => {
    const yes = new Set(LANGUAGES.flatMap((l) => l.sms.yes))
    for (const l of LANGUAGES) for (const w of l.sms.no) expect(yes.has(w), w).toBe(false)
  })
})

describe('each registry language through the real stack', () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await makeRuntime()
  })
  afterAll(() => rt.close())

  it.each([...LANGS])('%s: its reporter pages answer, its uploads pass the body ceiling, and its greeting starts an SMS report in it', async (code) => {
    for (const path of [`/${code}/`, `/${code}/report`, `/${code}/follow-up`]) {
      expect((await rt.app.request(path)).status, path).toBe(200)
    }
    // its upload paths are exempt from the app's 256 KB body ceiling (a 413 would mean a
    // language missing from the upload patterns); another path of it is not
    const big = async (path: string) => {
      const form = new FormData()
      form.set('file', new Blob([new Uint8Array(400_000)]), 'photo.jpg')
      return (await rt.app.request(path, { method: 'POST', body: form })).status
    }
    expect(await big(`/${code}/report`)).not.toBe(413)
    expect(await big(`/${code}/follow-up/attachments`)).not.toBe(413)
    expect(await big(`/${code}/follow-up`)).toBe(413)
    const l = LANGUAGES.find((x) => x.code === code)!
    const phone = new Phone(rt, `+1555010${String(LANGS.indexOf(code)).padStart(4, '0')}`)
    const reply = await phone.say(caps(l.sms.greetings[0]!))
    expect(reply).toBe(tFor(code)('sms:notice').replace(/\u202f/g, ' '))
  })
})
