/**
 * Issue 20: no English left in the Spanish and French locale files. Every es/fr string is split
 * into words and checked against common English words that are not also Spanish or French words
 * (so "no", "on", "case", "message", "page", "code" are not listed). Brand names, codes and the
 * commands staff type stay in English on purpose: they are on the allow-list, each with its reason.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LANGS } from '../src/i18n/languages.js'

const dir = join(import.meta.dirname, '..', 'locales')

/** Common English words that are neither Spanish nor French. */
export const ENGLISH = new Set(
  (
    'the and you your yours to of is are was were be been being please with for this that these those from will ' +
    'would should could cannot can\'t don\'t not what when where which who whom how why here there have has had do ' +
    'does did it its we our ours they their them my mine send sent report reports reported reporter save saved ' +
    'delete deleted submit sign signed click back next help start stop status receipt receipts worker workers ' +
    'hotline line lines yes none name names phone number numbers password new all any more only about after ' +
    'before by at if so out up into over under again still just also very each every other some such than then ' +
    'thank thanks sorry welcome wrong right left keep kept check checked enter write written read see shown show ' +
    'list lists filter filters search assign assigned close closed open opened request requested approve approved ' +
    'refuse refused reason account accounts staff role roles token tokens review queue escalated triaging ' +
    'investigating resolved outcome deadline deadlines commitment commitments right rights country countries ' +
    'employer employers facility facilities channel channels voice call calls text texts'
  ).split(' '),
)

/**
 * Words that stay in English, and why. Brand and product names; codes and commands staff type or
 * read in a terminal (npm run hotline -- identity open --key FILE --case REF); the carrier
 * keywords STOP and HELP, which carriers require on a short code in any language (reference §7.4).
 */
const ALLOWED = new Set([
  // brands and standards
  'twilio', 'freeotp', 'aegis', 'whatsapp', 'api', 'rest', 'json', 'csv', 'sms', 'qr', 'totp', 'ok',
  // commands and their placeholders (console, CLI)
  'npm', 'run', 'hotline', 'identity', 'open', 'voice', 'original', 'audit', 'verify', 'key', 'file', 'case',
  'out', 'ref', 'dir', 'facilities', 'import',
  // carrier keywords that work in every language
  'stop', 'help',
])

const strings = (o: unknown, pre = ''): [string, string][] =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === 'object' ? strings(v, `${pre}${k}.`) : typeof v === 'string' ? [[`${pre}${k}`, v] as [string, string]] : [],
  )

/** English words in a string (placeholders, URLs and e-mail addresses removed). */
export function englishIn(text: string): string[] {
  const plain = text
    .replace(/\{\{\w+\}\}/g, ' ')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\[[A-Z]+-\d+\]/g, ' ')
    .replace(/\b[a-z]+=/g, ' ') // query parameters named in API errors (by=, from=…)
  const words = plain.match(/\p{L}[\p{L}']*/gu) ?? []
  return words.filter((w) => {
    const lower = w.toLowerCase().replace(/'s$/, '')
    return ENGLISH.has(lower) && !ALLOWED.has(lower)
  })
}

describe('no English left in Spanish and French strings', () => {
  it('catches English in a sample string', () => {
    expect(englishIn('Para volver, envíe START.')).toEqual(['START'])
    expect(englishIn('Please write your receipt')).toEqual(['Please', 'write', 'your', 'receipt'])
    expect(englishIn('No hay casos. On a fini la page.')).toEqual([])
    expect(englishIn('Abra con npm run hotline -- identity open --key FILE --case REF')).toEqual([])
  })

  // every registry language but English
  for (const lang of LANGS.filter((l) => l !== 'en')) {
    it(`${lang}: every locale file`, () => {
      const found: string[] = []
      for (const f of readdirSync(join(dir, lang)).filter((x) => x.endsWith('.json'))) {
        const tree = JSON.parse(readFileSync(join(dir, lang, f), 'utf8'))
        for (const [k, v] of strings(tree)) {
          const words = englishIn(v)
          if (words.length > 0) found.push(`${lang}/${f} ${k}: ${words.join(', ')} — "${v}"`)
        }
      }
      expect(found).toEqual([])
    })
  }
})

describe('no Markdown in locale strings (pages show it literally: issue 20, defect 6)', () => {
  it('has no backticks in any language', () => {
    const found: string[] = []
    for (const lang of LANGS) {
      for (const f of readdirSync(join(dir, lang)).filter((x) => x.endsWith('.json'))) {
        for (const [k, v] of strings(JSON.parse(readFileSync(join(dir, lang, f), 'utf8'))))
          if (v.includes('`')) found.push(`${lang}/${f} ${k}`)
      }
    }
    expect(found).toEqual([])
  })
})
