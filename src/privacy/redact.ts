/**
 * @module privacy/redact
 * Replaces personal identifiers in a grievance with typed, numbered placeholders that are
 * consistent within one text: `[NAME-1]`, `[PHONE-1]`, `[EMAIL-1]`, `[ID-1]`, `[ADDRESS-1]`,
 * `[URL-1]`, `[HANDLE-1]`. Spanish, French and English patterns all apply whatever the
 * declared language, because workers mix languages.
 *
 * What stays, because monitors need it: employer and facility names, towns and regions, dates,
 * times, amounts, ages, counts of workers, article numbers, percentages, union names.
 * Pure and synchronous: no I/O, no randomness; runs on Node and in Workers.
 */
import { fold } from './fold.js'
import { findAddresses } from './redact/address.js'
import { findIds } from './redact/ids.js'
import { findNames } from './redact/names.js'
import { findNumbers } from './redact/numbers.js'
import { findSignatureNames } from './redact/signature.js'
import type { Input, Kind, Lang, Span } from './redact/types.js'
import { findWeb } from './redact/web.js'

export type { Kind, Lang } from './redact/types.js'

/**
 * Identifiers with a shape (numbers, addresses on the web, IDs), as opposed to names and home
 * addresses found by context. Fields that name a business (employer, facility, town) lose only
 * these: "Rancho Don Chuy" is an employer, not a person to hide.
 */
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
 * Redacts personal identifiers from a grievance.
 *
 * @param text the reporter's words, as received
 * @param lang the language the reporter chose; every language's patterns apply regardless
 * @param opts.kinds redact only these kinds (e.g. STRUCTURED_KINDS for an employer's name)
 * @returns the redacted text and the findings, with offsets in the original `text`
 * @example
 * redact('me llamo Ana López, cel 55 1234 5678', 'es').text
 * // 'me llamo [NAME-1], cel [PHONE-1]'
 */
export function redact(text: string, lang: Lang, opts: { kinds?: readonly Kind[] } = {}): Redaction {
  const input: Input = { text, folded: fold(text), lang, caps: isCaps(text) }
  const contacts = [...findWeb(input), ...findNumbers(input), ...findAddresses(input)]
  const found = resolve([
    ...contacts,
    ...findIds(input),
    ...findNames(input),
    ...findSignatureNames(input, contacts),
  ])
  const spans = opts.kinds ? found.filter((s) => opts.kinds!.includes(s.kind)) : found
  const numbers = new Map<string, number>()
  const counters = new Map<string, number>()
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
