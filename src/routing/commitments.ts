/**
 * @module routing/commitments
 * From a report's country, sector and rights to the catalog commitments it may concern:
 * country → the agreements that apply there → commitments carrying any of the rights,
 * honouring each commitment's `requires`. Routing-only (`meta`) entries are never returned.
 */
import type { Catalog, Commitment, Requires } from '../catalog/index.js'

export interface ResolveInput {
  /** ISO 3166-1 alpha-2; case-insensitive. */
  country: string
  /** A sector code of `catalog/sectors.json`; unknown codes count as non-priority. */
  sector?: string
  /**
   * Whether the facility is known to be a Covered Facility (USMCA Annex 31-A). `undefined` means
   * unknown; then the sector decides. An explicit `false` (e.g. from a facilities registry) wins.
   */
  facilityCovered?: boolean
  /** Canonical rights; unknown codes are ignored. */
  rights: readonly string[]
}

/**
 * The agreements that apply in a country. A country absent from `catalog/countries.json`
 * still gets the ILO fundamental conventions (they bind every ILO member).
 */
export function agreementsFor(catalog: Catalog, country: string): readonly string[] {
  const known = catalog.countries[country.toUpperCase()]
  if (known) return known.agreements
  return catalog.agreements.ilo ? ['ilo'] : []
}

/**
 * The commitments a report may concern, in catalog order (agreement-specific first, ILO last).
 * `usmca.31a.dor` needs country MX, the right `freedom_of_association`, and a covered facility
 * or (when coverage is unknown) a priority sector; Annex 23-A items need country MX.
 * @example
 * const input = { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'] }
 * resolveCommitments(getCatalog(), input)
 * // → usmca.23.3.1.a, usmca.23a.2.a, …, usmca.31a.dor, ilo.c087, ilo.c098
 */
export function resolveCommitments(catalog: Catalog, input: ResolveInput): Commitment[] {
  const country = input.country.toUpperCase()
  const agreements = new Set(agreementsFor(catalog, country))
  const rights = new Set(input.rights)
  return catalog.commitments.filter(
    (c) =>
      c.meta !== true &&
      agreements.has(c.agreement) &&
      c.rights.some((r) => rights.has(r)) &&
      meets(catalog, c.requires, country, input),
  )
}

function meets(
  catalog: Catalog,
  req: Requires | undefined,
  country: string,
  input: ResolveInput,
): boolean {
  if (!req) return true
  if (req.countries && !req.countries.includes(country)) return false
  if (req.facilityCovered || req.prioritySector) {
    const covered = req.facilityCovered === true && input.facilityCovered === true
    const priority =
      req.prioritySector === true &&
      input.facilityCovered !== false &&
      input.sector !== undefined &&
      catalog.sectors[input.sector]?.priority === true
    return covered || priority
  }
  return true
}
