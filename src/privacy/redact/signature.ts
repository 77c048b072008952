/**
 * @module privacy/redact/signature
 * Names written next to the reporter's own contact, as a signature:
 * - the words of an e-mail's local part, a handle or a profile URL's last path segment, when the
 *   same words stand just before it (at most four words back, in the same sentence), whatever
 *   their case: "denis ouellet, denis.ouellet64@videotron.ca", "Joy joy.dmaligaya@yahoo.com";
 * - one to three capitalised words that open a sentence and run straight into a phone number or
 *   an e-mail, when one of them is a known given name or surname or there are two or more:
 *   "Fatima Zahra 0662-18-45-93", "Lisa Chiasson, 22 Harbour Rd" (an address counts too).
 */
import { known } from './name-rules.js'
import { gapBefore, tokensOf, type Token } from './tokens.js'
import type { Input, Span } from './types.js'
import { JOBS, NOT_NAME, REGIONS } from './words.js'

/** Letter runs of 3+ in the identifying part of a contact (`value` already folded). */
function contactWords(value: string): Set<string> {
  const part = value.includes('@') && !value.startsWith('@')
    ? value.slice(0, value.indexOf('@'))
    : value.replace(/\/+$/, '').split('/').pop() ?? value
  return new Set(part.match(/\p{L}{3,}/gu) ?? [])
}

const SENTENCE = /[.!?\n]/

/** Index of the last token that ends before `at`, or -1. */
function before(toks: Token[], at: number): number {
  let i = -1
  for (let k = 0; k < toks.length && (toks[k] as Token).end <= at; k++) i = k
  return i
}

/** Words of the contact's own local part, just before it. */
function sameWords(input: Input, toks: Token[], c: Span): [number, number] | null {
  const words = contactWords(input.folded.slice(c.start, c.end))
  if (words.size === 0) return null
  const i = before(toks, c.start)
  let first = -1
  let last = -1
  for (let k = i; k >= 0 && k > i - 4; k--) {
    const t = toks[k] as Token
    if (SENTENCE.test(gapBefore(input.text, toks, k + 1))) break
    if (!words.has(t.f) || NOT_NAME.has(t.f)) continue
    first = k
    if (last < 0) last = k
  }
  return first < 0 ? null : [first, last]
}

/** Capitalised words opening a sentence and running into the contact. */
function openingName(input: Input, toks: Token[], c: Span): [number, number] | null {
  const last = before(toks, c.start)
  if (last < 0 || !/^[\s,:–-]*$/.test(input.text.slice((toks[last] as Token).end, c.start))) return null
  let first = last
  while (first > last - 3) {
    const t = toks[first] as Token
    if (!t.cap || t.upper || NOT_NAME.has(t.f) || JOBS.has(t.f) || REGIONS.has(t.f)) return null
    const gap = gapBefore(input.text, toks, first)
    if (first === 0 || SENTENCE.test(gap)) break
    if (!/^[ \t]+$/.test(gap)) return null
    first--
  }
  const run = toks.slice(first, last + 1)
  const opens = first === 0 || SENTENCE.test(gapBefore(input.text, toks, first))
  if (!opens || (run.length < 2 && !known((run[0] as Token).f))) return null
  return [first, last]
}

/** Name spans for the words around each contact (`contacts`: e-mail, URL, handle, phone, address spans). */
export function findSignatureNames(input: Input, contacts: readonly Span[]): Span[] {
  if (contacts.length === 0) return []
  const toks = tokensOf(input)
  const out: Span[] = []
  for (const c of contacts) {
    const web = c.kind === 'email' || c.kind === 'url' || c.kind === 'handle'
    const found = (web ? sameWords(input, toks, c) : null) ?? (c.kind !== 'url' ? openingName(input, toks, c) : null)
    if (found === null) continue
    const start = (toks[found[0]] as Token).start
    const end = (toks[found[1]] as Token).end
    out.push({ kind: 'name', start, end, key: `sig:${input.folded.slice(start, end)}` })
  }
  return out
}
