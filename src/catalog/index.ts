/**
 * @module catalog
 * The default commitments catalog, built from the JSON files under `catalog/` (imported, not
 * read from disk, so this module runs on Workers too). Validation happens on first use:
 * call `getCatalog()` at start-up so that a broken file stops the process with a message
 * naming the file and the field.
 */
import cafta from '../../catalog/commitments/cafta-dr.json' with { type: 'json' }
import ciCocoa from '../../catalog/commitments/ci-cocoa.json' with { type: 'json' }
import euTsd from '../../catalog/commitments/eu-tsd.json' with { type: 'json' }
import ilo from '../../catalog/commitments/ilo.json' with { type: 'json' }
import usmca from '../../catalog/commitments/usmca.json' with { type: 'json' }
import countries from '../../catalog/countries.json' with { type: 'json' }
import rights from '../../catalog/rights.json' with { type: 'json' }
import sectors from '../../catalog/sectors.json' with { type: 'json' }
import { loadCatalog, type Catalog, type CatalogFiles } from './load.js'

export { CatalogError, formatPath, loadCatalog } from './load.js'
export type { Catalog, CatalogFiles, CatalogIssue } from './load.js'
export { isRight, LANGS, RIGHTS, VERIFIED } from './schema.js'
export type {
  Agreement,
  Commitment,
  Country,
  Lang,
  Localized,
  Requires,
  Right,
  RightInfo,
  Sector,
  Verified,
} from './schema.js'

/**
 * The raw catalog files, keyed by repository path. Order matters: commitments keep it, so the
 * agreement-specific files come first and the ILO conventions last.
 */
export const catalogFiles: CatalogFiles = {
  'catalog/commitments/usmca.json': usmca,
  'catalog/commitments/cafta-dr.json': cafta,
  'catalog/commitments/eu-tsd.json': euTsd,
  'catalog/commitments/ci-cocoa.json': ciCocoa,
  'catalog/commitments/ilo.json': ilo,
  'catalog/countries.json': countries,
  'catalog/sectors.json': sectors,
  'catalog/rights.json': rights,
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
})
