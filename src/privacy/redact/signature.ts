/**
 * @module privacy/redact/signature
 * Names written next to the reporter's own contact: "denis ouellet, denis.ouellet64@videotron.ca",
 * "Joy joy.dmaligaya@yahoo.com", "Tasha tasha.rob on facebook". The words of an e-mail's local
 * part, a handle or a profile URL's last path segment are the person's name when the same words
 * stand just before it (at most four words back, in the same sentence), whatever their case.
 */
import { NOT_NAME } from './words.js'
import { gapBefore, tokenize } from './tokens.js'
import type { Input, Span } from './types.js'

/** Letter runs of 3+ in the identifying part of a contact, folded. */
function contactWords(value: string): Set<string> {
  const part = value.includes('@') && !value.startsWith('@')
    ? value.slice(0, value.indexOf('@'))
    : value.replace(/\/+$/, '').split('/').pop() ?? value
  return new Set(part.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').match(/\p{L}{3,}/gu) ?? [])
}

/** Name spans for the words before each contact (`contacts`: e-mail, URL and handle spans). */
export function findSignatureNames(input: Input, contacts: readonly Span[]): Span[] {
  if (contacts.length === 0) return []
  const toks = tokenize(input.text, input.folded)
  const out: Span[] = []
  for (const c of contacts) {
    const words = contactWords(input.text.slice(c.start, c.end))
    if (words.size === 0) continue
    let i = toks.findIndex((t) => t.start >= c.start) - 1
    if (i < -1) i = toks.length - 1
    let first = -1
    let last = -1
    for (let k = i; k >= 0 && k > i - 4; k--) {
      const t = toks[k]!
      if (t.end > c.start) continue
      if (/[.!?\n]/.test(gapBefore(input.text, toks, k + 1))) break
      if (!words.has(t.f) || NOT_NAME.has(t.f)) continue
      first = k
      if (last < 0) last = k
    }
    if (first < 0) continue
    const start = toks[first]!.start
    const end = toks[last]!.end
    out.push({ kind: 'name', start, end, key: `sig:${input.folded.slice(start, end)}` })
  }
  return out
}
