/**
 * @module privacy/redact
 * Replaces personal identifiers in a grievance with typed, numbered placeholders that are
 * consistent within one text: `[NAME-1]`, `[PHONE-1]`, `[EMAIL-1]`, `[ID-1]`, `[ADDRESS-1]`,
 * `[URL-1]`, `[HANDLE-1]`. Spanish, French and English patterns all apply whatever the
 * declared language, because workers mix languages.
 *
 * What stays, because monitors need it: business and facility names, towns and regions, dates,
 * times, amounts, ages, counts of workers, article numbers, percentages, union names.
 * Pure and synchronous: no I/O, no randomness; runs on Node and in Workers.
 */
import { fold } from './fold.js'
import { findAddresses } from './redact/address.js'
import { findIds } from './redact/ids.js'
import { findNames } from './redact/names.js'
import { findNumbers } from './redact/numbers.js'
import { findSignatureNames } from './redact/signature.js'
import { spokenView } from './redact/spoken.js'
import { NAME_MODEL, tagNames, type NameModel } from './redact/tagger.js'
import { tokensOf } from './redact/tokens.js'
import type { Input, Kind, Lang, Span } from './redact/types.js'
import { findWeb } from './redact/web.js'

export type { Kind, Lang } from './redact/types.js'

/** Identifiers with a shape (numbers, addresses on the web, IDs), as opposed to names and home
 * addresses found by context (the evaluation scores the two families apart). */
export const STRUCTURED_KINDS: readonly Kind[] = ['phone', 'email', 'id', 'url', 'handle']

/** One redacted span, as offsets in the original text. */
export interface Finding {
  kind: string
  start: number
  end: number
}

/** The redacted text and where the identifiers were. */
export interface Redaction {
  text: string
  findings: Finding[]
}

/** When two detections overlap, the more specific one wins. */
const PRIORITY: Record<Kind, number> = {
  email: 7, url: 6, handle: 5, id: 4, phone: 3, address: 2, name: 1,
}

/** More than 70% of the letters are capitals: capitalisation says nothing about names. */
function isCaps(text: string): boolean {
  const upper = text.match(/\p{Lu}/gu)?.length ?? 0
  const lower = text.match(/\p{Ll}/gu)?.length ?? 0
  return upper + lower >= 12 && upper / (upper + lower) > 0.7
}

/** Keeps the highest-priority, then longest, spans that do not overlap. Sorted by start. */
function resolve(spans: Span[]): Span[] {
  const length = (s: Span): number => s.end - s.start
  const ranked = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => PRIORITY[b.kind] - PRIORITY[a.kind] || length(b) - length(a) || a.start - b.start)
  const kept: Span[] = []
  for (const s of ranked) {
    if (kept.every((k) => s.end <= k.start || s.start >= k.end)) kept.push(s)
  }
  return kept.sort((a, b) => a.start - b.start)
}

/**
 * Phones, identifiers and house numbers spoken as words ("seis veinticinco, cuarenta y ocho…",
 * "gafete cuatro mil doscientos doce", "quatre mille cinq cent vingt, rue Jarry"): the number
 * and address detectors run on the text with its number words read as
 * digits, and what they find there is mapped back to the words.
 */
function spokenNumbers(input: Input): Span[] {
  const view = spokenView(input.text, input.folded)
  if (view === null) return []
  const seen: Input = { ...input, text: view.text, folded: view.folded }
  const out: Span[] = []
  for (const s of [...findNumbers(seen), ...findIds(seen), ...findAddresses(seen)]) {
    if (!view.rewritten.some(([a, b]) => s.start < b && s.end > a)) continue
    out.push({ ...s, start: view.from[s.start] as number, end: view.to[s.end - 1] as number })
  }
  return out
}

/**
 * Names the learned tagger finds. A tagged word that is also a word of a name the rules found
 * takes that person's key, so one person keeps one placeholder.
 */
