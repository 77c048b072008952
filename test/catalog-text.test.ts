/**
 * @module test/catalog-text
 * The catalog's words, as a worker or a monitor reads them: every entry carries an id, an
 * article, a source, a verification tag and titles in three languages (the schema refuses an
 * entry without them); Spanish and French texts hold no English left over; French puts a narrow
 * no-break space (U+202F) before : ; ! ?; and every label names its agreement by its local name.
 */
import { describe, expect, it } from 'vitest'
import { LANGS } from '../src/i18n/languages.js'
import {
  CatalogError,
  catalogFiles,
  commitmentLabel,
  getCatalog,
  loadCatalog,
  type Localized,
} from '../src/catalog/index.js'

const catalog = getCatalog()
const NNBSP = '\u202f'

/** Every worker- or monitor-facing text of the catalog, with where it comes from. */
function texts(): { where: string; text: Localized }[] {
  const out: { where: string; text: Localized }[] = []
  for (const [code, a] of Object.entries(catalog.agreements)) {
    out.push({ where: `agreement ${code} name`, text: a.name }, { where: `agreement ${code} short`, text: a.short })
  }
  for (const c of catalog.commitments) {
    out.push(
      { where: `${c.code} article`, text: c.article },
      { where: `${c.code} title`, text: c.title },
      { where: `${c.code} description`, text: c.description },
    )
    c.deadlines?.forEach((d, i) => out.push({ where: `${c.code} deadlines[${i}]`, text: d.rule }))
  }
  for (const [k, c] of Object.entries(catalog.countries)) out.push({ where: `country ${k}`, text: c.name })
  for (const [k, s] of Object.entries(catalog.sectors)) out.push({ where: `sector ${k}`, text: s.title })
  for (const [k, r] of Object.entries(catalog.rights)) {
    out.push({ where: `right ${k} title`, text: r.title }, { where: `right ${k} question`, text: r.question })
  }
  return out
}

/**
 * English words that are not Spanish or French words: one of them in an es/fr text is English
 * left over. (Words shared with French, such as "union", "employer", "public", "convention",
 * "minimum", are not listed.)
 */
const ENGLISH = new Set(
  ('the and of to with for from by is are be must may can not your you their they this these which who when ' +
    'where workers worker labor labour rights child children forced wage wages pay paid hours ' +
    'safety health agreement trade chapter annex court courts rapid response mechanism facility facilities ' +
    'denial submission submissions enforcement women men work company section paragraph footnote ' +
    'harassment pregnancy leave care equal free ban goods imports law laws country government department ' +
    'office customs system monitoring remediation center regulation tariff act states united farm factory ' +
    'shops other something else we our us')
    .split(' '),
)

/** Loanwords workers use in Spanish: "call center" is what a Mexican call-centre worker says. */
const LOANWORDS = /\bcall center\b/gi

function englishWords(text: string): string[] {
  return (text.replace(LOANWORDS, '').toLowerCase().match(/[a-záéíóúñüàâçèêëîïôûùœ]+/g) ?? []).filter((w) => ENGLISH.has(w))
}

