/**
 * @module routing/facets
 * Text facets: words that pick the precise commitment within a right (a pregnancy → USMCA
 * Art. 23.9 rather than 23.3.1(d); a vote on a first contract → Annex 23-A 2(e); goods sold in
 * Europe → the EU Forced Labour Regulation). The lists are data (`catalog/facets.json`, same
 * entry syntax as `keywords.json`), compiled once per catalog. A facet never adds a right to a
 * case: it only chooses among the commitments of the rights the case already has.
 * A `negatable` facet (a condition: a cooperative, a Canadian filer, a market) does not count
 * when the reporter denies it ("not in any cooperative"; routing/negation.ts). A facet with
 * `all` is also present when every facet it lists is.
 */
import type { Catalog } from '../catalog/index.js'
import { words } from './classify.js'
import { compileCatalog, findKeywords, type Catalog as Compiled, type Lang } from './keywords.js'
import { maskNegated, negates } from './negation.js'

const compiled = new WeakMap<Catalog, Compiled>()

function compiledFor(catalog: Catalog): Compiled {
  let c = compiled.get(catalog)
  if (c === undefined) {
    c = compileCatalog(catalog.facets as unknown as Record<string, unknown>)
    compiled.set(catalog, c)
  }
  return c
}

/**
 * The facets a text shows. Every language's words count (workers mix languages); the
 * reporter's language decides how SMS spellings are read.
 * @example
 * detectFacets(getCatalog(), 'Me despidieron por estar embarazada', 'es') // Set { 'sex', 'dismissal' }
 */
export function detectFacets(catalog: Catalog, text: string, lang: Lang): Set<string> {
  const table = compiledFor(catalog)
  const negatable = (f: string) => catalog.facets[f]?.negatable === true
  const found = new Set<string>()
  const folded = words(text, lang)
  const hits = findKeywords(table, folded)
  for (const k of hits) {
    if (!negatable(k.right) || negates(k)) found.add(k.right)
  }
  // With no negation in the text, the masked words are the same words: the same hits.
  const masked = maskNegated(text, lang)
  for (const k of masked === folded ? hits : findKeywords(table, masked)) found.add(k.right)
  for (const [code, facet] of Object.entries(catalog.facets)) {
    if (facet.all?.every((f) => found.has(f))) found.add(code)
  }
  return found
}
