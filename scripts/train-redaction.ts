/**
 * @module scripts/train-redaction
 * Trains the learned name tagger (`catalog/name-model.json`, read by `privacy/redact/tagger`)
 * from the names annotated in the corpus (`test/fixtures/grievances.<lang>.json`), and
 * cross-validates it.
 *
 * Labels: a word is a name when it lies inside an occurrence of an identifier of kind `name`,
 * or when it is, in the same spelling, a word of three letters or more of such an identifier
 * (the person named again later: "Martha"). Every other word is not a name; the `keep` facts
 * are never labelled.
 *
 * Model: binary averaged perceptron over the features of `tagger-features`, scored only on
 * candidate words (not function words, titles, or `common` words: seen `COMMON_MIN` times or
 * more in the training corpus and never as a name). Examples are visited in a fixed pseudo-random
 * order per epoch (seeded), weights are stored as integers of 1/`SCALE`, zero weights dropped.
 * Deterministic: the same corpus gives a byte-identical file, and the header records the corpus
 * hash so that `test/name-model.test.ts` can tell when the file is stale.
 *
 * Cross-validation (`K` folds by position within each language) prints, per language, name
 * recall and facts kept of the whole redactor on the held-out fold, for the rules alone and the
 * rules with a tagger trained on the other folds (at several thresholds), scored as
 * `npm run eval:redaction` scores. `--no-cv` skips it.
 *
 * Run: `npm run train:redaction` (writes the file and prints the cross-validation).
 */
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { fold } from '../src/privacy/fold.js'
import { redact } from '../src/privacy/redact.js'
import { candidate, features, sentence } from '../src/privacy/redact/tagger-features.js'
import { compileNameModel, scores, type NameModelFile } from '../src/privacy/redact/tagger.js'
import { tokenize, type Token } from '../src/privacy/redact/tokens.js'
import { fixtures, leaked, type Item } from './redaction-corpus.js'

/** Where the model is written. */
export const MODEL_PATH = fileURLToPath(new URL('../catalog/name-model.json', import.meta.url))

/** Training settings (chosen on the cross-validation printed by this script). */
export const SETTINGS = { epochs: 8, commonMin: 4, threshold: 2.5, seed: 19, hidden: 0.5 }
const SCALE = 100
const K = 5

/** The corpus in registry order, then file order. */
export function corpus(): Item[] {
  return Object.values(fixtures()).flat()
}

/** SHA-256 of the corpus' ids, languages, texts, names and facts. */
export function corpusHash(items: readonly Item[]): string {
  const names = (i: Item): string[] => i.identifiers.filter((x) => x.kind === 'name').map((x) => x.value)
  const canon = JSON.stringify(items.map((i) => [i.lang, i.id, i.text, names(i), i.keep]))
  return createHash('sha256').update(canon).digest('hex')
}

interface Example { feats: string[]; y: 1 | -1 }
interface Doc { toks: Token[]; labels: Uint8Array; facts: Uint8Array; text: string }

/** Words of an item and whether each is (part of) a name. */
function label(item: Item): Doc {
  const toks = tokenize(item.text, fold(item.text))
  const mask = new Uint8Array(item.text.length)
  const words = new Set<string>()
  for (const { kind, value } of item.identifiers) {
    if (kind !== 'name' || value.length === 0) continue
    for (let at = item.text.indexOf(value); at >= 0; at = item.text.indexOf(value, at + 1)) {
      mask.fill(1, at, at + value.length)
    }
    for (const w of value.split(/[\s,.]+/)) if (w.length >= 3) words.add(w)
  }
  const inFact = new Uint8Array(item.text.length)
  for (const fact of item.keep) {
    for (let at = item.text.indexOf(fact); at >= 0 && fact.length > 0; at = item.text.indexOf(fact, at + 1)) {
      inFact.fill(1, at, at + fact.length)
    }
  }
  const labels = new Uint8Array(toks.length)
  const facts = new Uint8Array(toks.length)
  toks.forEach((t, i) => {
    labels[i] = mask[t.start] === 1 || words.has(item.text.slice(t.start, t.end)) ? 1 : 0
    facts[i] = labels[i] === 0 && inFact[t.start] === 1 ? 1 : 0
  })
  return { toks, labels, facts, text: item.text }
}

/** The item in lower case (null when lower-casing would move offsets). */
function lowerCased(item: Item): Item | null {
  const text = item.text.toLowerCase()
  if (text.length !== item.text.length || text === item.text) return null
  return {
    ...item,
    text,
    identifiers: item.identifiers.map((i) => ({ ...i, value: i.value.toLowerCase() })),
    keep: item.keep.map((k) => k.toLowerCase()),
  }
}

