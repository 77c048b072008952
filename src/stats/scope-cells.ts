/**
 * @module stats/scope-cells
 * A monitor's scope read on the lattice: when every term of every scope names a lattice dimension
 * (a right, a commitment, a country, a sector, or '*'), the scope is a set of base cells, and the
 * monitor's base is the snapshot's cells in that set. Their figures are then sums of the same
 * rounded base cells everyone's are (docs/analytics.md, claim 1 unchanged), and cost a filter over
 * the parsed snapshot instead of a count over the caseload. Pure functions, no I/O.
 *
 * On the lattice, a case's right and commitment are its primary ones (as in every breakdown), so
 * `right:freedom_of_association@MX` keeps the cells whose primary right is that right in Mexico.
 */
import type { BaseCell } from './figures.js'
import type { Base } from './source.js'

/** A scope as stored (`staff_scopes`): a right or a commitment ('*': every right), a country, a sector. */
export interface ScopeTerms {
  kind: string
  value: string
  country: string
  sector: string
}

/** One scope as tests on the lattice's values: [index in the lattice, required value]. */
type CellTest = [number, string][]

/**
 * The scopes as a test on a base cell's values, or undefined when some term needs a dimension the
 * lattice lacks (those viewers are counted live: stats/source.ts). No scope: no cell.
 */
export function scopeCellTest(scopes: readonly ScopeTerms[], lattice: readonly string[]): ((values: readonly string[]) => boolean) | undefined {
  const tests: CellTest[] = []
  for (const s of scopes) {
    const test: CellTest = []
    const need = (dim: string, value: string) => {
      if (value === '*') return true
      const i = lattice.indexOf(dim)
      if (i < 0) return false
      test.push([i, value])
      return true
    }
    const what = s.kind === 'right' ? 'right' : s.kind === 'commitment' ? 'commitment' : undefined
    if (!what || (what === 'commitment' && s.value === '*')) return undefined
    if (!need(what, s.value) || !need('country', s.country) || !need('sector', s.sector)) return undefined
    tests.push(test)
  }
  return (values) => tests.some((t) => t.every(([i, v]) => values[i] === v))
}

/** The base restricted to the cells a test keeps (the same cells, the same counts, the same time). */
export function cellsWithin(base: Base, keep: (values: readonly string[]) => boolean): Base {
  const cells: BaseCell[] = base.cells.filter((c) => keep(c.values))
  return { lattice: base.lattice, cells, asOf: base.asOf }
}
