/**
 * @module scripts/eval-routing
 * Scores routing on the labelled routing set (`test/fixtures/routing-set.json`, written by
 * someone who never saw the rules): each case goes through the intake's own steps (rights from
 * the text with `rightsFor`, then `rankedCodes`), and the first commitment is compared with the
 * expected primary.
 *
 * Prints, overall and per language and country:
 * - primary-commitment accuracy (target ≥ 90%);
 * - mean commitments per case (target ≤ 5);
 * - commitments from an agreement the country is not party to (target 0);
 * - the same accuracy with the expected rights instead of the classified ones (how much of the
 *   gap is the rights classifier, how much the ranking), and the rights' agreement (first right
 *   right, expected rights found).
 * Exits 1 when a target is missed, so CI fails below them. `--verbose` lists every miss;
 * `--set PATH` scores another file of the same shape.
 *
 * Run: `npm run eval:routing [-- --verbose] [-- --set /tmp/other-set.json]`
 */
import { readFileSync } from 'node:fs'
import { getCatalog, type Catalog } from '../src/catalog/index.js'
import type { Lang } from '../src/i18n/languages.js'
import { rightsFor } from '../src/intake/file-report.js'
import type { Submission } from '../src/intake/schema.js'
import { rankedCodes } from '../src/routing/rank.js'

interface Case {
  id: string
  language: Lang
  country: string
  sector?: string
  text: string
  rights: string[]
  primary: string
  why?: string
}

const TARGETS = { primary: 0.9, mean: 5, outside: 0 }
const verbose = process.argv.includes('--verbose')

function loadSet(): Case[] {
  const at = process.argv.indexOf('--set')
  const path = at < 0 ? new URL('../test/fixtures/routing-set.json', import.meta.url) : process.argv[at + 1]
  if (path === undefined || String(path).startsWith('--')) throw new Error('--set needs a file path')
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { cases?: Case[] }
  if (!Array.isArray(raw.cases)) throw new Error(`${String(path)}: expected {"cases": [...]}`)
  return raw.cases
}

/** Is the commitment from an agreement (or limited to countries) that does not cover `country`? */
function outsideCountry(catalog: Catalog, code: string, country: string): boolean {
  const c = catalog.byCode.get(code)
  if (!c) return true
  const agreements = catalog.countries[country]?.agreements ?? ['ilo']
  if (!agreements.includes(c.agreement)) return true
  return c.requires?.countries !== undefined && !c.requires.countries.includes(country)
}

interface Row {
  c: Case
  rights: string[]
  got: string[]
  withExpected: string[]
}

function run(catalog: Catalog, cases: Case[]): Row[] {
  return cases.map((c) => {
    const sub = {
      language: c.language,
      country: c.country,
      sector: c.sector,
      employer: '-',
      description: c.text,
      consentToContact: false,
    } as Submission
    const rights = rightsFor(sub)
    const input = { country: c.country, sector: c.sector, text: c.text, lang: c.language }
    return {
      c,
      rights,
      got: rankedCodes(catalog, { ...input, rights }),
      withExpected: rankedCodes(catalog, { ...input, rights: c.rights }),
    }
  })
}

interface Figures {
  n: number
  primary: number
  primaryExpectedRights: number
  mean: number
  outside: number
  firstRight: number
  rightsFound: number
}

function figures(catalog: Catalog, rows: Row[]): Figures {
  const n = rows.length || 1
  const share = (f: (r: Row) => boolean) => rows.filter(f).length / n
  return {
    n: rows.length,
    primary: share((r) => r.got[0] === r.c.primary),
    primaryExpectedRights: share((r) => r.withExpected[0] === r.c.primary),
    mean: rows.reduce((s, r) => s + r.got.length, 0) / n,
    outside: rows.reduce((s, r) => s + r.got.filter((g) => outsideCountry(catalog, g, r.c.country)).length, 0),
    firstRight: share((r) => r.rights[0] === r.c.rights[0]),
    rightsFound:
      rows.reduce((s, r) => s + r.c.rights.filter((x) => r.rights.includes(x)).length / r.c.rights.length, 0) / n,
  }
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`

function line(label: string, f: Figures): string {
  return [
    label.padEnd(8),
    String(f.n).padStart(4),
    pct(f.primary).padStart(9),
    pct(f.primaryExpectedRights).padStart(13),
    f.mean.toFixed(2).padStart(7),
    String(f.outside).padStart(8),
    pct(f.firstRight).padStart(12),
    pct(f.rightsFound).padStart(13),
  ].join(' ')
}

function main(): void {
  const catalog = getCatalog()
  const cases = loadSet()
  const unknown = cases.filter((c) => !catalog.byCode.has(c.primary))
  if (unknown.length > 0) {
    throw new Error(`expected primaries not in the catalog: ${unknown.map((c) => `${c.id} ${c.primary}`).join(', ')}`)
  }
  const rows = run(catalog, cases)
  const all = figures(catalog, rows)
  console.log(`routing set: ${cases.length} cases`)
  console.log('         cases  primary  (exp. rights)    mean  outside  first right  rights found')
  console.log(line('all', all))
  const groups = (key: (c: Case) => string) => {
    const by = new Map<string, Row[]>()
    for (const r of rows) by.set(key(r.c), [...(by.get(key(r.c)) ?? []), r])
    for (const [k, rs] of [...by].sort()) console.log(line(k, figures(catalog, rs)))
  }
  groups((c) => c.language)
  groups((c) => c.country)
  console.log(
    `targets: primary ≥ ${pct(TARGETS.primary)}, mean ≤ ${TARGETS.mean}, outside = ${TARGETS.outside}`,
  )
  if (verbose) {
    for (const r of rows.filter((x) => x.got[0] !== x.c.primary)) {
      console.log(
        `MISS ${r.c.id} ${r.c.country}/${r.c.sector ?? '-'} expected ${r.c.primary} [${r.c.rights.join(',')}]` +
          ` got ${r.got[0] ?? '(none)'} [${r.rights.join(',')}] · with expected rights: ${r.withExpected[0] ?? '(none)'}`,
      )
    }
  }
  const failed =
    all.primary < TARGETS.primary || all.mean > TARGETS.mean || all.outside > TARGETS.outside
  if (failed) {
    console.log('eval:routing: below target')
    process.exitCode = 1
  }
}

main()