/** The item with its names in lower case (null when it has none). */
function lowerNames(item: Item): Item | null {
  const names = item.identifiers.filter((i) => i.kind === 'name' && i.value.toLowerCase() !== i.value)
  if (names.length === 0) return null
  let text = item.text
  for (const n of names) text = text.split(n.value).join(n.value.toLowerCase())
  if (text.length !== item.text.length) return null
  const identifiers = item.identifiers.map((i) => (i.kind === 'name' ? { ...i, value: i.value.toLowerCase() } : i))
  return { ...item, text, identifiers }
}

/** Frequent words never labelled as a name. */
function commonWords(docs: readonly Doc[], min: number): string[] {
  const seen = new Map<string, number>()
  const named = new Set<string>()
  for (const d of docs) {
    d.toks.forEach((t, i) => {
      seen.set(t.f, (seen.get(t.f) ?? 0) + 1)
      if (d.labels[i]) named.add(t.f)
    })
  }
  return [...seen].filter(([w, n]) => n >= min && !named.has(w)).map(([w]) => w).sort()
}

/** A small deterministic generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Trains on `items`: the model file (not yet serialised). */
export function train(items: readonly Item[], settings = SETTINGS): NameModelFile {
  const written = items.map(label)
  const common = commonWords(written, settings.commonMin)
  // Every message also in lower case, as many SMS and transcripts arrive, and with only its
  // names in lower case, as people type them in a hurry ("told kevin to keep spraying").
  const variants = [...items.map(lowerCased), ...items.map(lowerNames)].filter((i) => i !== null)
  const docs = [...written, ...variants.map(label)]
  const commonSet = new Set(common)
  // Every example twice: as written, and with the names of that message hidden (no word, no
  // lexicon), so that context, shape and affixes learn to find names no list holds. Each epoch
  // visits one of the two at random.
  const examples: Example[][] = []
  for (const d of docs) {
    const s = sentence(d.text, d.toks, commonSet)
    const hidden = { ...s, lex: new Array<string | undefined>(d.toks.length), hide: new Uint8Array(d.toks.length) }
    d.toks.forEach((_, i) => {
      if (d.labels[i]) {
        hidden.hide[i] = 1
        hidden.lex[i] = 'o'
      }
    })
    for (let i = 0; i < d.toks.length; i++) {
      if (!candidate(s, i)) continue
      const y = d.labels[i] ? 1 : -1
      const pair = [{ feats: features(s, i), y }, { feats: features(hidden, i), y }] as Example[]
      examples.push(pair)
      // Words of the facts that must stay count twice: losing a fact costs the monitors.
      if (d.facts[i]) examples.push(pair)
    }
  }
  // Averaged perceptron with the usual lazy sums: w is the current weight, u the sum of
  // (update × step), and the average is w − u / steps.
  const w = new Map<string, number>()
  const u = new Map<string, number>()
  const order = examples.map((_, i) => i)
  const random = rng(settings.seed)
  let step = 1
  for (let e = 0; e < settings.epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[order[i], order[j]] = [order[j] as number, order[i] as number]
    }
    for (const k of order) {
      const pair = examples[k] as Example[]
      const ex = pair[random() < settings.hidden ? 1 : 0] as Example
      let score = 0
      for (const f of ex.feats) score += w.get(f) ?? 0
      if (score * ex.y <= 0) {
        for (const f of ex.feats) {
          w.set(f, (w.get(f) ?? 0) + ex.y)
          u.set(f, (u.get(f) ?? 0) + ex.y * step)
        }
      }
      step++
    }
  }
  const weights: Record<string, number> = {}
  for (const f of [...w.keys()].sort()) {
    const avg = (w.get(f) as number) - (u.get(f) as number) / step
    const v = Math.round(avg * SCALE)
    if (v !== 0) weights[f] = v
  }
  return {
    _about: 'Learned name tagger of the redactor: averaged perceptron over word features. Built by `npm run train:redaction` from test/fixtures; do not edit.',
    format: 1,
    corpus: { sha256: corpusHash(items), messages: items.length },
    training: { ...settings, examples: examples.length, features: Object.keys(weights).length },
    threshold: Math.round(settings.threshold * SCALE),
    scale: SCALE,
    common,
    weights,
  }
}

/** The file `npm run train:redaction` writes for the current corpus. */
export function buildModelFile(): string {
  return `${JSON.stringify(train(corpus()))}\n`
}

interface Tally { names: [number, number]; facts: [number, number] }
const pct = ([hit, total]: [number, number]): string => `${((100 * hit) / Math.max(1, total)).toFixed(1)}%`

