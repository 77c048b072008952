/**
 * The forums offered for a case depend on its country, agreement, sector and rights, and on who
 * files: an organisation's flags decide the EU Single Entry Point and Canada's NAO.
 */
import { describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { forumsFor, type Filer } from '../../src/escalation/forum-list.js'

const ORGS: Filer[] = [
  { name: 'Sindicato Norte', euBased: false, caBased: false },
  { name: 'EuroSolidarity', euBased: true, caBased: false },
  { name: 'Maple Labour Network', euBased: false, caBased: true },
]
const list = (country: string, sector: string, rights: string[]) =>
  Object.fromEntries(forumsFor(getCatalog(), [{ country, sector, rights }], ORGS).map((f) => [f.kind, f.organisations]))
const ALL = ORGS.map((o) => o.name)

describe('forum list per case', () => {
  it('MX / auto parts, union rights: Annex 31-A, the DOL hotline, Annex 31-B (Canadian filers only), CFCRL', () => {
    expect(list('MX', 'auto_parts', ['freedom_of_association'])).toEqual({
      'usmca-rrm': ALL,
      'dol-hotline': ALL,
      'canada-31b': ['Maple Labour Network'],
      'mx-cfcrl': ALL,
    })
    // Forced labour in an auto plant adds a Tariff Act §307 allegation (goods imported into the US).
    expect(Object.keys(list('MX', 'auto_assembly', ['forced_labor']))).toEqual(['dol-hotline', 'mx-cfcrl', 'cbp-307'])
  })

  it('MX / farm work: not a priority sector, so no Rapid Response', () => {
    expect(Object.keys(list('MX', 'agriculture', ['freedom_of_association']))).toEqual(['dol-hotline', 'mx-cfcrl'])
  })

  it('CI / cocoa, child labour: §307 only; no EU SEP (Côte d\u2019Ivoire has no TSD chapter)', () => {
    expect(list('CI', 'cocoa', ['child_labor'])).toEqual({ 'cbp-307': ALL })
  })

  it('GT / garment: CAFTA-DR Art. 16.4.3 for anyone, the EU SEP for EU-based organisations only', () => {
    expect(list('GT', 'garment', ['freedom_of_association'])).toEqual({
      'eu-sep': ['EuroSolidarity'],
      'cafta-16': ALL,
    })
    expect(Object.keys(list('GT', 'garment', ['forced_labor']))).toEqual(['eu-sep', 'cbp-307', 'cafta-16'])
  })

  it('CA / agriculture: the DOL hotline and the EU SEP (CETA); no Rapid Response between Canada and the US', () => {
    expect(list('CA', 'agriculture', ['migrant_workers', 'wages'])).toEqual({
      'dol-hotline': ALL,
      'eu-sep': ['EuroSolidarity'],
    })
  })

  it('US / meatpacking: the DOL hotline only (no §307 for US worksites, no RRM against a US plant here)', () => {
    expect(list('US', 'meatpacking', ['safety_health', 'forced_labor'])).toEqual({ 'dol-hotline': ALL })
  })

  it('a package of several cases gets only the forums that take them all', () => {
    const both = forumsFor(getCatalog(), [
      { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'] },
      { country: 'MX', sector: 'agriculture', rights: ['freedom_of_association'] },
    ])
    expect(both.map((f) => f.kind)).toEqual(['dol-hotline', 'mx-cfcrl'])
    expect(forumsFor(getCatalog(), [])).toEqual([])
  })
})
