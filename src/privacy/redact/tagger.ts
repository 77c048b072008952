/**
 * @module privacy/redact/tagger
 * A learned name tagger beside the rules: an averaged perceptron over word features
 * (`tagger-features`), trained by `scripts/train-redaction.ts` on the names of the annotated
 * corpus into `catalog/name-model.json` (data, in git; `test/name-model.test.ts` fails when it
 * is stale). It finds names the rules have no cue for: a lower-case nickname ("kevin",
 * "lupita"), a full name in mid-sentence, an employer household's surname.
 *
 * Its spans go to the same resolver as the rules' (`redact.ts`); what it finds that the rules
 * do not is removed too. Words the corpus uses often and never as a name (`common`), function
 * words and titles are never scored, which keeps it cheap and keeps facts.
 * Pure and synchronous: no I/O, no randomness.
 */
import data from '../../../catalog/name-model.json' with { type: 'json' }
import { candidate, sentence, TEMPLATES, values } from './tagger-features.js'
import { gapBefore, type Token } from './tokens.js'
import type { Span } from './types.js'
import { LEXICONS } from './lexicon.js'
import { PLACE_NOUNS, REGIONS } from './words.js'

/** The shape of `catalog/name-model.json`. */
export interface NameModelFile {
  _about?: string
  format: 1
  corpus: { sha256: string; messages: number }
  training: Record<string, number | string>
  /** A word is a name when its score exceeds this (same units as the weights). */
  threshold: number
  /** Weights are integers: divide by this. */
  scale: number
  /** Frequent words of the corpus never seen as a name: not scored. */
  common: string[]
  weights: Record<string, number>
}

/** A model ready to tag. */
export interface NameModel {
  threshold: number
  common: ReadonlySet<string>
  /** One table per feature template (`TEMPLATES`), keyed by the feature's value. */
  tables: ReadonlyMap<string, number>[]
}

export function compileNameModel(file: NameModelFile): NameModel {
  const index = new Map<string, number>(TEMPLATES.map((t, k) => [t, k]))
  const tables = TEMPLATES.map(() => new Map<string, number>())
  for (const [name, w] of Object.entries(file.weights)) {
    const colon = name.indexOf(':')
    const k = index.get(colon < 0 ? name : name.slice(0, colon))
    if (k !== undefined) tables[k]!.set(colon < 0 ? '' : name.slice(colon + 1), w)
  }
  return { threshold: file.threshold, common: new Set(file.common), tables }
}

/** The committed model. */
export const NAME_MODEL: NameModel = compileNameModel(data as NameModelFile)

const buffer: (string | undefined)[] = []

/** The tagger's score of each token (NaN where it is not scored). */
export function scores(model: NameModel, text: string, toks: Token[]): Float64Array {
  const s = sentence(text, toks, model.common)
  const out = new Float64Array(toks.length).fill(Number.NaN)
  for (let i = 0; i < toks.length; i++) {
    if (!candidate(s, i)) continue
    values(s, i, buffer)
    let sum = 0
    for (let k = 0; k < buffer.length; k++) {
      const v = buffer[k]
      if (v !== undefined) sum += model.tables[k]!.get(v) ?? 0
    }
    out[i] = sum
  }
  return out
}

/** A word right before a region ("Torreón, Coahuila", "Dalton Georgia") is a town. */
function beforeRegion(text: string, toks: Token[], i: number): boolean {
  const next = toks[i + 1]
  return next !== undefined && next.cap && REGIONS.has(next.f) && /^,?[ \t]+$/.test(gapBefore(text, toks, i + 1))
}

/** Number words of every language: "trois Guinéens", "40 Haitians" count people, not a person. */
const COUNTS = new Set(LEXICONS.flatMap((l) => Object.keys(l.numbers?.words ?? {})))
/** Prepositions after which a word is a place ("in Belle Glade", "en Santa Lucía"). */
const PLACE_PREP = new Set(['in', 'en', 'near', 'pres', 'cerca'])