/** Names recall and facts kept of the redactor on `items`, with `file` as its tagger (or none). */
function score(items: readonly Item[], file: NameModelFile | null, threshold?: number): Tally {
  const model = file === null ? null : { ...compileNameModel(file), threshold: threshold ?? file.threshold }
  const t: Tally = { names: [0, 0], facts: [0, 0] }
  for (const item of items) {
    const out = redact(item.text, item.lang, { tagger: model }).text
    for (const { kind, value } of item.identifiers) {
      if (kind !== 'name') continue
      t.names[1]++
      if (!leaked(item, out, kind, value)) t.names[0]++
    }
    for (const fact of item.keep) {
      t.facts[1]++
      if (out.includes(fact)) t.facts[0]++
    }
  }
  return t
}

/** Word-level precision and recall of the tagger alone on `items` (names of the labels). */
function tokenScores(items: readonly Item[], file: NameModelFile, threshold: number): [number, number, number] {
  const model = compileNameModel(file)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const item of items) {
    const d = label(item)
    const sc = scores(model, item.text, d.toks)
    d.toks.forEach((_, i) => {
      const yes = (sc[i] as number) > threshold
      if (yes && d.labels[i]) tp++
      else if (yes) fp++
      else if (d.labels[i]) fn++
    })
  }
  return [tp, fp, fn]
}

/** K-fold cross-validation of the whole redactor, rules alone and rules + tagger. */
function crossValidate(): void {
  const byLang = fixtures()
  const thresholds = [0, 1, 1.5, 2.5, 4]
  const rows = new Map<string, Map<string, Tally>>()
  const add = (row: string, lang: string, t: Tally): void => {
    const r = rows.get(row) ?? new Map<string, Tally>()
    const prev = r.get(lang) ?? { names: [0, 0], facts: [0, 0] }
    prev.names[0] += t.names[0]
    prev.names[1] += t.names[1]
    prev.facts[0] += t.facts[0]
    prev.facts[1] += t.facts[1]
    r.set(lang, prev)
    rows.set(row, r)
  }
  const words = new Map<number, [number, number, number]>()
  for (let k = 0; k < K; k++) {
    const held = Object.values(byLang).flatMap((l) => l.filter((_, i) => i % K === k))
    const trainSet = Object.values(byLang).flatMap((l) => l.filter((_, i) => i % K !== k))
    const file = train(trainSet)
    for (const th of thresholds) {
      const [tp, fp, fn] = tokenScores(held, file, Math.round(th * SCALE))
      const w = words.get(th) ?? [0, 0, 0]
      words.set(th, [w[0] + tp, w[1] + fp, w[2] + fn])
    }
    for (const [lang, items] of Object.entries(byLang)) {
      const mine = held.filter((i) => i.lang === lang)
      add('rules only', lang, score(mine, null))
      for (const th of thresholds) add(`rules + tagger > ${th}`, lang, score(mine, file, Math.round(th * SCALE)))
    }
  }
  console.log(`${K}-fold cross-validation (tagger trained on the other folds), names recall / facts kept:`)
  const langs = Object.keys(byLang)
  console.log(`${''.padEnd(22)}${langs.map((l) => `${l}`.padEnd(18)).join('')}all`)
  for (const [row, per] of rows) {
    const all: Tally = { names: [0, 0], facts: [0, 0] }
    for (const t of per.values()) {
      all.names[0] += t.names[0]; all.names[1] += t.names[1]
      all.facts[0] += t.facts[0]; all.facts[1] += t.facts[1]
    }
    const cell = (t: Tally): string => `${pct(t.names)} / ${pct(t.facts)}`.padEnd(18)
    console.log(`${row.padEnd(22)}${langs.map((l) => cell(per.get(l) as Tally)).join('')}${cell(all)}`)
  }
  console.log('\nthe tagger alone, name words on the held-out folds (precision / recall):')
  for (const [th, [tp, fp, fn]] of words) {
    console.log(`  > ${String(th).padEnd(4)} ${pct([tp, tp + fp])} / ${pct([tp, tp + fn])}`)
  }
  console.log(`(chosen threshold: ${SETTINGS.threshold})`)
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = buildModelFile()
  writeFileSync(MODEL_PATH, text)
  const parsed = JSON.parse(text) as NameModelFile
  console.log(`wrote ${MODEL_PATH} (${text.length} bytes, ${Object.keys(parsed.weights).length} weights, ${parsed.common.length} common words)`)
  if (!process.argv.includes('--no-cv')) crossValidate()
}
