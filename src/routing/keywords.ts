/**
 * @module routing/keywords
 * Compiles the keyword catalog (`catalog/keywords.json`) into a word-prefix index, once, at
 * module load, and finds the keywords present in a text.
 *
 * Entry syntax (also in the file's `_syntax` entry): words are folded (lower case, no
 * accents, punctuation as spaces); each word matches as a prefix of a word of the text
 * (`sindicat` matches `sindicatos`); a word ending in `$` must match a whole word (`paro$`);
 * `*` stands for zero to three words (`despid * sindicat`); `@N` at the end sets the weight
 * (default 1); an entry starting with `re:` is a regular expression over the folded text.
 * A key joining rights with `+` (`discrimination+violence`) gives its entries to each right.
 */
import kw from '../../catalog/keywords.json' with { type: 'json' }
import { foldWords } from '../privacy/fold.js'

import { LANGS, type Lang } from '../i18n/languages.js'

export type { Lang }

/** One word of a keyword: a stem, a whole word, or a gap of up to three words. */
type Part = { stem: string; exact: boolean } | { gap: true }

/** A compiled keyword. */
export interface Keyword {
  id: number
  right: string
  weight: number
  langs: Set<Lang>
  parts: Part[]
  /** For regular-expression entries. */
  re?: RegExp
}

/** Parses one catalog entry; returns null for an empty one. */
export function parseEntry(entry: string): { parts: Part[]; re?: RegExp; weight: number } | null {
  let text = entry.trim()
  let weight = 1
  const at = /@(\d+(?:\.\d+)?)$/.exec(text)
  if (at !== null) {
    weight = Number(at[1])
    text = text.slice(0, at.index).trim()
  }
  if (text.startsWith('re:')) return { parts: [], re: new RegExp(text.slice(3), 'gu'), weight }
  const parts: Part[] = []
  for (const raw of text.split(/\s+/)) {
    if (raw === '*') {
      parts.push({ gap: true })
      continue
    }
    const exact = raw.endsWith('$')
    for (const stem of foldWords(exact ? raw.slice(0, -1) : raw).split(' ')) {
      if (stem !== '') parts.push({ stem, exact })
    }
  }
  return parts.length === 0 ? null : { parts, weight }
}

const size = (k: Keyword): number =>
  k.parts.reduce((n, p) => n + ('gap' in p ? 0 : p.stem.length + 1), 0)

/** The compiled catalog: keywords indexed by the first one to three letters of their first word. */
export interface Catalog {
  index: Map<string, Keyword[]>
  patterns: Keyword[]
  count: number
}

/** Compiles a catalog object shaped like `catalog/keywords.json`. */
export function compileCatalog(table: Record<string, unknown>): Catalog {
  const index = new Map<string, Keyword[]>()
  const patterns: Keyword[] = []
  const seen = new Map<string, Keyword>()
  let id = 0
  for (const [key, langs] of Object.entries(table)) {
    if (key.startsWith('_') || typeof langs !== 'object' || langs === null) continue
    // "discrimination+violence": the entries count for each right named.
    for (const right of key.split('+')) for (const lang of LANGS) {
      for (const entry of (langs as Partial<Record<Lang, string[]>>)[lang] ?? []) {
        const parsed = parseEntry(entry)
        if (parsed === null) continue
        const sig = `${right}|${parsed.re?.source ?? JSON.stringify(parsed.parts)}`
        const known = seen.get(sig)
        if (known !== undefined) {
          known.langs.add(lang)
          known.weight = Math.max(known.weight, parsed.weight)
          continue
        }
        const k: Keyword = { id: id++, right, langs: new Set([lang]), ...parsed }
        seen.set(sig, k)
        const first = k.parts[0]
        if (k.re !== undefined) patterns.push(k)
        else if (first !== undefined && !('gap' in first)) {
          const key = first.stem.slice(0, 3)
          const list = index.get(key) ?? []
          list.push(k)
          index.set(key, list)
        }
      }
    }
  }
  for (const list of index.values()) list.sort((a, b) => size(b) - size(a))
  return { index, patterns, count: id }
}

/** Does `parts[p…]` match `words` from position `i`? Returns the end position or -1. */
function matchAt(parts: Part[], p: number, words: string[], i: number): number {
  if (p === parts.length) return i
  const part = parts[p] as Part
  if ('gap' in part) {
    for (let skip = 0; skip <= 3 && i + skip <= words.length; skip++) {
      const end = matchAt(parts, p + 1, words, i + skip)
      if (end >= 0) return end
    }
    return -1
  }
  const w = words[i]
  if (w === undefined) return -1
  if (part.exact ? w !== part.stem : !w.startsWith(part.stem)) return -1
  return matchAt(parts, p + 1, words, i + 1)
}

/**
 * Keywords present in a folded text. At each word, the longest keyword of each right wins and
 * the words it covers are not matched again for that right.
 */
export function findKeywords(catalog: Catalog, folded: string): Keyword[] {
  const words = folded.length === 0 ? [] : folded.split(' ')
  const hits: Keyword[] = []
  const freeFrom = new Map<string, number>()
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string
    const done = new Set<string>()
    for (let n = Math.min(3, w.length); n >= 1; n--) {
      const list = catalog.index.get(w.slice(0, n))
      if (list === undefined) continue
      for (const k of list) {
        if (done.has(k.right) || (freeFrom.get(k.right) ?? 0) > i) continue
        const end = matchAt(k.parts, 0, words, i)
        if (end < 0) continue
        hits.push(k)
        done.add(k.right)
        freeFrom.set(k.right, end)
      }
    }
  }
  for (const k of catalog.patterns) {
    const re = k.re as RegExp
    re.lastIndex = 0
    for (const _ of folded.matchAll(re)) hits.push(k)
  }
  return hits
}

/** The project's catalog, compiled at load. */
export const CATALOG = compileCatalog(kw as unknown as Record<string, unknown>)
