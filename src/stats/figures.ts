/**
 * @module stats/figures
 * Small-count suppression (the rule and its proof: docs/analytics.md). Pure functions, no I/O.
 *
 * 1. The base: cases counted per combination of the lattice's dimensions (one cell per combination).
 * 2. Each base cell is rounded down to a multiple of k: n − (n mod k). A cell under k becomes 0.
 * 3. Every figure anywhere (a table cell, a total, a chart bar, a CSV line, the public page) is the
 *    sum of the rounded base cells it covers; a figure of 0 shows as "<k".
 * So everything published is a function of the rounded base alone: two caseloads whose base cells
 * round the same publish exactly the same bytes, whatever the query, the breakdown or the month.
 */
import { baseOf, domainOf, project, type Domains } from './dimensions.js'

/** A base cell: its values (in lattice order) and its exact count. */
export interface BaseCell {
  values: readonly string[]
  n: number
}

/** What a base cell publishes: its count rounded down to a multiple of k (0 under k). */
export const rounded = (n: number, k: number) => n - (n % k)

/** A published count: a positive multiple of k, or the "<k" marker. */
export type Count = number | `<${number}`

export const display = (figure: number, k: number): Count => (figure > 0 ? figure : `<${k}`)

/** Parse the cells of base rows as stored (`cell` is a JSON array in lattice order). */
export function parseBase(rows: readonly { cell: string; n: number }[]): BaseCell[] {
  return rows.map((r) => ({ values: JSON.parse(r.cell) as string[], n: r.n }))
}

/**
 * The figures of breakdown `by` (query dimensions, each a lattice dimension or derived from one):
 * key = JSON array of the by-values → the sum of rounded base cells. Only cells whose month is in
 * `months` count (when the lattice has months and a period is given). Zero figures are absent.
 */
export function figures(
  base: readonly BaseCell[],
  lattice: readonly string[],
  by: readonly string[],
  k: number,
  months?: ReadonlySet<string>,
): Map<string, number> {
  const idx = by.map((d) => lattice.indexOf(baseOf(d)))
  if (idx.some((i) => i < 0)) throw new Error(`not in the lattice: ${by.join(',')}`)
  const monthIdx = lattice.indexOf('month')
  const derived = by.map((d) => d !== baseOf(d))
  // Sum under a cheap joined key, then name each sum by its JSON array (few keys, many cells).
  const SEP = '\u001f'
  const sums = new Map<string, number>()
  for (const cell of base) {
    const r = rounded(cell.n, k)
    if (r === 0) continue
    if (months && monthIdx >= 0 && !months.has(cell.values[monthIdx]!)) continue
    let key = ''
    for (let j = 0; j < idx.length; j++) {
      const v = cell.values[idx[j]!]!
      key += (j ? SEP : '') + (derived[j] ? project(by[j]!, v) : v)
    }
    sums.set(key, (sums.get(key) ?? 0) + r)
  }
  const out = new Map<string, number>()
  for (const [key, r] of sums) out.set(JSON.stringify(by.length ? key.split(SEP) : []), r)
  return out
}

/** One row of a published table: the by-values and the count. */
export type TableCell = Record<string, string> & { count: Count }

/**
 * Every combination of the by-dimensions' domains (plus any value a positive figure carries that
 * the domain lacks), each with its figure or "<k". Listing every combination means a "<k" never
 * says whether a case is there at all.
 */
export function table(
  fig: ReadonlyMap<string, number>,
  by: readonly string[],
  k: number,
  months: readonly string[],
  extra: Domains = {},
): TableCell[] {
  const domains = by.map((d) => domainOf(d, months, extra))
  for (const key of fig.keys()) {
    const values = JSON.parse(key) as string[]
    values.forEach((v, j) => {
      if (!domains[j]!.includes(v)) domains[j]!.push(v)
    })
  }
  const out: TableCell[] = []
  const walk = (j: number, values: string[]) => {
    if (j === by.length) {
      const cell = Object.fromEntries(by.map((d, i) => [d, values[i]!])) as TableCell
      cell.count = display(fig.get(JSON.stringify(values)) ?? 0, k)
      out.push(cell)
      return
    }
    for (const v of domains[j]!) walk(j + 1, [...values, v])
  }
  walk(0, [])
  return out
}

/** How many rows `table` would list (to refuse a breakdown that is too large before building it). */
export function tableSize(by: readonly string[], months: readonly string[], extra: Domains = {}): number {
  return by.reduce((acc, d) => acc * Math.max(1, domainOf(d, months, extra).length), 1)
}
