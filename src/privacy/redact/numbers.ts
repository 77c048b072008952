/**
 * @module privacy/redact/numbers
 * Runs of digits (with spaces, dots, dashes, brackets, a leading `+`, even a line break between
 * groups) sorted into phone numbers, number-shaped identifiers (US SSN, Canadian SIN, Mexican
 * NSS, card and account numbers) and facts that stay (dates, year ranges, amounts, counts).
 *
 * Rules, in order: a run with `/` is a date or fraction; a run next to a currency or a unit
 * ("FCFA", "$", "%", "horas", "workers") is an amount or a count; year ranges and dates written
 * with dashes or dots stay; thousands groupings ("1 500 000") stay unless a phone or ID word is
 * near; then the digit count and grouping decide (reference.md §6: +52 with or without the
 * legacy mobile "1", +225 ten digits, NANP, 3-2-4 SSN, 3-3-3 SIN, 11-digit NSS).
 */
import type { Input, Span } from './types.js'

const SEP = String.raw`[ \t\u00a0\u202f]`
const RUN = new RegExp(
  String.raw`(?<![\p{L}\p{N}_@/.,'])(?:\+${SEP}?)?\(?\d` +
    String.raw`(?:\d|${SEP}{0,2}[.\-]?${SEP}{0,2}\(?\d|\)${SEP}{0,2}[.\-]?${SEP}{0,2}\d` +
    String.raw`|/\d|${SEP}*\r?\n${SEP}*\d)*`,
  'gu',
)
/** Words of a list as a regular-expression alternation; `_` stands for a space. */
const alt = (s: string): string => s.trim().split(/\s+/).join('|').replace(/_/g, ' ')
const CURRENCY_BEFORE = new RegExp(
  `(?:[$€£¥]|\\b(?:us|mx|ca|rd)\\$|\\b(?:${alt('usd mxn cad eur fcfa cfa gtq hnl q l f s/')})` +
    `\\.?)\\s*$`,
)
/** A unit or currency right after a number makes it an amount or a count. */
export const UNIT_AFTER = new RegExp(
  `^\\s*(?:de\\s+|d')?(?:%|[$€£]|${alt(`pour_cent por_ciento percent fcfa cfa f\\b francs? pesos?
    mxn usd cad dollars? dolares euros? quetzal lempira mil\\b millones millions? milliards?
    billions? k\\b kg km tonnes? toneladas? tons? sacs? sacos cajas boxes h\\b hrs?\\b heures?
    horas? hours? minutes? minutos ans\\b anos years? meses mois months? dias days jours semaines?
    semanas? weeks? trabajador worker travailleu employ ouvrier obrer personas people gens
    jornaler agentes members miembros membres votos votes voix boletas ballots bulletins hectar
    acres? metros m2 plantas pieces piezas units unidades grados degres degrees`)})`,
)
/** Words before a number that make it a phone number. */
const PHONE_WORDS = new RegExp(alt(`tel telefono phone cel celular cell movil mobile portable whats
  wsp wtsp wa\\b numero number num\\b no\\. llam marca call text sms appel joindre contact fax #`))
/** Words before a number that make it an identifier. */
const ID_WORDS = new RegExp(alt(`nss imss seguro_social afiliacion ssn social_security \\bsin\\b
  social_insurance \\bnas\\b assurance_sociale cnps cni nni identit passport pasaporte passeport
  curp rfc clabe cuenta account compte tarjeta card carte matricul empleado employee badge gafete
  nomina payroll folio credencial licencia license permis \\bid\\b`))

const isYear = (g: string): boolean => /^(?:19|20)\d\d$/.test(g)
const day = (g: string): boolean => g.length <= 2 && +g >= 1 && +g <= 31
const month = (g: string): boolean => g.length <= 2 && +g >= 1 && +g <= 12

/** Luhn check (Canadian SIN). */
function luhn(digits: string): boolean {
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2
    sum += d
  }
  return sum % 10 === 0
}

function isDate(groups: string[]): boolean {
  if (groups.length === 3) {
    const [a, b, c] = groups as [string, string, string]
    if (a.length === 4 && isYear(a) && month(b) && day(c)) return true
    const year = c.length === 4 ? isYear(c) : c.length === 2
    if (year && ((day(a) && month(b)) || (month(a) && day(b)))) return true
  }
  if (groups.length === 1 && groups[0]?.length === 8) {
    const g = groups[0]
    return isYear(g.slice(0, 4)) && month(g.slice(4, 6)) && day(g.slice(6))
  }
  return false
}

/** "1 500 000", "12.500.000": a first group of 1–3 digits, then groups of exactly 3. */
function isThousands(groups: string[], seps: string[]): boolean {
  if (groups.length < 2 || (groups[0]?.length ?? 0) > 3 || groups[0]?.startsWith('0')) return false
  if (!groups.slice(1).every((g) => g.length === 3)) return false
  return seps.every((s) => s === seps[0] && /^[ .\u00a0\u202f]$/.test(s))
}

type Verdict = 'phone' | 'id' | null

/**
 * A bare code of five or six digits ("soy la 20457", "ficha 88213-2"): recall first, it is
 * taken as an identifier unless something makes it a fact: a currency or a unit, a round
 * figure (amounts end in 00), a thousands separator, a year, or a word of quantity before it.
 */
function loneCode(raw: string, digits: string, before: string, after: string): boolean {
  if (/[.,\s]/.test(raw) && !/-/.test(raw)) return false
  if (digits.endsWith('00') || isYear(digits.slice(0, 4)) && digits.length === 4) return false
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after)) return false
  if (QUANTITY_BEFORE.test(before.slice(-16))) return false
  return true
}
/** Words before a number that make it a quantity, an amount or a place, not a code. */
const QUANTITY_BEFORE = new RegExp(`\\b(?:${alt(`de of des du los las the cp c\\.p postal zip code codigo km
  ruta route hwy highway carretera vol debe deben debia owes owe owed paid pay pays paga pagan
  pago pagaron cobra cobran cobraron gana ganamos ganan salaire salario sueldo paie doit dette
  loan prestamo total`)})\\.?\\s*$`)

