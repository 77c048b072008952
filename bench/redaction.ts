/**
 * Redaction throughput on the annotated corpus, on one core: the redactor with its learned name
 * tagger, the same redactor with the rules alone (`tagger: null`), and optionally another
 * checkout's redactor (`--base DIR`, a directory holding `src/` and `catalog/` of an earlier
 * commit, e.g. made with `git archive <commit> src catalog | tar -x -C DIR`). The variants run
 * interleaved, round after round, so that a shared machine slows them alike; prints messages per
 * second of CPU time per variant (median of the rounds) and the cost relative to the first one.
 *
 * `node --import tsx bench/redaction.ts [--rounds 7] [--base /tmp/redact-base]`
 */
import { pathToFileURL } from 'node:url'
import type { Lang } from '../src/i18n/languages.js'
import { redact } from '../src/privacy/redact.js'
import { corpus } from '../scripts/train-redaction.js'

type Redact = (text: string, lang: Lang) => unknown

const arg = (name: string): string | undefined => {
  const at = process.argv.indexOf(name)
  return at < 0 ? undefined : process.argv[at + 1]
}
const rounds = Number(arg('--rounds') ?? 7)
const base = arg('--base')

const items = corpus()
const variants: [string, Redact][] = []
if (base !== undefined) {
  const mod = (await import(pathToFileURL(`${base}/src/privacy/redact.ts`).href)) as { redact: Redact }
  variants.push([`base (${base})`, mod.redact])
}
variants.push(['rules only', (t, l) => redact(t, l, { tagger: null })])
if (process.argv.includes('--aa')) variants.push(['rules only again', (t, l) => redact(t, l, { tagger: null })])
variants.push(['rules + tagger', (t, l) => redact(t, l)])

/**
 * Messages per second of CPU time of one pass over the corpus (CPU time, not wall time: on a
 * shared machine the process is descheduled at random, which wall time would count).
 */
function pass(fn: Redact): number {
  const start = process.cpuUsage()
  for (const i of items) fn(i.text, i.lang)
  const used = process.cpuUsage(start)
  return (items.length * 1e6) / (used.user + used.system)
}

for (const [, fn] of variants) pass(fn) // warm-up
const rates = variants.map(() => [] as number[])
for (let r = 0; r < rounds; r++) variants.forEach(([, fn], k) => rates[k]!.push(pass(fn)))
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
const first = median(rates[0]!)
console.log(`${items.length} messages, ${rounds} interleaved rounds, one core (median msgs/s):`)
variants.forEach(([name], k) => {
  const m = median(rates[k]!)
  const cost = ((first / m - 1) * 100).toFixed(1)
  console.log(`  ${name.padEnd(36)} ${String(Math.round(m)).padStart(6)}  ${k === 0 ? '' : `(${cost}% slower per message than the first)`}`)
})
