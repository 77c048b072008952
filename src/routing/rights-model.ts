/**
 * @module routing/rights-model
 * A small naive Bayes model of which canonical right a grievance is about, trained from the
 * annotated corpus by `scripts/train-rights.ts` into `catalog/rights-model.json` (data, in git).
 * `routing/classify` blends its probabilities with the keyword scores, so that messages with
 * no keyword at all still rank, and so that words seen next to a right in the corpus count.
 *
 * Features come from the folded words (with SMS spellings written out): word unigrams, word
 * bigrams and character n-grams inside words (padded with `_`), each counted once per message.
 * The file stores, per feature, the log-likelihood of each right (centred on the feature's mean,
 * in units of 1/scale nats); only the features kept at training are known, others are ignored.
 * Everything is compiled once at module load. Pure and synchronous: no I/O, no randomness.
 */
import data from '../../catalog/rights-model.json' with { type: 'json' }

/** How messages are turned into features. */
export interface FeatureConfig {
  unigrams: boolean
  bigrams: boolean
  /** Character n-gram length inside padded words (`_word_`); 0 for none. */
  chars: number
}

/** How the model's probabilities are blended with the keyword scores (see `routing/classify`). */
export interface BlendConfig {
  /** Added to a right's score: weight × the model's probability of that right. */
  weight: number
  /** Log-probabilities are divided by this before normalising (naive Bayes is overconfident). */
  temperature: number
  /** Probabilities below this add nothing. */
  floor: number
  /** With no keyword at all, the model speaks only if its best right (not `other`) reaches this. */
  gate: number
}

/** The shape of `catalog/rights-model.json`. */
export interface ModelFile {
  _about?: string
  format: 1
  corpus: { sha256: string; messages: number }
  features: FeatureConfig
  training: Record<string, number | string>
  blend: BlendConfig
  rights: string[]
  /** Integer log-likelihoods are divided by this. */
  scale: number
  prior: number[]
  weights: Record<string, number[]>
}

/** A model ready to score. */
export interface RightsModel {
  rights: readonly string[]
  features: FeatureConfig
  blend: BlendConfig
  prior: Float64Array
  weights: Map<string, Float64Array>
}

/** Tokens made of digits longer than two characters (amounts, years, pieces of numbers). */
const LONG_NUMBER = /\d.*\d.*\d/

/**
 * Distinct features of folded words (`foldWords` output, SMS spellings written out).
 * @example features('no pagan', { unigrams: true, bigrams: true, chars: 4 })
 * // ['w:no', 'w:pagan', 'b:no pagan', 'c:_no_', 'c:_pag', …]
 */
export function features(folded: string, cfg: FeatureConfig): string[] {
  const out = new Set<string>()
  const words = folded === '' ? [] : folded.split(' ').filter((w) => !LONG_NUMBER.test(w))
  let prev = ''
  for (const w of words) {
    if (cfg.unigrams) out.add(`w:${w}`)
    if (cfg.bigrams && prev !== '') out.add(`b:${prev} ${w}`)
    prev = w
    const n = cfg.chars
    if (n > 0) {
      const padded = `_${w}_`
      if (padded.length <= n) out.add(`c:${padded}`)
      else for (let i = 0; i + n <= padded.length; i++) out.add(`c:${padded.slice(i, i + n)}`)
    }
  }
  return [...out]
}

/** Compiles a model file. */
export function compileModel(file: ModelFile): RightsModel {
  const k = 1 / file.scale
  const weights = new Map<string, Float64Array>()
  for (const [f, ws] of Object.entries(file.weights)) weights.set(f, Float64Array.from(ws, (x) => x * k))
  return {
    rights: file.rights,
    features: file.features,
    blend: file.blend,
    prior: Float64Array.from(file.prior, (x) => x * k),
    weights,
  }
}

/** Unnormalised log-probabilities of each right (in `model.rights` order), and how many features were known. */
export function logScores(model: RightsModel, folded: string): { scores: Float64Array; known: number } {
  const scores = Float64Array.from(model.prior)
  let known = 0
  for (const f of features(folded, model.features)) {
    const ws = model.weights.get(f)
    if (ws === undefined) continue
    known++
    for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) + (ws[i] as number)
  }
  return { scores, known }
}

/** Softmax of `scores / temperature`. */
export function normalise(scores: ArrayLike<number>, temperature: number): number[] {
  let max = -Infinity
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i] as number)
  const out: number[] = []
  let sum = 0
  for (let i = 0; i < scores.length; i++) {
    const e = Math.exp(((scores[i] as number) - max) / temperature)
    out.push(e)
    sum += e
  }
  return out.map((e) => e / sum)
}

/**
 * Probability of each right (in `model.rights` order) for folded words, or null when none of
 * the message's features is known to the model.
 */
export function probabilities(model: RightsModel, folded: string): number[] | null {
  const { scores, known } = logScores(model, folded)
  return known === 0 ? null : normalise(scores, model.blend.temperature)
}

/** The project's model, compiled at load. */
export const MODEL = compileModel(data as unknown as ModelFile)
