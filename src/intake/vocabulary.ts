/**
 * @module intake/vocabulary
 * The countries and sectors a submission may name: those of the catalog (memoised).
 */
import type { Catalog } from '../catalog/index.js'
import type { IntakeVocabulary } from './schema.js'

const cache = new WeakMap<Catalog, IntakeVocabulary>()

export function intakeVocabulary(catalog: Catalog): IntakeVocabulary {
  let v = cache.get(catalog)
  if (!v) {
    v = {
      countries: new Set(Object.keys(catalog.countries)),
      sectors: new Set(Object.keys(catalog.sectors)),
    }
    cache.set(catalog, v)
  }
  return v
}
