/**
 * @module privacy/redact/tagger-features
 * What the learned name tagger sees of one word: its folded form, affixes, shape and case,
 * the words around it, lexicon membership (given names, surnames, words that are never names,
 * jobs, regions, titles) of it and its neighbours, and its position in the sentence. Shared by
 * training (`scripts/train-redaction.ts`) and tagging (`redact/tagger`), so both see the same.
 */
import { AMBIGUOUS, GIVEN, SURNAMES, WORDS_TOO } from './lexicon.js'
import { gapBefore, type Token } from './tokens.js'
import { JOBS, NOT_NAME, ORG_HEAD, ORG_OR_PLACE_AFTER, PLACE_BEFORE, PLACE_NOUNS, REGIONS, TITLES } from './words.js'

/** Lexicon membership of a folded word, as one letter. */
export function lexClass(f: string): string {
  if (f === '') return '_'
  if (NOT_NAME.has(f)) return 'n'
  if (TITLES.has(f)) return 't'
  if (AMBIGUOUS.has(f)) return 'a'
  if (GIVEN.has(f)) return 'g'
  if (SURNAMES.has(f)) return 's'
  if (JOBS.has(f)) return 'j'
  if (REGIONS.has(f)) return 'r'
  if (PLACE_NOUNS.has(f)) return 'p'
  return 'o'
}

/** Case and length of a word: `Xx5` (capitalised, five letters or more), `x3`, `X2`. */
function shape(text: string, t: Token): string {
  const len = t.end - t.start
  const c = t.upper ? (len === 1 ? 'X' : 'XX') : t.cap ? 'Xx' : 'x'
  return c + (len >= 5 ? '5' : len >= 3 ? '3' : String(len)) + (text[t.end] === '.' && len <= 2 ? '.' : '')
}

/** The words of a text with what each one needs for features, computed once per text. */
export interface Sentence {
  text: string
  toks: Token[]
  /** No capitalised word longer than one letter in the whole text. */
  lower: boolean
  /** Lexicon classes (`lexClass`), filled in as features need them. */
  lex: (string | undefined)[]
  /**
   * Training only: words whose identity is hidden (no word feature, lexicon class "o", and no
   * word feature in their neighbours' features either), as a word never seen reads at tagging
   * time, so that the model also learns names no list holds.
   */
  hide?: Uint8Array
  /** The model's common words (never scored, but they say what is beside a word). */
  common: ReadonlySet<string>
  /** `common`, `NOT_NAME` and `TITLES` in one set. */
  skip: ReadonlySet<string>
}

export function sentence(text: string, toks: Token[], common: ReadonlySet<string>): Sentence {
  const lower = !toks.some((t) => t.cap && t.end - t.start > 1)
  return { text, toks, lower, lex: new Array<string>(toks.length), common, skip: skipOf(common) }
}

/** Words never scored: the model's common words, words that are never names, titles (one set). */
const SKIP = new WeakMap<ReadonlySet<string>, ReadonlySet<string>>()
function skipOf(common: ReadonlySet<string>): ReadonlySet<string> {
  let skip = SKIP.get(common)
  if (skip === undefined) SKIP.set(common, (skip = new Set([...common, ...NOT_NAME, ...TITLES])))
  return skip
}

/** Lexicon class of token `k`, computed when first needed ('_' outside the text). */
function lexAt(s: Sentence, k: number): string {
  const t = s.toks[k]
  if (t === undefined) return '_'
  return (s.lex[k] ??= lexClass(t.f))
}

/**
 * Token `k` is a capitalised ordinary word (a common word, a job, a region, a place or company
 * word) joined to token `i` by spaces only: "Keystone Cold Storage", "Textiles Santa Lucía" name
 * a business or a place, not a person.
 */
function capWordBeside(s: Sentence, i: number, k: number): boolean {
  const t = s.toks[k]
  if (t === undefined || !t.cap || s.lower) return false
  const gap = gapBefore(s.text, s.toks, Math.max(i, k))
  if (!/^[ \t]+$/.test(gap)) return false
  if (s.common.has(t.f)) return true
  const l = lexAt(s, k)
  if (l === 'j' || l === 'r' || l === 'p') return true
  return k < i ? ORG_HEAD.has(t.f) || PLACE_BEFORE.has(t.f) : ORG_OR_PLACE_AFTER.has(t.f)
}

