/**
 * @module routing/classify
 * Ranks the canonical rights a grievance is about, from its words in Spanish, French and
 * English (accent- and case-folded, matched as stems) and from the rights the reporter chose.
 *
 * The keywords are data (`catalog/keywords.json`, compiled by `routing/keywords`). Keywords of
 * the reporter's language weigh fully and the other languages' at 0.75, because workers mix
 * languages. A keyword counts fully once; its next two repeats add a quarter each.
 * Common SMS spellings are normalised first (`dont` → `don t`, `x` → `por`, `ns` → `nous`), so
 * keywords written in full still match.
 *
 * The keyword scores are then blended with a small naive Bayes model trained on the annotated
 * corpus (`routing/rights-model`, `catalog/rights-model.json`, `npm run train:rights`): each
 * right gains weight × the model's probability for it, so a message with no keyword still
 * ranks and words that usually go with a right count. The model's weight and calibration were
 * chosen by 5-fold cross-validation and are stored with it. Last, a small data table of
 * structural precedence (`PRECEDENCE`) lets forced labour, freedom of association, child labour,
 * discrimination, violence and enforcement outrank the pay, hours and safety evidence that
 * usually comes with them. Pure and synchronous: no I/O, no randomness.
 */
import { foldWords } from '../privacy/fold.js'
import { perLang } from '../i18n/languages.js'
import { CATALOG, findKeywords, type Catalog, type Lang } from './keywords.js'
import { MODEL, probabilities, type BlendConfig, type RightsModel } from './rights-model.js'

/** Canonical rights, independent of any agreement (design.md §3). */
export const RIGHTS = [
  'freedom_of_association', 'forced_labor', 'child_labor', 'discrimination', 'wages',
  'working_hours', 'safety_health', 'violence', 'migrant_workers', 'enforcement', 'other',
] as const

export type Right = (typeof RIGHTS)[number]

/** One ranked right. */
export interface Ranked {
  right: string
  score: number
}

/** Added to a right the reporter chose. */
const CHOSEN_BOOST = 3
/** Weight of a keyword from another language than the reporter's. */
const OTHER_LANG = 0.75
/** Weight of each repeat of a keyword already counted (at most two repeats count). */
const REPEAT = 0.25

/**
 * Structural precedence: when a message has evidence of a structural right and of a condition
 * of work it usually comes with, the structural right is what the grievance is about. Wages
 * withheld until the season ends are forced labour, hours cut after a petition are an attack
 * on freedom of association, children on night shifts are child labour, a machete shown to
 * workers asking for their pay is violence. ILO fundamental principles (association, forced and
 * child labour, discrimination), violence and the failure of the authorities (enforcement) take
 * precedence over pay, hours, safety and migrant status, which stay ranked but behind.
 *
 * Data: target right → { subordinate right: share }. Once the target's blended score (keywords +
 * model) reaches `PRECEDENCE_MIN`, it gains share × the largest of its subordinates' scores.
 * Chosen by 5-fold cross-validation (`npm run train:rights -- --cv`); the pairs agree with the
 * corpus' annotations, where the target is the primary right in nearly every message labelled
 * with both, and a table learned inside each training fold scores the same.
 */
export const PRECEDENCE: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  forced_labor: { wages: 0.5, working_hours: 0.5, migrant_workers: 0.5 },
  freedom_of_association: { wages: 0.5, working_hours: 0.5, safety_health: 0.5 },
  child_labor: { wages: 0.5, working_hours: 0.5, safety_health: 0.5 },
  violence: { wages: 0.5, working_hours: 0.5, safety_health: 0.5 },
  discrimination: { wages: 0.5, working_hours: 0.5, violence: 0.5 },
  enforcement: { wages: 0.5, safety_health: 0.5 },
}
/** A target right's own score needed before its subordinates' evidence counts for it. */
export const PRECEDENCE_MIN = 1

