/**
 * @module privacy/redact/people
 * Groups name runs into people (one placeholder per person) and redacts every other occurrence
 * of a person's words: "La supervisora Martha López … Martha … López" is one person, three
 * spans. A later run whose words are a subset or superset of an earlier person's is that person.
 */
import { PARTICLES, properNounContext, type Ctx } from './name-rules.js'
import type { Token } from './tokens.js'
import type { Span } from './types.js'
import { NOT_NAME, ORG_OR_PLACE_AFTER, TITLES } from './words.js'

interface Person {
  id: number
  words: Set<string>
  /** Found in lower case: its words count in lower case too. */
  lower: boolean
}

/** Name spans for the runs `[i, j)` and for the other occurrences of their words. */
export function people(c: Ctx, runs: { i: number; j: number }[], taken: Uint8Array): Span[] {
  const found: Person[] = []
  const spans: Span[] = []
  const personOf = (words: string[], lower: boolean): number => {
    for (const p of found) {
      if (words.every((w) => p.words.has(w)) || [...p.words].every((w) => words.includes(w))) {
        for (const w of words) p.words.add(w)
        p.lower ||= lower
        return p.id
      }
    }
    found.push({ id: found.length + 1, words: new Set(words), lower })
    return found.length
  }
  for (const { i, j } of [...runs].sort((a, b) => a.i - b.i)) {
    const toks = c.toks.slice(i, j)
    // A courtesy title at the start ("Mme Koné") is in the span but is not the person's word.
    const own = toks.filter((t, k) => !PARTICLES.has(t.f) && !(TITLES.has(t.f) && k < toks.length - 1))
    const words = own.map((t) => t.f)
    const id = personOf(words, !((own[0] ?? toks[0]) as Token).cap)
    const end = (toks[toks.length - 1] as Token).end
    spans.push({ kind: 'name', start: (toks[0] as Token).start, end, key: `p${id}` })
  }
  for (let i = 0; i < c.toks.length; i++) {
    const t = c.toks[i] as Token
    if (taken[i] || t.f.length < 3 || NOT_NAME.has(t.f) || PARTICLES.has(t.f)) continue
    const p = found.find((q) => q.words.has(t.f))
    if (p === undefined || (!t.cap && !p.lower)) continue
    if (properNounContext(c, i)) continue
    const next = c.toks[i + 1]
    if (next !== undefined && next.cap && ORG_OR_PLACE_AFTER.has(next.f)) continue
    spans.push({ kind: 'name', start: t.start, end: t.end, key: `p${p.id}` })
  }
  return spans
}
