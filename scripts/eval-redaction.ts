/**
 * @module scripts/eval-redaction
 * Measures redaction and classification on the annotated corpus in `test/fixtures/`, per
 * language: recall of structured identifiers and of names, facts kept, rights top-1 and
 * top-3 (the expected primary right first, or among the first three), and messages per second
 * for redact + classify on one core. Prints each figure next to its floor. `--verbose` lists
 * every miss.
 *
 * On the repository corpus it gates: it exits 1 when any language falls below a floor
 * (`FLOORS`: structured identifiers 100%, names 99%, facts kept 99%, rights top-3 98%), so CI
 * (`.ci/run`) fails. Throughput is printed, not gated: the machine CI runs on is shared.
 *
 * An identifier counts as caught when its exact text no longer appears in the output and no
 * piece of it (a name's word of 3+ letters, a 4+ character group of a number) appears more
 * often in the output than in the original text with every identifier removed
 * (`redaction-corpus.leaked`).
 *
 * `--corpus PATH` measures a JSON file instead: an array of items shaped like the fixtures
 * (`identifiers` and `keep` may be left out), grouped by their `lang`. Use it to score a
 * held-out batch that is not in the repository, so tuning can be checked on unseen text; it
 * measures and does not gate.
 *
 * Run: `npm run eval:redaction [-- --verbose] [-- --corpus /tmp/holdout.json]`
 */
import { readFileSync } from 'node:fs'
import { LANGS, type Lang } from '../src/i18n/index.js'
import { redact } from '../src/privacy/redact.js'
import { classify } from '../src/routing/classify.js'
import { fixtures, leaked, type Item } from './redaction-corpus.js'

/** Floors on the repository corpus, per language (fractions); throughput is only a target. */
const FLOORS = { structured: 1, names: 0.99, facts: 0.99, top1: null, top3: 0.98, rate: 2000 }
const verbose = process.argv.includes('--verbose')

const custom = process.argv.includes('--corpus')

/** The fixtures, or the items of `--corpus PATH` grouped by language. */
function loadCorpus(): Record<Lang, Item[]> {
  const at = process.argv.indexOf('--corpus')
  if (at < 0) return fixtures()
  const path = process.argv[at + 1]
  if (path === undefined || path.startsWith('--')) throw new Error('--corpus needs a file path')
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Partial<Item>[]
  const out = Object.fromEntries(LANGS.map((l) => [l, [] as Item[]])) as Record<Lang, Item[]>
  raw.forEach((r, i) => {
    const lang = r.lang as Lang
    if (!(lang in out) || typeof r.text !== 'string' || !Array.isArray(r.rights)) {
      throw new Error(`${path}: item ${i} needs lang (${LANGS.join('|')}), text and rights`)
    }
    out[lang].push({
      id: r.id ?? `${lang}-${i}`, lang, text: r.text, identifiers: r.identifiers ?? [],
      keep: r.keep ?? [], rights: r.rights,
    })
  })
  return out
}
const CORPUS = loadCorpus()

interface Tally { hit: number; total: number }
const pct = (t: Tally): string =>
  t.total === 0 ? '   n/a' : `${((100 * t.hit) / t.total).toFixed(1).padStart(5)}%`
const target = (v: number | null): string => (v === null ? '' : ` (≥${v * 100}%)`)

/** Languages below a floor, with the measure. */
const failures: string[] = []

function evaluate(lang: Lang): string[] {
  const items = CORPUS[lang]
  if (items.length === 0) return []
  const t = {
    structured: { hit: 0, total: 0 }, names: { hit: 0, total: 0 }, facts: { hit: 0, total: 0 },
    top1: { hit: 0, total: 0 }, top3: { hit: 0, total: 0 },
  }
  const misses: string[] = []
  for (const item of items) {
    const out = redact(item.text, lang).text
    for (const { kind, value } of item.identifiers) {
      const tally = kind === 'name' ? t.names : t.structured
      tally.total++
      if (!leaked(item, out, kind, value)) tally.hit++
      else misses.push(`${item.id} ${kind} survived: ${JSON.stringify(value)}`)
    }
    for (const fact of item.keep) {
      t.facts.total++
      if (out.includes(fact)) t.facts.hit++
      else misses.push(`${item.id} fact lost: ${JSON.stringify(fact)}`)
    }
    const ranked = classify(out, lang).map((r) => r.right)
    const primary = item.rights[0]
    t.top1.total++
    t.top3.total++
    if (ranked[0] === primary) t.top1.hit++
    if (primary !== undefined && ranked.slice(0, 3).includes(primary)) t.top3.hit++
    else misses.push(`${item.id} right ${primary} not in top 3: ${ranked.slice(0, 3).join(', ')}`)
    if (ranked[0] !== primary && verbose) {
      misses.push(`${item.id} top-1 ${ranked[0]} ≠ ${primary}`)
    }
  }
  const below = (name: 'structured' | 'names' | 'facts' | 'top3', x: Tally): void => {
    if (x.total > 0 && x.hit / x.total < FLOORS[name]) failures.push(`${lang} ${name} ${pct(x).trim()} < ${FLOORS[name] * 100}%`)
  }
  below('structured', t.structured)
  below('names', t.names)
  below('facts', t.facts)
  below('top3', t.top3)
  const rate = throughput(items, lang)
  const row = [
    lang.padEnd(4), String(items.length).padStart(4),
    `${pct(t.structured)}${target(FLOORS.structured)}`.padEnd(17),
    `${pct(t.names)}${target(FLOORS.names)}`.padEnd(16),
    `${pct(t.facts)}${target(FLOORS.facts)}`.padEnd(16),
    pct(t.top1).padEnd(8),
    `${pct(t.top3)}${target(FLOORS.top3)}`.padEnd(16),
    `${Math.round(rate)} (≥${FLOORS.rate})`,
  ].join('  ')
  console.log(row)
  return misses
}

/** Messages per second for redact + classify, after a warm-up, over at least 2 s. */
function throughput(items: Item[], lang: Lang): number {
  const once = (): void => {
    for (const item of items) classify(redact(item.text, lang).text, lang)
  }
  const warm = performance.now()
  while (performance.now() - warm < 300) once()
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < 2000) {
    once()
    n += items.length
    elapsed = performance.now() - start
  }
  return (n * 1000) / elapsed
}

console.log(
  'lang  msgs  structured IDs     names             facts kept        top-1     top-3' +
    '             msgs/s',
)
const allMisses: string[] = []
for (const lang of LANGS) allMisses.push(...evaluate(lang))
console.log(`\n${allMisses.length} miss(es)${verbose ? ':' : ' (run with --verbose to list them)'}`)
if (verbose) for (const m of allMisses) console.log(`  ${m}`)
if (!custom && failures.length > 0) {
  console.error(`\neval:redaction: below the floors on the repository corpus: ${failures.join('; ')}`)
  process.exitCode = 1
} else if (custom) {
  console.log('\n(--corpus: measured, not gated)')
}