describe('catalog text', () => {
  it('has no English left in Spanish or French catalog text', () => {
    const found: string[] = []
    for (const { where, text } of texts()) {
      for (const lang of ['es', 'fr'] as const) {
        const words = englishWords(text[lang])
        if (words.length > 0) found.push(`${where} (${lang}): ${words.join(', ')} — ${text[lang]}`)
      }
    }
    expect(found).toEqual([])
  })

  it('catches English when it is there', () => {
    expect(englishWords('Rapid Response: union rights denied at a workplace')).toEqual(['rapid', 'response', 'rights'])
    expect(englishWords('Libertad sindical y contrato colectivo')).toEqual([])
    expect(englishWords('Liberté syndicale et négociation collective')).toEqual([])
  })

  it('puts a narrow no-break space before : ; ! ? in every French catalog text', () => {
    const bad: string[] = []
    for (const { where, text } of texts()) {
      for (const m of text.fr.matchAll(/[:;!?]/g)) {
        if (text.fr[m.index - 1] !== NNBSP) bad.push(`${where}: …${text.fr.slice(Math.max(0, m.index - 12), m.index + 1)}`)
      }
    }
    expect(bad).toEqual([])
    expect(catalog.byCode.get('usmca.31a.dor')!.title.fr).toBe(`Réaction rapide${NNBSP}: droits syndicaux refusés sur un lieu de travail`)
  })

  it('names the agreement in every label, by its local name: USMCA, T-MEC, ACEUM; TLC in Spanish for CAFTA-DR', () => {
    const usmca = catalog.byCode.get('usmca.23.3.1.a')!
    expect(commitmentLabel(catalog, usmca, 'en')).toBe('USMCA, Art. 23.3.1(a) · Freedom to form unions and bargain collectively')
    expect(commitmentLabel(catalog, usmca, 'es')).toMatch(/^T-MEC, Art\. 23\.3\.1\(a\) · /)
    expect(commitmentLabel(catalog, usmca, 'fr')).toMatch(/^ACEUM, Art\. 23\.3\.1\(a\) · /)
    expect(commitmentLabel(catalog, catalog.byCode.get('cafta.16.2.1.a')!, 'es')).toMatch(/^TLC CAFTA-DR, /)
    expect(commitmentLabel(catalog, catalog.byCode.get('usmca.23a.2.e')!, 'es')).toMatch(/^T-MEC, Anexo 23-A, párr\. 2\(e\) · /)
    expect(commitmentLabel(catalog, catalog.byCode.get('ilo.c087')!, 'fr')).toMatch(/^OIT, Convention n° 87 \(1948\) · /)
    for (const c of catalog.commitments) {
      for (const lang of [...LANGS]) {
        expect(commitmentLabel(catalog, c, lang).startsWith(`${catalog.agreements[c.agreement]!.short[lang]}, `)).toBe(true)
      }
    }
  })
})

describe('the catalog schema requires, on every entry', () => {
  const USMCA = 'catalog/commitments/usmca.json'
  const broken = (edit: (c: Record<string, any>) => void) => {
    const data = structuredClone(catalogFiles[USMCA]) as { commitments: Record<string, any>[] }
    edit(data.commitments[2]!)
    try {
      loadCatalog({ ...catalogFiles, [USMCA]: data })
    } catch (e) {
      if (e instanceof CatalogError) return e.message
      throw e
    }
    return 'loaded'
  }

  it.each([
    ['an id', (c: Record<string, any>) => delete c.code, 'commitments[2].code: Required'],
    ['its article in each language', (c: Record<string, any>) => delete c.article.fr, 'commitments[2].article.fr: Required'],
    ['a source URL', (c: Record<string, any>) => (c.source = 'see the treaty'), 'commitments[2].source:'],
    ['a verification tag', (c: Record<string, any>) => delete c.verified, 'commitments[2].verified:'],
    ['a known verification tag', (c: Record<string, any>) => (c.verified = 'maybe'), 'commitments[2].verified:'],
    ['titles in three languages', (c: Record<string, any>) => delete c.title.es, 'commitments[2].title.es: Required'],
    ['a precedence', (c: Record<string, any>) => delete c.precedence, 'commitments[2].precedence: Required'],
  ])('%s', (_, edit, message) => {
    expect(broken(edit)).toContain(`${USMCA}: ${message}`)
  })

  it('refuses an unknown facet and a definition that could be attached to a case', () => {
    expect(broken((c) => (c.requires = { facets: ['pregnancy'] }))).toContain(
      'commitments[2].requires.facets[0]: Unknown facet "pregnancy"',
    )
    expect(broken((c) => (c.kind = 'definition'))).toContain('commitments[2].meta:')
  })
})
