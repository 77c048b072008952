/**
 * @module catalog
 * The default commitments catalog, built from the JSON files under `catalog/` (imported, not
 * read from disk, so this module runs on Workers too). Validation happens on first use:
 * call `getCatalog()` at start-up so that a broken file stops the process with a message
 * naming the file and the field.
 */
import cafta from '../../catalog/commitments/cafta-dr.json' with { type: 'json' }
import ciCocoa from '../../catalog/commitments/ci-cocoa.json' with { type: 'json' }
import ciSosteci from '../../catalog/commitments/ci-sosteci.json' with { type: 'json' }
import euCariforum from '../../catalog/commitments/eu-cariforum.json' with { type: 'json' }
import euCentralAmerica from '../../catalog/commitments/eu-central-america.json' with { type: 'json' }
import euCeta from '../../catalog/commitments/eu-ceta.json' with { type: 'json' }
import euFlr from '../../catalog/commitments/eu-flr.json' with { type: 'json' }
import ilo from '../../catalog/commitments/ilo.json' with { type: 'json' }
import mxLft from '../../catalog/commitments/mx-lft.json' with { type: 'json' }
import usTariff from '../../catalog/commitments/us-tariff.json' with { type: 'json' }
import usmca from '../../catalog/commitments/usmca.json' with { type: 'json' }
import countries from '../../catalog/countries.json' with { type: 'json' }
import facets from '../../catalog/facets.json' with { type: 'json' }
import rights from '../../catalog/rights.json' with { type: 'json' }
import sectors from '../../catalog/sectors.json' with { type: 'json' }
import { loadCatalog, type Catalog, type CatalogFiles } from './load.js'

export { articleLabel, commitmentLabel } from './labels.js'
export { CatalogError, formatPath, loadCatalog } from './load.js'
export type { Catalog, CatalogFiles, CatalogIssue } from './load.js'
export { FUNDAMENTAL, isRight, KINDS, LANGS, RIGHTS, VERIFIED } from './schema.js'
export type {
  Agreement,
  Boost,
  Commitment,
  Country,
  Deadline,
  Facet,
  Fundamental,
  Kind,
  Lang,
  Localized,
  MinimumAge,
  Requires,
  Right,
  RightInfo,
  Sector,
  Verified,
} from './schema.js'

/**
 * The raw catalog files, keyed by repository path. Order matters: commitments keep it (it breaks
 * ranking ties), so the agreements come first, then national routes, and the ILO last.
 */
export const catalogFiles: CatalogFiles = {
  'catalog/commitments/usmca.json': usmca,
  'catalog/commitments/cafta-dr.json': cafta,
  'catalog/commitments/eu-central-america.json': euCentralAmerica,
  'catalog/commitments/eu-cariforum.json': euCariforum,
  'catalog/commitments/eu-ceta.json': euCeta,
  'catalog/commitments/mx-lft.json': mxLft,
  'catalog/commitments/us-tariff.json': usTariff,
  'catalog/commitments/eu-flr.json': euFlr,
  'catalog/commitments/ci-sosteci.json': ciSosteci,
  'catalog/commitments/ci-cocoa.json': ciCocoa,
  'catalog/commitments/ilo.json': ilo,
  'catalog/countries.json': countries,
  'catalog/sectors.json': sectors,
  'catalog/rights.json': rights,
  'catalog/facets.json': facets,
}

let cached: Catalog | undefined

/**
 * The validated default catalog, built once and then memoised.
 * @throws {CatalogError} when a catalog file is invalid (every call throws until it is fixed).
 */
export function getCatalog(): Catalog {
  cached ??= loadCatalog(catalogFiles)
  return cached
}

/**
 * The default catalog as a value. Each property validates on first read (through `getCatalog()`),
 * so importing this module never throws. Prefer `getCatalog()` where an identity-stable object
 * matters (e.g. as a WeakMap key).
 */
export const catalog: Catalog = Object.freeze({
  get agreements() {
    return getCatalog().agreements
  },
  get commitments() {
    return getCatalog().commitments
  },
  get byCode() {
    return getCatalog().byCode
  },
  get countries() {
    return getCatalog().countries
  },
  get sectors() {
    return getCatalog().sectors
  },
  get rights() {
    return getCatalog().rights
  },
  get facets() {
    return getCatalog().facets
  },
})