/**
 * The word before token `i` makes it a place, a workplace or a group, not a person: a place or
 * workplace noun ("finca Tela", "hévéa Grand-Lahou", "depuis Ouagadougou"), a preposition of
 * place, or a count. A context rule over what the tagger learned: these words are rarely beside
 * names in the corpus, so their weights alone do not stop an unseen place.
 */
function notPersonContext(text: string, toks: Token[], i: number): boolean {
  // The capitalised words of one proper noun share its context ("empresa Hilos Ceibeños").
  let k = i
  while (k > 0 && k > i - 3 && toks[k - 1]!.cap && /^[ \t]+$/.test(gapBefore(text, toks, k))) k--
  const prev = toks[k - 1]
  if (prev === undefined || !/^[ \t]+$/.test(gapBefore(text, toks, k))) return false
  return PLACE_NOUNS.has(prev.f) || PLACE_PREP.has(prev.f) || COUNTS.has(prev.f) || /^\d+$/.test(prev.f)
}

/** Below the threshold, a word beside a name still joins it when it scores above this. */
const JOIN = -300

/**
 * Name spans: runs of tagged words with only spaces between them, and every other occurrence of
 * a tagged word of three letters or more in the same case (a person named twice). `seeds` marks
 * words the rules already took as names: a capitalised word beside a name (tagged or seed)
 * joins it when its score is above `JOIN` ("que Xitlali Ortega Tzunún": the rules know the
 * surnames, the tagger says the word before them is a name too, not a company's).
 */
export function tagNames(model: NameModel, text: string, toks: Token[], seeds?: Uint8Array): Span[] {
  const sc = scores(model, text, toks)
  const named = new Uint8Array(toks.length)
  const words = new Set<string>()
  let any = false
  for (let i = 0; i < toks.length; i++) {
    if (!(sc[i]! > model.threshold) || beforeRegion(text, toks, i) || (!seeds?.[i] && notPersonContext(text, toks, i))) continue
    named[i] = 1
    any = true
    const t = toks[i] as Token
    if (t.end - t.start >= 3) words.add(`${t.cap ? 'C' : 'c'}${t.f}`)
  }
  if (!any && (seeds === undefined || !seeds.includes(1))) return []
  if (any) {
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i] as Token
      if (!named[i] && words.has(`${t.cap ? 'C' : 'c'}${t.f}`)) named[i] = 1
    }
  }
  const spaced = (j: number): boolean => /^[ \t\u00a0]+$/.test(gapBefore(text, toks, j))
  const joins = (k: number): boolean =>
    !named[k] && !seeds?.[k] && (toks[k] as Token).cap && sc[k]! > JOIN
  // Grow names (tagged or the rules') over capitalised neighbours the tagger leans to.
  for (let i = 0; i < toks.length; i++) {
    if (!named[i] && !seeds?.[i]) continue
    for (let k = i - 1; k >= 0 && k >= i - 2 && spaced(k + 1) && joins(k); k--) named[k] = 2
    for (let k = i + 1; k < toks.length && k <= i + 2 && spaced(k) && joins(k); k++) named[k] = 2
  }
  const out: Span[] = []
  for (let i = 0; i < toks.length; i++) {
    if (!named[i] && !seeds?.[i]) continue
    let j = i + 1
    while (j < toks.length && (named[j] || seeds?.[j]) && spaced(j)) j++
    // Only runs that hold a word the tagger found add anything to the rules' spans.
    let mine = false
    for (let k = i; k < j; k++) if (named[k]) mine = true
    if (mine) {
      const first = toks[i] as Token
      const last = toks[j - 1] as Token
      out.push({ kind: 'name', start: first.start, end: last.end, key: `tag:${toks.slice(i, j).map((t) => t.f).join(' ')}` })
    }
    i = j - 1
  }
  return out
}
