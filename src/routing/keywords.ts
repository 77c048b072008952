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
  /** The right of each keyword (by id) as a small number, for `findKeywords`' per-right state. */
  rightOf: Int32Array
  /** How many distinct rights the keywords name. */
  rights: number
  /**
   * For a word of a text: the indexed keywords whose first word it matches, in the order
   * `findKeywords` tries them. Filled as texts are read with the words that start at least one
   * keyword (vocabularies are small); bounded.
   */
  candidates: Map<string, Keyword[]>
}

/** Past this many distinct words, a catalog's candidate cache starts again. */
const CANDIDATE_CACHE = 50_000
const NONE: Keyword[] = []

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
  const rightIds = new Map<string, number>()
  const rightOf = new Int32Array(id)
  for (const k of seen.values()) {
    let r = rightIds.get(k.right)
    if (r === undefined) rightIds.set(k.right, (r = rightIds.size))
    rightOf[k.id] = r
  }
  return { index, patterns, count: id, rightOf, rights: rightIds.size, candidates: new Map() }
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
 * The keywords a word may start: those of its one- to three-letter prefixes' lists (longest
 * prefix first, each list longest keyword first) whose first word it matches. Leaving out the
 * others changes nothing: `matchAt` would refuse them at their first word.
 */
function candidatesFor(catalog: Catalog, w: string): Keyword[] {
  const cached = catalog.candidates.get(w)
  if (cached !== undefined) return cached
  let out: Keyword[] = NONE
  for (let n = Math.min(3, w.length); n >= 1; n--) {
    const list = catalog.index.get(w.slice(0, n))
    if (list === undefined) continue
    for (const k of list) {
      const first = k.parts[0] as { stem: string; exact: boolean }
      if (first.exact ? w !== first.stem : !w.startsWith(first.stem)) continue
      if (out === NONE) out = []
      out.push(k)
    }
  }
  // Only words that start a keyword are kept (catalog words such as "sindicatos", not the
  // names or numbers a reporter typed, which are most of the rest).
  if (out === NONE) return out
  if (catalog.candidates.size >= CANDIDATE_CACHE) catalog.candidates.clear()
  catalog.candidates.set(w, out)
  return out
}

/**
 * Keywords present in a folded text. At each word, the longest keyword of each right wins and
 * the words it covers are not matched again for that right.
 */
export function findKeywords(catalog: Catalog, folded: string): Keyword[] {
  const words = folded.length === 0 ? [] : folded.split(' ')
  const hits: Keyword[] = []
  // Per right (catalog.rightOf): the first word it may match again, and the last word where a
  // keyword of it matched (one keyword per right per word). Arrays, not maps: this is intake's
  // innermost loop.
  const freeFrom = new Int32Array(catalog.rights)
  const doneAt = new Int32Array(catalog.rights).fill(-1)
  const { rightOf } = catalog
  for (let i = 0; i < words.length; i++) {
    for (const k of candidatesFor(catalog, words[i] as string)) {
      const r = rightOf[k.id] as number
      if (doneAt[r] === i || (freeFrom[r] as number) > i) continue
      const end = matchAt(k.parts, 0, words, i)
      if (end < 0) continue
      hits.push(k)
      doneAt[r] = i
      freeFrom[r] = end
    }
  }
  // `exec` on the global pattern itself, as `matchAll` does on a copy (a new RegExp per
  // pattern per text). No pattern matches the empty string; were one to, step as matchAll does.
  for (const k of catalog.patterns) {
    const re = k.re as RegExp
    re.lastIndex = 0
    for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
      hits.push(k)
      if (m[0] === '') re.lastIndex += (folded.codePointAt(re.lastIndex) ?? 0) > 0xffff ? 2 : 1
    }
  }
  return hits
}

/** The project's catalog, compiled at load. */
export const CATALOG = compileCatalog(kw as unknown as Record<string, unknown>)