/** Decide what one digit run is. `before`/`after` are folded context windows. */
export function judge(raw: string, before: string, after: string): Verdict {
  if (raw.includes('/')) return null
  const plus = raw.startsWith('+')
  const groups = raw.split(/\D+/).filter((g) => g.length > 0)
  const digits = groups.join('')
  const n = digits.length
  if (n < 5) return null
  if (n < 7) return loneCode(raw, digits, before, after) ? 'id' : null
  const seps = (raw.replace(/^\+\s*/, '').match(/\D+/g) ?? []).map((s) => s.trim() || ' ')
  const phoneCtx = PHONE_WORDS.test(before.slice(-30))
  const idCtx = ID_WORDS.test(before.slice(-40))
  if (plus) return n >= 8 && n <= 15 ? 'phone' : n > 15 ? 'id' : null
  if (CURRENCY_BEFORE.test(before) || UNIT_AFTER.test(after)) return idCtx ? 'id' : null
  if (groups.every(isYear)) return null
  if (isDate(groups)) return null
  if (isThousands(groups, seps) && !phoneCtx && !idCtx) {
    if (!(n === 9 && groups.length === 3 && luhn(digits))) return null
  }
  const shape = groups.map((g) => g.length).join('-')
  if (shape === '3-2-4') return 'id'
  if (shape === '3-3-3') return phoneCtx && !idCtx ? 'phone' : 'id'
  if (idCtx && !phoneCtx) return 'id'
  if (n >= 16) return 'id'
  if (n >= 14) return digits.startsWith('00') ? 'phone' : 'id'
  if (n === 13) return /^(?:521|225|044|045|001)/.test(digits) || phoneCtx ? 'phone' : 'id'
  if (n === 12) return /^(?:52|01|33|34|44|49|39)/.test(digits) || phoneCtx ? 'phone' : 'id'
  if (n === 11) return digits.startsWith('1') && groups.length > 1 || phoneCtx ? 'phone' : 'id'
  if (n === 10) return 'phone'
  if (n === 9) return phoneCtx ? 'phone' : 'id'
  if (n === 8) return groups.length === 1 && !phoneCtx ? 'id' : 'phone'
  return phoneCtx && groups.length === 2 && /[-.]/.test(seps[0] ?? '') ? 'phone' : null
}

/** Key for phones: the last ten digits, so "+52 1 55…" and "55…" are one number. */
export function phoneKey(raw: string): string {
  const digits = raw.replace(/\D/g, '')
  return digits.length > 10 ? digits.slice(-10) : digits
}

/**
 * Digits read out, as speech-to-text writes a phone number: one by one ("four zero seven five
 * five five zero one nine two", "cinco cinco uno dos…"), or in pairs as Ivorian and French
 * numbers are said ("zéro sept zéro huit douze trente-quatre cinquante-six"). Seven or more
 * number words in a row, or six with a tens word among them, are a phone number.
 */
const DIGIT_WORDS = alt(`zero oh one two three four five six seven eight nine cero uno dos tres
  cuatro cinco seis siete ocho nueve zero un deux trois quatre cinq six sept huit neuf`)
const PAIR_WORDS = alt(`dix onze douze treize quatorze quinze seize vingt trente quarante cinquante
  soixante septante huitante nonante quatre-vingts? diez once doce trece catorce quince veinte
  treinta cuarenta cincuenta sesenta setenta ochenta noventa`)
const NUMBER_WORD = `(?:(?:${PAIR_WORDS})(?:-(?:et-)?(?:${DIGIT_WORDS}|${PAIR_WORDS}))*|${DIGIT_WORDS})`
const SPOKEN_DIGITS = new RegExp(
  `(?<![\\p{L}])(?:${NUMBER_WORD}[\\s,.-]+){5,}${NUMBER_WORD}(?![\\p{L}])`,
  'gu',
)
/** Six number words are enough when one of them is a tens word (pairs); plain digits need seven. */
const PAIRS = new RegExp(`(?<![\\p{L}])(?:${PAIR_WORDS})`, 'u')

/** Phone numbers read out digit by digit. */
function spokenPhones(folded: string): Span[] {
  const out: Span[] = []
  for (const m of folded.matchAll(SPOKEN_DIGITS)) {
    if (m[0].trim().split(/[\s,.]+/).length < 7 && !PAIRS.test(m[0])) continue
    out.push({ kind: 'phone', start: m.index, end: m.index + m[0].length, key: m[0].replace(/\W+/g, ' ') })
  }
  return out
}

/** Phone numbers and number-shaped identifiers. */
export function findNumbers(input: Input): Span[] {
  const { text, folded } = input
  const out: Span[] = spokenPhones(folded)
  for (const m of text.matchAll(RUN)) {
    let raw = m[0]
    const start = m.index
    if (raw.startsWith('(') && !raw.includes(')')) raw = raw.slice(1)
    const s = start + (m[0].length - raw.length)
    const before = folded.slice(Math.max(0, s - 45), s)
    const after = folded.slice(s + raw.length, s + raw.length + 25)
    const verdict = judge(raw, before, after)
    if (verdict === null) continue
    const key = verdict === 'phone' ? phoneKey(raw) : raw.replace(/\D/g, '')
    out.push({ kind: verdict, start: s, end: s + raw.length, key })
  }
  return out
}
