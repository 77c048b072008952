/**
 * @module routing/commitments
 * From a report's country, sector, rights and text facets to the catalog commitments that may
 * apply: country → the agreements and routes that apply there → commitments carrying one of the
 * case's rights, honouring each commitment's `requires` (country, covered facility or priority
 * sector, sector, goods, Mexican jurisdiction, ILO ratification, text facets). Routing-only
 * (`meta`) entries and definitions are never returned. `routing/rank.ts` orders the result.
 */
import type { Catalog, Commitment, Requires } from '../catalog/index.js'

export interface ResolveInput {
  /** ISO 3166-1 alpha-2; case-insensitive. */
  country: string
  /** A sector code of `catalog/sectors.json`; unknown codes count as an unknown sector. */
  sector?: string | undefined
  /**
   * Whether the facility is known to be a Covered Facility (USMCA Annex 31-A). `undefined` means
   * unknown; then the sector decides. An explicit `false` (e.g. from a facilities registry) wins.
   */
  facilityCovered?: boolean | undefined
  /** Canonical rights, most important first; unknown codes are ignored. */
  rights: readonly string[]
  /** Facets the text shows (routing/facets.ts); entries that need a facet need one of these. */
  facets?: ReadonlySet<string> | undefined
}

/** A commitment that applies, with the case's rights it serves (in the case's order). */
export interface Match {
  commitment: Commitment
  rights: string[]
}

/**
 * The agreements and routes that apply in a country. A country absent from
 * `catalog/countries.json` still gets the ILO (its Declaration binds every member).
 */
export function agreementsFor(catalog: Catalog, country: string): readonly string[] {
  const known = catalog.countries[country.toUpperCase()]
  if (known) return known.agreements
  return catalog.agreements.ilo ? ['ilo'] : []
}

/**
 * The fundamental conventions of each right, read from the catalog's ILO entries that need a
 * ratification: freedom_of_association → C087, C098; child_labor → C138, C182; …
 */
function conventionsByRight(catalog: Catalog): Map<string, string[]> {
  let map = byRightCache.get(catalog)
  if (map) return map
  map = new Map()
  for (const c of catalog.commitments) {
    const convention = c.ilo[0]
    if (!c.requires?.ratified || convention === undefined) continue
    for (const r of c.rights) map.set(r, [...(map.get(r) ?? []), convention])
  }
  byRightCache.set(catalog, map)
  return map
}
const byRightCache = new WeakMap<Catalog, Map<string, string[]>>()

/** Has the country ratified this ILO convention (catalog/countries.json, from NORMLEX)? */
export function ratified(catalog: Catalog, country: string, convention: string): boolean {
  const ratifications = catalog.countries[country]?.ilo.ratified as
    | Record<string, unknown>
    | undefined
  return ratifications?.[convention] !== undefined
}

/**
 * The commitments a report may concern, each with the case rights it serves, in catalog order.
 * @example
 * const input = { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'] }
 * resolveCommitments(getCatalog(), input).map((m) => m.commitment.code)
 * // → usmca.23.3.1.a, usmca.23a.2.a, usmca.31a.dor, mx.lft.cfcrl, ilo.c087, ilo.c098
 */
export function resolveCommitments(catalog: Catalog, input: ResolveInput): Match[] {
  const country = input.country.toUpperCase()
  const agreements = new Set(agreementsFor(catalog, country))
  const wanted = [...new Set(input.rights)]
  const out: Match[] = []
  for (const c of catalog.commitments) {
    if (c.meta === true || c.kind === 'definition' || !agreements.has(c.agreement)) continue
    let rights = wanted.filter((r) => (c.rights as readonly string[]).includes(r))
    if (c.requires?.unratified) {
      // The Declaration serves only the rights whose conventions the country has not all ratified.
      const byRight = conventionsByRight(catalog)
      rights = rights.filter((r) => (byRight.get(r) ?? []).some((k) => !ratified(catalog, country, k)))
    }
    if (rights.length === 0 || !meets(catalog, c, c.requires, country, input)) continue
    out.push({ commitment: c, rights })
  }
  return out
}

function meets(
  catalog: Catalog,
  c: Commitment,
  req: Requires | undefined,
  country: string,
  input: ResolveInput,
): boolean {
  if (!req) return true
  const sector = input.sector === undefined ? undefined : catalog.sectors[input.sector]
  if (req.countries && !req.countries.includes(country)) return false
  if (req.sectors && sector && !req.sectors.includes(input.sector as string)) return false
  if (req.goods && sector && !sector.goods) return false
  if (req.mxJurisdiction && sector?.mx !== req.mxJurisdiction) return false
  if (req.ratified && !ratified(catalog, country, c.ilo[0] ?? '')) return false
  if (req.facets && !req.facets.some((f) => input.facets?.has(f))) return false
  if (req.facilityCovered || req.prioritySector) {
    const covered = req.facilityCovered === true && input.facilityCovered === true
    const priority =
      req.prioritySector === true && input.facilityCovered !== false && sector?.priority === true
    return covered || priority
  }
  return true
}
