/**
 * @module catalog/labels
 * How a commitment is named to a monitor or a worker: its agreement's local name (USMCA, T-MEC,
 * ACEUM; CAFTA-DR, TLC CAFTA-DR…), its article and its title, all in the reader's language.
 */
import type { Catalog } from './load.js'
import type { Commitment, Lang } from './schema.js'

/** "T-MEC, Art. 23.3.1(a)": the agreement's short name and the article. */
export function articleLabel(catalog: Catalog, c: Commitment, lang: Lang): string {
  const agreement = catalog.agreements[c.agreement]
  return agreement ? `${agreement.short[lang]}, ${c.article[lang]}` : c.article[lang]
}

/** "T-MEC, Art. 23.3.1(a) · Libertad sindical y contrato colectivo". */
export function commitmentLabel(catalog: Catalog, c: Commitment, lang: Lang): string {
  return `${articleLabel(catalog, c, lang)} · ${c.title[lang]}`
}
