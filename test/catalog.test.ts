/**
 * @module test/catalog
 * The commitments catalog: every file validates, broken files fail naming file and field,
 * and `resolveCommitments` maps country × sector × rights to the expected commitments.
 */
import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CatalogError,
  catalog,
  catalogFiles,
  getCatalog,
  loadCatalog,
  RIGHTS,
  type CatalogFiles,
} from '../src/catalog/index.js'
import { resolveCommitments } from '../src/routing/commitments.js'

const USMCA = 'catalog/commitments/usmca.json'

/** A deep copy of the default files with one file replaced by `edit(copy)`. */
function withEdit(file: string, edit: (data: any) => void): CatalogFiles {
  const data = structuredClone(catalogFiles[file])
  edit(data)
  return { ...catalogFiles, [file]: data }
}

function loadError(files: CatalogFiles): CatalogError {
  try {
    loadCatalog(files)
  } catch (e) {
    if (e instanceof CatalogError) return e
    throw e
  }
  throw new Error('expected loadCatalog to throw')
}

const codes = (input: Parameters<typeof resolveCommitments>[1]) =>
  resolveCommitments(getCatalog(), input).map((m) => m.commitment.code)

describe('catalog files', () => {
  it('all validate, and getCatalog memoises', () => {
    const c = getCatalog()
    expect(getCatalog()).toBe(c)
    expect(Object.keys(c.agreements).sort()).toEqual([
      'cafta-dr',
      'ci-cocoa',
      'ci-sosteci',
      'eu-cariforum',
      'eu-central-america',
      'eu-ceta',
      'eu-flr',
      'ilo',
      'mx-lft',
      'us-tariff-act',
      'usmca',
    ])
    expect(c.commitments.length).toBeGreaterThan(40)
    expect(catalog.byCode.get('usmca.23.3.1.a')?.article.en).toBe('Art. 23.3.1(a)')
  })

  it('imports every file on disk under catalog/commitments', () => {
    const onDisk = readdirSync(new URL('../catalog/commitments/', import.meta.url))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `catalog/commitments/${f}`)
    expect(
      Object.keys(catalogFiles)
        .filter((f) => f.startsWith('catalog/commitments/'))
        .sort(),
    ).toEqual(onDisk.sort())
  })

  it('has unique commitment codes', () => {
    const all = getCatalog().commitments.map((c) => c.code)
    expect(new Set(all).size).toBe(all.length)
  })

  it('covers the ten ILO fundamental conventions, one entry each, and the Declaration', () => {
    const ilo = getCatalog().commitments.filter((c) => c.agreement === 'ilo' && c.code !== 'ilo.decl')
    expect(ilo.map((c) => c.ilo[0]).sort()).toEqual([
      'C029',
      'C087',
      'C098',
      'C100',
      'C105',
      'C111',
      'C138',
      'C155',
      'C182',
      'C187',
    ])
    expect(getCatalog().byCode.get('ilo.c029')?.ilo).toContain('P029')
  })

  it('describes every right; violence, forced and child labor and union rights are severe', () => {
    const { rights } = getCatalog()
    expect(Object.keys(rights).sort()).toEqual([...RIGHTS].sort())
    const severe = RIGHTS.filter((r) => rights[r].severe).sort()
    expect(severe).toEqual(['child_labor', 'forced_labor', 'freedom_of_association', 'violence'])
  })

  it('writes Spanish and French descriptions, not English copies', () => {
    for (const c of getCatalog().commitments) {
      expect(c.description.es, c.code).not.toBe(c.description.en)
      expect(c.description.fr, c.code).not.toBe(c.description.en)
    }
  })
})