/**
 * Low-evidence rule: `other` (a question about the hotline, a receipt, a greeting, a plant
 * moving abroad, paperwork or a problem unrelated to work) has few keywords (only explicit ones:
 * "not about work", "mi pensión") and little weight in the model, so weak echoes of pay or
 * safety words used to fill the whole ranking. When the best
 * right's text evidence (keywords + model + precedence, before the reporter's choices) is below
 * `second`, `other` is ranked just below it (`MARGIN` less); below `first`, just above it. A real
 * grievance with one clear keyword and the model's agreement scores well above both. Absolute
 * thresholds on the blended score, chosen by 5-fold cross-validation (`npm run train:rights --
 * --cv`, "low-evidence rule" rows), on every message's top-3 with the `other` items' top-3 next.
 */
export interface LowEvidence {
  /** Below this best score, `other` is ranked second. */
  second: number
  /** Below this best score, `other` is ranked first. */
  first: number
}
export const LOW_EVIDENCE: LowEvidence = { second: 4, first: 2 }
/** How far `other` sits from the best right under the low-evidence rule. */
const MARGIN = 0.05

const ORDER = new Map<string, number>(RIGHTS.map((r, i) => [r, i]))

/** SMS spellings, per reporter language, as folded words → the folded words the keywords use (registry data). */
const SMS: Record<Lang, Map<string, string>> = perLang((l) => new Map(Object.entries(l.spellings)))

/**
 * The last `words` result: intake reads one description several times (keywords, the model,
 * the facets), and folding it is a good part of each read. Pure, so a repeat is the same string.
 */
let last = { text: '', lang: '' as Lang | '', words: '' }

/** Folded words of `text`, with the reporter language's SMS spellings written out. */
export function words(text: string, lang: Lang): string {
  if (text === last.text && lang === last.lang) return last.words
  const out = spellOut(text, lang)
  // Only long texts are kept: short ones (a clause, an SMS word) cost little and would evict them.
  if (text.length >= 64) last = { text, lang, words: out }
  return out
}

/** `words` without the cache (for many short pieces of one text, which would evict it). */
export function spellOut(text: string, lang: Lang): string {
  const folded = foldWords(text)
  const table = SMS[lang]
  if (table === undefined) return folded
  let changed = false
  const out = folded.split(' ').map((w) => {
    const full = table.get(w)
    if (full === undefined) return w
    changed = true
    return full
  })
  return changed ? out.join(' ') : folded
}

/** Redaction placeholders (`[NAME-1]`), which carry no meaning for the model. */
const PLACEHOLDER = /\[[A-Z]+-\d+\]/g

/** The folded words the model reads: `words` without redaction placeholders. */
export function modelWords(text: string, lang: Lang): string {
  return words(text.includes('[') ? text.replace(PLACEHOLDER, ' ') : text, lang)
}

/** Keyword score of each right found in folded words (`words` output). */
export function keywordScores(folded: string, lang: Lang, catalog: Catalog = CATALOG): Map<string, number> {
  const scores = new Map<string, number>()
  const times = new Map<number, number>()
  for (const k of findKeywords(catalog, folded)) {
    const n = times.get(k.id) ?? 0
    times.set(k.id, n + 1)
    if (n > 2) continue
    const w = k.weight * (k.langs.has(lang) ? 1 : OTHER_LANG) * (n === 0 ? 1 : REPEAT)
    scores.set(k.right, (scores.get(k.right) ?? 0) + w)
  }
  return scores
}

/**
 * Applies `table` (shaped like `PRECEDENCE`) to `scores` in place: each target right whose own
 * score reaches `min` gains share × the largest score among its subordinates, all read before
 * any change.
 */
export function applyPrecedence(
  scores: Map<string, number>,
  table: Readonly<Record<string, Readonly<Record<string, number>>>> = PRECEDENCE,
  min = PRECEDENCE_MIN,
): void {
  const before = new Map(scores)
  for (const [target, from] of Object.entries(table)) {
    const own = before.get(target) ?? 0
    if (own < min) continue
    let extra = 0
    for (const [right, share] of Object.entries(from)) extra = Math.max(extra, (before.get(right) ?? 0) * share)
    if (extra > 0) scores.set(target, own + extra)
  }
}

/**
 * Blends keyword scores with the model's probabilities (in `rights` order; null for none) and
 * the reporter's choices into the ranked result. The model adds `other` like any right (its
 * labelled messages teach it: questions, paperwork, trouble away from work); `other` is also what
 * is left when nothing else scores, and what the low-evidence rule (`LOW_EVIDENCE`, or `low`)
 * ranks next to a weak best right. With no keyword, the model adds only if its best right other
 * than `other` reaches `blend.gate`; probabilities under `blend.floor` add nothing. Structural precedence
 * (`PRECEDENCE`, or `precedence`; `{}` for none) applies to the blended scores, before the
 * reporter's choices are added.
 */
