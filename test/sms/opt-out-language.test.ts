/**
 * Issue 20, defects 4 and 5, and the SMS accent rule, through the real webhook:
 * - after a finished report or a STATUS check, STOP keeps the worker's language, START answers
 *   in it, and no opt-out reply asks a Spanish or French speaker for the English word START;
 * - after an opt-out, what HELP says works: HOLA / BONJOUR / HELLO opt back in;
 * - every fixed SMS text fits two segments with its accents; when a reply must be folded (long
 *   menus), the whole reply loses its accents the same way, never "¿Qué … numero".
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { countryMenu, problemMenu, say } from '../../src/channels/sms/messages.js'
import { fitReply } from '../../src/channels/sms/segments.js'
import { LANGS, type Lang } from '../../src/i18n/index.js'
import { LANGUAGES } from '../../src/i18n/languages.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { Phone, receiptIn } from './phone.js'
import en from '../../locales/en/sms.json' with { type: 'json' }

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime()
})
afterEach(() => rt.close())

const SCRIPT = {
  es: { from: '+5214770001111', geo: { fromCountry: 'MX', toCountry: 'MX' }, hello: 'HOLA', ok: 'OK', problem: '5', employer: 'Autopartes del Bajío', town: 'Silao', story: 'No pagan las horas extra. LISTO', consent: 'no' },
  fr: { from: '+2250700001111', geo: { fromCountry: 'CI', toCountry: 'CI' }, hello: 'BONJOUR', ok: 'OK', problem: '5', employer: 'Coopérative du Sud', town: 'Soubré', story: 'On ne nous paie pas les heures. FINI', consent: 'non' },
} as const

async function report(p: Phone, s: (typeof SCRIPT)[keyof typeof SCRIPT]): Promise<string> {
  for (const m of [s.hello, s.ok, s.problem, s.employer, s.town, s.story]) await p.say(m)
  return receiptIn(await p.say(s.consent))
}

describe('STOP and START keep the worker’s language (issue 20, defect 4)', () => {
  for (const lang of ['es', 'fr'] as const) {
    const s = SCRIPT[lang]
    it(`${lang}: after a finished report, STOP and START answer in ${lang} and name a ${lang} word`, async () => {
      const p = new Phone(rt, s.from, s.geo)
      await report(p, s)
      const stop = await p.say('STOP')
      expect(stop).toBe(say(lang, 'stop').replace(/\u202f/g, ' '))
      expect(stop).not.toMatch(/START/)
      expect(stop).toContain(s.hello)
      expect(await p.say('START')).toBe(say(lang, 'start').replace(/\u202f/g, ' '))
    })

    it(`${lang}: after a STATUS check by a new phone, STOP answers in the report's language`, async () => {
      const receipt = await report(new Phone(rt, s.from, s.geo), s)
      const other = new Phone(rt, lang === 'es' ? '+5214770002222' : '+2250700002222')
      await other.say(`STATUS ${receipt}`)
      expect(await other.say('STOP')).toBe(say(lang, 'stop').replace(/\u202f/g, ' '))
      expect(await other.say('UNSTOP')).toBe(say(lang, 'start').replace(/\u202f/g, ' '))
    })
  }

  it('no opt-out or opt-in reply in a language other than English asks for START', () => {
    for (const lang of LANGS.filter((l) => l !== 'en')) {
      expect(say(lang, 'stop')).not.toMatch(/\bSTART\b/)
      expect(say(lang, 'start')).not.toMatch(/\bSTART\b/)
    }
  })
})

describe('HELP after an opt-out says what works (issue 20, defect 5)', () => {
  // every registry language: its own help word (Twilio's HELP when it has none) and first opt-in word
  for (const { code: lang, sms } of LANGUAGES) {
    const help = (sms.help[0] ?? 'help').toUpperCase()
    const hello = sms.optIn[0]!.toUpperCase()
    it(`${lang}: ${help} names ${hello}, and ${hello} opts back in`, async () => {
      const p = new Phone(rt, `+1555000${lang.charCodeAt(0)}${lang.charCodeAt(1)}`)
      await p.say('STOP')
      expect((await p.send('hi there')).text).toBeNull()
      const h = await p.say(help)
      expect(h).toBe(say(lang, 'help').replace(/\u202f/g, ' '))
      expect(h).toContain(hello)
      expect(await p.say(hello)).toBe(say(lang, 'start').replace(/\u202f/g, ' '))
      expect(await rt.deps.sql.get('SELECT COUNT(*) AS n FROM sms_optouts')).toEqual({ n: 0 })
      // and the line answers again: the greeting now starts a report
      expect(await p.say(hello)).toBe(say(lang, 'notice').replace(/\u202f/g, ' '))
    })
  }
})

/** Every text of sms.json with sample values, by key. */
function texts(lang: Lang): [string, string][] {
  const keys = (o: Record<string, unknown>, pre = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [`${pre}${k}`] : keys(v as Record<string, unknown>, `${pre}${k}.`)))
  const params = { receipt: '1234 5678 9012 3456', max: 25000, date: '25 nov. 2026', status: say(lang, 'status.label.escalated'), question: '' }
  const out = keys(en).map((k): [string, string] => [k, say(lang, k, params)])
  // Replies the conversation builds from two texts.
  out.push(['consent.added + consent.ask', `${say(lang, 'consent.added')} ${say(lang, 'consent.ask')}`])
  return out
}

const MARKED = /[áéíóúàèìòùâêîôûäëïöçÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÄËÏÖÇ]/

describe('SMS accents (issue 20, language)', () => {
  it('every fixed text fits two segments as written: reworded, not stripped', () => {
    const folded: string[] = []
    for (const lang of LANGS) {
      for (const [k, text] of texts(lang)) {
        if (k.startsWith('whatsapp.')) continue // WhatsApp texts have no two-segment limit (docs/whatsapp.md)
        const r = fitReply(text)
        if (r.text !== text.replace(/[\u202f\u00a0]/g, ' ')) folded.push(`${lang} ${k} (${text.length} characters)`)
        expect(r.info.segments, `${lang} ${k}`).toBeLessThanOrEqual(2)
      }
    }
    expect(folded).toEqual([])
  })

  it('a reply that cannot fit with its accents loses all of them, never some', () => {
    const catalog = getCatalog()
    for (const lang of LANGS) {
      for (const menu of [problemMenu(lang, catalog), countryMenu(lang, catalog)]) {
        const r = fitReply(menu)
        expect(r.info.segments).toBeLessThanOrEqual(2)
        if (r.text !== menu.replace(/[\u202f\u00a0]/g, ' ')) expect(r.text, `${lang}: ${r.text}`).not.toMatch(MARKED)
      }
    }
    const mixed = fitReply('¿Qué problema hay? Responda con un número. '.repeat(4))
    expect(mixed.text).toMatch(/^¿Que problema hay\? Responda con un numero\./)
    expect(fitReply('Año, pingüino, ÑANDÚ. '.repeat(8)).text).toMatch(/^Año, pingüino, ÑANDU\./)
  })
})