describe('loadCatalog errors', () => {
  it('names the file and the field of a missing translation', () => {
    const files = withEdit(USMCA, (d) => delete d.commitments[3].title.fr)
    expect(() => loadCatalog(files)).toThrow(CatalogError)
    expect(loadError(files).message).toBe(`${USMCA}: commitments[3].title.fr: Required`)
  })

  it('rejects a right that is not canonical', () => {
    const files = withEdit(USMCA, (d) => d.commitments[0].rights.push('unions'))
    expect(loadError(files).message).toMatch(
      /^catalog\/commitments\/usmca\.json: commitments\[0\]\.rights\[1\]: Unknown right "unions"/,
    )
  })

  it('rejects unknown keys (typos) and non-http sources', () => {
    const files = withEdit(USMCA, (d) => {
      d.commitments[1].titel = d.commitments[1].title
      d.commitments[2].source = 'ftp://example.org'
    })
    const { issues } = loadError(files)
    expect(issues.map((i) => i.path)).toEqual(['commitments[1]', 'commitments[2].source'])
  })

  it('rejects a code used twice, across files', () => {
    const files = withEdit(
      'catalog/commitments/ilo.json',
      (d) => (d.commitments[0].code = 'usmca.23.4'),
    )
    expect(loadError(files).message).toBe(
      'catalog/commitments/ilo.json: commitments[0].code: Duplicate code "usmca.23.4" ' +
        `(first in ${USMCA}: commitments[7])`,
    )
  })

  it('rejects a country that names an unknown agreement, or omits ilo', () => {
    const files = withEdit('catalog/countries.json', (d) => {
      d.MX.agreements = ['usmca', 'nafta']
    })
    expect(loadError(files).issues.filter((i) => i.file === 'catalog/countries.json')).toEqual([
      {
        file: 'catalog/countries.json',
        path: 'MX.agreements[1]',
        message: 'Unknown agreement "nafta"',
      },
      {
        file: 'catalog/countries.json',
        path: 'MX.agreements',
        message: 'Every country must list "ilo"',
      },
    ])
  })

  it('rejects a missing right in rights.json and a missing file', () => {
    const files = withEdit('catalog/rights.json', (d) => delete d.wages)
    expect(loadError(files).message).toBe('catalog/rights.json: wages: Required')
    const { [`catalog/sectors.json`]: _, ...rest } = catalogFiles
    expect(loadError(rest).message).toBe('catalog/sectors.json: (root): File is missing')
  })

  it('rejects requires.countries outside the agreement', () => {
    const files = withEdit(USMCA, (d) => (d.commitments[15].requires = { countries: ['GT'] }))
    expect(loadError(files).message).toContain(`${USMCA}: commitments[15].requires.countries[0]:`)
  })
})

describe('resolveCommitments', () => {
  it('MX auto parts, freedom of association → Ch. 23, Annex 23-A and Annex 31-A', () => {
    const got = codes({ country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'] })
    expect(got).toEqual(
      expect.arrayContaining(['usmca.23.3.1.a', 'usmca.23a.2.a', 'usmca.31a.dor']),
    )
    expect(got).toEqual(expect.arrayContaining(['ilo.c087', 'ilo.c098']))
    expect(got).not.toContain('usmca.23.11')
    expect(got).not.toContain('cafta.16.8.ab')
  })

  it('adds usmca.31a.dor for a covered facility or, if unknown, a priority sector', () => {
    const foa = ['freedom_of_association']
    expect(codes({ country: 'MX', sector: 'agriculture', rights: foa })).not.toContain(
      'usmca.31a.dor',
    )
    expect(codes({ country: 'MX', rights: foa })).not.toContain('usmca.31a.dor')
    expect(
      codes({ country: 'MX', sector: 'agriculture', facilityCovered: true, rights: foa }),
    ).toContain('usmca.31a.dor')
    expect(
      codes({ country: 'MX', sector: 'auto_parts', facilityCovered: false, rights: foa }),
    ).not.toContain('usmca.31a.dor')
    expect(codes({ country: 'MX', sector: 'auto_parts', rights: ['wages'] })).not.toContain(
      'usmca.31a.dor',
    )
  })

  it('keeps Annex 23-A and Annex 31-A to Mexico', () => {
    const got = codes({ country: 'US', sector: 'auto_parts', rights: ['freedom_of_association'] })
    expect(got).toContain('usmca.23.3.1.a')
    expect(got.filter((c) => c.startsWith('usmca.23a.') || c === 'usmca.31a.dor')).toEqual([])
  })

  it('CI cocoa child labor → SOSTECI, ICI CLMRS and ILO C138/C182, no EU TSD', () => {
    const got = codes({ country: 'CI', sector: 'cocoa', rights: ['child_labor'] })
    expect(got).toEqual(['ci.sosteci', 'ci.cocoa.clmrs', 'ilo.c138', 'ilo.c182'])
  })

  it('US wages → USMCA only: CAFTA-DR Chapter 16 is routed for the six partner countries', () => {
    expect(getCatalog().countries.US?.agreements).toContain('cafta-dr')
    const got = codes({ country: 'us', rights: ['wages'] })
    expect(got).toEqual(['usmca.23.3.2.wages'])
  })

  it('a country with no agreement → the ILO Declaration (it ratified nothing we know of)', () => {
    const got = codes({ country: 'BR', rights: ['forced_labor', 'child_labor', 'wages'] })
    expect(got).toEqual(['ilo.decl'])
  })

  it('returns nothing for no rights or only unknown ones, and never a meta entry', () => {
    expect(codes({ country: 'MX', rights: [] })).toEqual([])
    expect(codes({ country: 'MX', rights: ['nonsense'] })).toEqual([])
    const all = codes({
      country: 'US',
      sector: 'auto_parts',
      facilityCovered: true,
      rights: [...RIGHTS],
    })
    const meta = getCatalog()
      .commitments.filter((c) => c.meta)
      .map((c) => c.code)
    expect(meta).toEqual(['usmca.23.11', 'cafta.16.8.ab', 'cafta.16.8.c', 'cafta.16.8.d', 'cafta.16.8.e'])
    expect(all.filter((c) => meta.includes(c))).toEqual([])
  })
})