export function combine(
  keywords: ReadonlyMap<string, number>,
  probs: readonly number[] | null,
  rights: readonly string[],
  blend: BlendConfig,
  chosen?: readonly string[],
  precedence: Readonly<Record<string, Readonly<Record<string, number>>>> = PRECEDENCE,
  low: LowEvidence = LOW_EVIDENCE,
): Ranked[] {
  const scores = new Map(keywords)
  if (probs !== null && blend.weight > 0) {
    let best = 0
    rights.forEach((r, i) => {
      if (r !== 'other') best = Math.max(best, probs[i] ?? 0)
    })
    if (keywords.size > 0 || best >= blend.gate) {
      rights.forEach((r, i) => {
        const p = probs[i] ?? 0
        if (p < blend.floor) return
        scores.set(r, (scores.get(r) ?? 0) + blend.weight * p)
      })
    }
  }
  applyPrecedence(scores, precedence)
  let top = 0
  for (const [r, v] of scores) if (r !== 'other') top = Math.max(top, v)
  if (top > 0 && top < low.second) {
    const other = top < low.first ? top + MARGIN : Math.max(top - MARGIN, top / 2)
    scores.set('other', Math.max(scores.get('other') ?? 0, other))
  }
  for (const c of chosen ?? []) {
    if (ORDER.has(c)) scores.set(c, (scores.get(c) ?? 0) + CHOSEN_BOOST)
  }
  const ranked = [...scores]
    .map(([right, score]) => ({ right, score: Math.round(score * 100) / 100 }))
    .filter((r) => r.score > 0)
  if (ranked.length === 0) return [{ right: 'other', score: 1 }]
  return ranked.sort(
    (a, b) => b.score - a.score || (ORDER.get(a.right) ?? 99) - (ORDER.get(b.right) ?? 99),
  )
}

/**
 * Ranks canonical rights for a grievance.
 *
 * @param text the grievance (original or redacted)
 * @param lang the reporter's language; keywords of every language count, this one's fully
 * @param chosen rights the reporter picked; they are always in the result, with a boost
 * @returns rights with a score above zero, best first; `[{ right: 'other', … }]` if none
 * @example
 * classify('nos despidieron por afiliarnos al sindicato', 'es')[0]?.right
 * // 'freedom_of_association'
 */
export function classify(text: string, lang: Lang, chosen?: readonly string[]): Ranked[] {
  return classifyWith(MODEL, text, lang, chosen)
}

/** `classify` with another model (for training and tests). */
export function classifyWith(
  model: RightsModel,
  text: string,
  lang: Lang,
  chosen?: readonly string[],
): Ranked[] {
  return rankEvidence(evidenceWith(model, text, lang), chosen)
}

/**
 * What the text says, before the reporter's choices: keyword scores and the model's
 * probabilities. Intake ranks the same text with and without the choices; computing this once
 * and ranking it twice (`rankEvidence`) gives the same results as two `classify` calls.
 */
export interface Evidence {
  model: RightsModel
  /** Keyword scores of the folded words (`keywordScores(words(text, lang), lang)`). */
  keywords: ReadonlyMap<string, number>
  probs: readonly number[] | null
}

/** The text's evidence under `model` (the shipped one by default). */
export function evidenceWith(model: RightsModel, text: string, lang: Lang): Evidence {
  const keywords = keywordScores(words(text, lang), lang)
  const probs = model.blend.weight > 0 ? probabilities(model, modelWords(text, lang)) : null
  return { model, keywords, probs }
}

export function evidence(text: string, lang: Lang): Evidence {
  return evidenceWith(MODEL, text, lang)
}

/** Ranks the evidence with the reporter's choices: `classify(text, lang, chosen)`. */
export function rankEvidence(e: Evidence, chosen?: readonly string[]): Ranked[] {
  return combine(e.keywords, e.probs, e.model.rights, e.model.blend, chosen)
}