/**
 * Token `i` is worth scoring: not a function word, a title, a one-letter word or a common word,
 * and, in text with capitals, capitalised or a known name.
 */
export function candidate(s: Sentence, i: number): boolean {
  const t = s.toks[i] as Token
  if (t.end - t.start < 2 || s.skip.has(t.f)) return false
  // A lower-case word in text that has capitals is a name only when a list knows it ("kevin")
  // and it is not also an ordinary word ("linda", "pierre").
  return t.cap || s.lower || ((GIVEN.has(t.f) || SURNAMES.has(t.f)) && !WORDS_TOO.has(t.f))
}

/**
 * Feature templates, in the order `values` fills them. A feature's name is `template:value`
 * ("w:kevin", "pw:told"); the tagger keeps one table per template, so that tagging looks up the
 * value alone (no string is built for the common case of a word's own form).
 */
export const TEMPLATES = [
  'b', 's3', 'p3', 'sh', 'shl', 'l', 'psh', 'pl', 'nl', 'org', 'w', 'pw', 'pw2', 'nw', 'art',
] as const

/** Definite articles: "el Gallo", "la Chabela", "le Grand Blanc" are nicknames as often as places. */
const ARTICLE = new Set(['el', 'la', 'le', 'the', 'los', 'las', 'les'])

/**
 * The value of each template for token `i`, in `out` (index as in `TEMPLATES`); `undefined`
 * where a template does not apply.
 */
export function values(s: Sentence, i: number, out: (string | undefined)[]): void {
  const { toks, text } = s
  const t = toks[i] as Token
  const f = t.f
  const prev = toks[i - 1]
  const next = toks[i + 1]
  const gap = gapBefore(text, toks, i)
  const start = i === 0 || /[.!?\n¡¿:]/.test(gap)
  const sh = shape(text, t)
  const hide = s.hide
  const pf = prev === undefined || start ? '<s>' : prev.f
  const nf = next === undefined || /[.!?\n]/.test(gapBefore(text, toks, i + 1)) ? '</s>' : next.f
  const psh = prev === undefined || start ? '<s>' : shape(text, prev)
  const nsh = nf === '</s>' ? '</s>' : shape(text, next as Token)
  const l = lexAt(s, i)
  const pl = pf === '<s>' ? '<' : lexAt(s, i - 1)
  const nl = nf === '</s>' ? '>' : lexAt(s, i + 1)
  const low = s.lower ? 'L' : 'C'
  // A hidden word (training only) has no word feature, and neither do its neighbours' features
  // that name it: an unseen word contributes nothing at tagging time either.
  const hid = (k: number): boolean => hide?.[k] === 1
  out[0] = ''
  out[1] = f.slice(-3)
  out[2] = f.slice(0, 3)
  out[3] = sh
  out[4] = sh + low + (start ? '^' : '')
  out[5] = l + low
  out[6] = psh + (gap.includes(',') ? ',' : '')
  out[7] = pl + l
  out[8] = l + nl + nsh
  out[9] = (capWordBeside(s, i, i - 1) ? 'p' : '') + (capWordBeside(s, i, i + 1) ? 'n' : '') + (t.cap ? 'C' : 'c')
  out[10] = hid(i) ? undefined : f
  out[11] = hid(i - 1) ? undefined : pf + low
  out[12] = hid(i - 1) || hid(i - 2) ? undefined : `${i > 1 && !start ? (toks[i - 2] as Token).f : '<s>'} ${pf}`
  out[13] = hid(i + 1) ? undefined : nf
  // After an article, what follows the word tells a nickname ("el Gallo, el mayordomo", "el
  // Pelón y su hijo") from an institution or a place ("la Fiscalía de Coahuila").
  out[14] = !start && ARTICLE.has(pf) ? `${sh}${l}${nf === '</s>' ? '>' : /,/.test(gapBefore(text, toks, i + 1)) ? ',' : nl}` : undefined
}

/** Feature names of token `i` (`template:value`), as training counts them. */
export function features(s: Sentence, i: number): string[] {
  const out: (string | undefined)[] = []
  values(s, i, out)
  const names: string[] = []
  TEMPLATES.forEach((name, k) => {
    const v = out[k]
    if (v !== undefined) names.push(k === 0 ? name : `${name}:${v}`)
  })
  return names
}