function learnedNames(input: Input, rules: Span[], model: NameModel): Span[] {
  const toks = tokensOf(input)
  const seeds = new Uint8Array(toks.length)
  for (const s of rules) {
    if (s.kind !== 'name') continue
    toks.forEach((t, i) => {
      if (t.start >= s.start && t.end <= s.end) seeds[i] = 1
    })
  }
  const spans = tagNames(model, input.text, toks, seeds)
  if (spans.length === 0) return spans
  const keyOf = new Map<string, string>()
  for (const s of rules) {
    for (const w of input.folded.slice(s.start, s.end).split(/[^\p{L}'-]+/u)) {
      if (w.length >= 3) keyOf.set(w, s.key)
    }
  }
  for (const s of spans) {
    const key = input.folded.slice(s.start, s.end).split(/[^\p{L}'-]+/u).map((w) => keyOf.get(w)).find((k) => k !== undefined)
    if (key !== undefined) s.key = key
  }
  return spans
}

/** Every identifier in one text, resolved (no two spans overlap), sorted by start. */
function detect(text: string, lang: Lang, model: NameModel | null = NAME_MODEL): Span[] {
  const input: Input = { text, folded: fold(text), lang, caps: isCaps(text) }
  const contacts = [...findWeb(input), ...findNumbers(input), ...findAddresses(input), ...spokenNumbers(input)]
  const names = [...findNames(input), ...findSignatureNames(input, contacts)]
  return resolve([
    ...contacts,
    ...findIds(input),
    ...names,
    ...(model === null || input.caps ? [] : learnedNames(input, names, model)),
  ])
}

/** Numbers placeholders: one identifier keeps its number across every text given to it. */
function numbering() {
  const numbers = new Map<string, number>()
  const counters = new Map<string, number>()
  return (text: string, spans: Span[]): Redaction => {
    let out = ''
    let at = 0
    for (const s of spans) {
      const family = s.kind.toUpperCase()
      const id = `${s.kind}:${s.key}`
      let n = numbers.get(id)
      if (n === undefined) {
        n = (counters.get(family) ?? 0) + 1
        counters.set(family, n)
        numbers.set(id, n)
      }
      out += `${text.slice(at, s.start)}[${family}-${n}]`
      at = s.end
    }
    out += text.slice(at)
    return { text: out, findings: spans.map(({ kind, start, end }) => ({ kind, start, end })) }
  }
}

/**
 * Redacts personal identifiers from a grievance.
 *
 * @param text the reporter's words, as received
 * @param lang the language the reporter chose; every language's patterns apply regardless
 * @param opts.kinds redact only these kinds
 * @param opts.tagger the learned name tagger's model (default: the committed one); `null` for
 *   the rules alone (training and benchmarks compare the two)
 * @returns the redacted text and the findings, with offsets in the original `text`
 * @example
 * redact('me llamo Ana López, cel 55 1234 5678', 'es').text
 * // 'me llamo [NAME-1], cel [PHONE-1]'
 */
export function redact(
  text: string,
  lang: Lang,
  opts: { kinds?: readonly Kind[]; tagger?: NameModel | null } = {},
): Redaction {
  const found = detect(text, lang, opts.tagger)
  return numbering()(text, opts.kinds ? found.filter((s) => opts.kinds!.includes(s.kind)) : found)
}

/** Spans for every whole-word occurrence, in `text`, of identifiers found elsewhere (folded). */
function echoes(text: string, known: Map<string, Pick<Span, 'kind' | 'key'>>): Span[] {
  const folded = fold(text)
  const word = /[\p{L}\p{N}]/u
  const out: Span[] = []
  for (const [needle, { kind, key }] of known) {
    for (let i = folded.indexOf(needle); i >= 0; i = folded.indexOf(needle, i + 1)) {
      const end = i + needle.length
      if (word.test(folded[i - 1] ?? '') || word.test(folded[end] ?? '')) continue
      out.push({ kind, key, start: i, end })
    }
  }
  return out
}

/**
 * Redacts several texts of one report (the description and every other field the reporter typed:
 * employer, facility, location) with one numbering, so that "[NAME-1]" in the employer field is
 * the [NAME-1] of the description. An identifier found in one field is redacted wherever it
 * appears in the others: a short field ("Casa de Zacarías Benítez") has little context, the
 * description usually has more. Undefined fields stay undefined.
 */
export function redactFields<K extends string>(
  fields: Record<K, string | undefined>,
  lang: Lang,
): Record<K, string | undefined> {
  const names = Object.keys(fields) as K[]
  const found = new Map<K, Span[]>()
  const known = new Map<string, Pick<Span, 'kind' | 'key'>>()
  for (const k of names) {
    const v = fields[k]
    const spans = v === undefined ? [] : detect(v, lang)
    found.set(k, spans)
    for (const s of spans) {
      const f = fold(v!.slice(s.start, s.end)).trim()
      if (f.length >= 3 && !known.has(f)) known.set(f, { kind: s.kind, key: s.key })
    }
  }
  const number = numbering()
  const out = {} as Record<K, string | undefined>
  for (const k of names) {
    const v = fields[k]
    out[k] = v === undefined ? undefined : number(v, resolve([...found.get(k)!, ...echoes(v, known)])).text
  }
  return out
}
