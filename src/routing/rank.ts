/**
 * @module routing/rank
 * Ranks the commitments that apply to a case: the **primary** one first (the most specific
 * actionable commitment for the country, sector, facility status and right), then the others,
 * at most `MAX_COMMITMENTS` in all. A case never carries every keyword echo: only commitments of
 * its own rights (routing/commitments.ts), ordered by
 *
 *   score = RIGHT_WEIGHT[position of the best case right it serves]
 *         + its `precedence` (catalog data: how specific and actionable)
 *         + its `boost.points` when the case shows a boost right or facet.
 *
 * The weights let a commitment of the main right win, except that a mechanism made for one
 * facility (USMCA Annex 31-A/31-B, precedence 120+) still leads when union rights are the
 * second right of the case (threats against union supporters at a covered plant). Ties keep
 * catalog order (agreements before national routes, the ILO last). docs/catalog.md explains the
 * precedence values.
 */
import type { Catalog, Commitment } from '../catalog/index.js'
import type { Lang } from './keywords.js'
import { detectFacets } from './facets.js'
import { resolveCommitments, type Match, type ResolveInput } from './commitments.js'

/** At most this many commitments per case: the primary and four more (what the console shows). */
export const MAX_COMMITMENTS = 5

/** Weight of the case's first, second, third… right (the classifier's order, best first). */
export const RIGHT_WEIGHT = [100, 60, 40, 30, 20] as const

export interface RankInput extends Omit<ResolveInput, 'facets'> {
  /** The reporter's words, to find facets; or give `facets` directly. */
  text?: string | undefined
  lang?: Lang | undefined
  facets?: ReadonlySet<string> | undefined
}

/** One ranked commitment and why it ranks there. */
export interface Ranked {
  commitment: Commitment
  score: number
  /** The case rights it serves, in the case's order. */
  rights: string[]
}

function weight(position: number): number {
  return RIGHT_WEIGHT[Math.min(position, RIGHT_WEIGHT.length - 1)] ?? 0
}

function score(m: Match, rights: readonly string[], facets: ReadonlySet<string>): number {
  const c = m.commitment
  const best = Math.min(...m.rights.map((r) => rights.indexOf(r)))
  const boosted =
    c.boost !== undefined &&
    ((c.boost.rights ?? []).some((r) => rights.includes(r)) ||
      (c.boost.facets ?? []).some((f) => facets.has(f)))
  return weight(best) + c.precedence + (boosted ? (c.boost?.points ?? 0) : 0)
}

/**
 * The case's commitments, primary first, at most `MAX_COMMITMENTS`.
 * @example
 * rankCommitments(getCatalog(), {
 *   country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'],
 *   text: 'Me despidieron por apoyar al sindicato independiente', lang: 'es',
 * }).map((r) => r.commitment.code)
 * // → ['usmca.31a.dor', 'usmca.23a.2.a', 'mx.lft.cfcrl', 'usmca.23.3.1.a', 'ilo.c098']
 */
export function rankCommitments(catalog: Catalog, input: RankInput): Ranked[] {
  const facets =
    input.facets ??
    (input.text !== undefined ? detectFacets(catalog, input.text, input.lang ?? 'en') : new Set<string>())
  const rights = [...new Set(input.rights)]
  const order = catalogOrder(catalog)
  return resolveCommitments(catalog, { ...input, rights, facets })
    .map((m) => ({ commitment: m.commitment, rights: m.rights, score: score(m, rights, facets) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        (order.get(a.commitment.code) ?? 0) - (order.get(b.commitment.code) ?? 0),
    )
    .slice(0, MAX_COMMITMENTS)
}

/** Each commitment's position in the catalog (ties keep catalog order), once per catalog. */
const orders = new WeakMap<Catalog, Map<string, number>>()
function catalogOrder(catalog: Catalog): Map<string, number> {
  let order = orders.get(catalog)
  if (!order) orders.set(catalog, (order = new Map(catalog.commitments.map((c, i) => [c.code, i]))))
  return order
}

/** The ranked codes, primary first: what a case stores in `cases.commitments`. */
export function rankedCodes(catalog: Catalog, input: RankInput): string[] {
  return rankCommitments(catalog, input).map((r) => r.commitment.code)
}
