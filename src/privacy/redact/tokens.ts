/**
 * @module privacy/redact/tokens
 * Word tokens with their case and the text between them, and a matcher for multi-word phrases
 * over those tokens ("je m'appelle" is three tokens: `je`, `m`, `appelle`).
 */

/** One word of the original text. */
export interface Token {
  start: number
  end: number
  /** Folded form (lower case, no accents). */
  f: string
  /** Starts with an upper-case letter. */
  cap: boolean
  /** Only upper-case letters (an acronym, or shouting). */
  upper: boolean
}

const WORD = /[\p{L}\p{M}]+(?:-[\p{L}\p{M}]+)*/gu
/** Akan names written with "N'" (N'Guessan, N'Dri, N'Goran, N'Zi…), never French "n'" + a verb. */
const AKAN_N = /^(?:guessan|dri|goran|zi|da|cho|zue|golo|douba|gbesso|kanza|dja)$/

/**
 * Splits the text into words. "N'Guessan", "O'Neil" and "D'Angelo" stay one word (one upper-case
 * letter, an apostrophe, an upper-case word); "d'Abidjan" and "m'appelle" split at the apostrophe.
 */
export function tokenize(text: string, folded: string): Token[] {
  const out: Token[] = []
  for (const m of text.matchAll(WORD)) {
    const start = m.index
    const end = start + m[0].length
    const first = m[0][0] as string
    const cap = first !== first.toLowerCase()
    const upper = m[0] === m[0].toUpperCase() && m[0] !== m[0].toLowerCase()
    const prev = out[out.length - 1]
    if (
      prev !== undefined && prev.end === start - 1 && prev.end - prev.start === 1 && prev.cap &&
      cap && /['’]/.test(text[start - 1] as string)
    ) {
      prev.end = end
      prev.f = folded.slice(prev.start, end)
      prev.upper = prev.upper && upper
      continue
    }
    // Akan names in lower case ("yao n'guessan", "n'dri"): "n'" + the name is one word.
    if (
      prev !== undefined && prev.end === start - 1 && folded.slice(prev.start, prev.end) === 'n' &&
      /['’]/.test(text[start - 1] as string) && AKAN_N.test(folded.slice(start, end))
    ) {
      prev.end = end
      prev.f = `n'${folded.slice(start, end)}`
      continue
    }
    // Ligatures are spelt out in the folded form words are compared in ("sœur" → "soeur").
    const f = folded.slice(start, end).replace(/œ/g, 'oe').replace(/æ/g, 'ae')
    out.push({ start, end, f, cap, upper })
  }
  return out
}

const TOKENS = new WeakMap<object, Token[]>()
/** `tokenize` of one redaction input, computed once for every detector that needs it. */
export function tokensOf(input: { text: string; folded: string }): Token[] {
  let toks = TOKENS.get(input)
  if (toks === undefined) TOKENS.set(input, (toks = tokenize(input.text, input.folded)))
  return toks
}

/** The text between token `i - 1` and token `i` (or before the first token). */
export function gapBefore(text: string, toks: Token[], i: number): string {
  const t = toks[i]
  if (t === undefined) return ''
  return text.slice(i > 0 ? (toks[i - 1] as Token).end : 0, t.start)
}

/** Phrases indexed by first word, longest first. A trailing `:` must follow in the text. */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, { words: string[]; colon: boolean }[]>()

  constructor(phrases: Iterable<string>) {
    for (const p of phrases) {
      const words = p.split(/[^\p{L}\p{M}-]+/u).filter((w) => w.length > 0)
      const first = words[0]
      if (first === undefined) continue
      const list = this.byFirst.get(first) ?? []
      list.push({ words, colon: p.trim().endsWith(':') })
      list.sort((a, b) => b.words.length - a.words.length)
      this.byFirst.set(first, list)
    }
  }

  /** Index just past the longest phrase starting at token `i`, or -1. */
  match(text: string, toks: Token[], i: number): number {
    const list = this.byFirst.get((toks[i] as Token).f)
    if (list === undefined) return -1
    outer: for (const { words, colon } of list) {
      if (i + words.length > toks.length) continue
      for (let k = 1; k < words.length; k++) {
        if ((toks[i + k] as Token).f !== words[k]) continue outer
        if (!/^[\s'’]*$/.test(gapBefore(text, toks, i + k))) continue outer
      }
      const end = i + words.length
      if (colon && !gapBefore(text, toks, end).includes(':')) continue
      return end
    }
    return -1
  }
}
