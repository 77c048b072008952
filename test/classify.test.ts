/**
 * @module test/classify
 * Pins classification behaviour: one plain sentence per right and language, folding (accents,
 * case, stems), mixed languages, the reporter's chosen rights, and the catalog's shape.
 * Accuracy on the annotated corpus is measured by `npm run eval:redaction`, not asserted here.
 */
import { describe, expect, it } from 'vitest'
import { LANGS } from '../src/i18n/languages.js'
import kw from '../catalog/keywords.json' with { type: 'json' }
import { applyPrecedence, classify, combine, RIGHTS } from '../src/routing/classify.js'
import { MODEL } from '../src/routing/rights-model.js'
import { compileCatalog, findKeywords, parseEntry } from '../src/routing/keywords.js'

const top = (text: string, lang: 'en' | 'es' | 'fr'): string | undefined =>
  classify(text, lang)[0]?.right

describe('one sentence per right', () => {
  it.each([
    ['es', 'freedom_of_association', 'Corrieron a los que firmaron por el sindicato independiente'],
    ['fr', 'freedom_of_association', 'La direction a licencié les grévistes, pas de convention'],
    ['en', 'freedom_of_association', 'They fired everyone who signed a union card before the vote'],
    ['es', 'forced_labor', 'No nos dejan salir del rancho hasta pagar la deuda'],
    ['fr', 'forced_labor', 'Le patron a confisqué nos papiers et dit que nous avons une dette'],
    ['en', 'forced_labor', 'The recruiter took our passports and says we owe him'],
    ['es', 'child_labor', 'Hay niños de 12 años cortando en el campo, no van a la escuela'],
    ['fr', 'child_labor', 'Des enfants de 11 ans travaillent dans la plantation'],
    ['en', 'child_labor', 'Kids 14 years old work the night shift'],
    ['es', 'discrimination', 'Me hicieron una prueba de embarazo antes de contratarme'],
    ['fr', 'discrimination', 'Licenciée parce que je suis enceinte'],
    ['en', 'discrimination', 'Women get paid less than men for the same job'],
    ['es', 'wages', 'No nos han pagado la quincena ni el aguinaldo'],
    ['fr', 'wages', 'On est payé en dessous du SMIG'],
    ['en', 'wages', 'They pay under minimum wage and keep our tips'],
    ['es', 'working_hours', 'Trabajamos doble turno sin día de descanso'],
    ['fr', 'working_hours', 'Nous travaillons 7 jours sur 7 sans repos'],
    ['en', 'working_hours', 'Mandatory double shifts and no day off'],
    ['es', 'safety_health', 'Hubo un accidente y no tenemos equipo de protección'],
    ['fr', 'safety_health', 'Pas de gants pour les produits chimiques, un collègue est blessé'],
    ['en', 'safety_health', 'No masks with the ammonia, two people were injured'],
    ['es', 'violence', 'Nos amenazaron y golpearon a un compañero'],
    ['fr', 'violence', 'Le chef nous menace et nous frappe'],
    ['en', 'violence', 'The foreman threatened us and pushed a worker'],
    ['es', 'migrant_workers', 'El reclutador nos cobró la visa H-2A'],
    ['fr', 'migrant_workers', 'Permis de travail fermé, frais de recrutement payés au recruteur'],
    ['en', 'migrant_workers', 'My work permit is tied to this employer'],
    ['es', 'enforcement', 'El inspector vino y no hizo nada, el tribunal laboral no resuelve'],
    ['fr', 'enforcement', "L'inspection du travail n'a jamais répondu à notre plainte"],
    ['en', 'enforcement', 'We filed a complaint with the labor department and nothing happened'],
  ] as const)('%s: %s', (lang, right, text) => {
    expect(top(text, lang)).toBe(right)
  })
})

describe('folding and stems', () => {
  it('ignores accents and case', () => {
    const a = classify('NOS DESPIDIERON POR EL SINDICATO', 'es')
    const b = classify('nos despidieron por el sindicáto', 'es')
    expect(a).toEqual(b)
    expect(a[0]?.right).toBe('freedom_of_association')
  })

  it('matches stems: sindicato, sindicatos, sindicalizados', () => {
    for (const w of ['sindicato', 'sindicatos', 'sindicalizados']) {
      expect(top(`somos ${w}`, 'es')).toBe('freedom_of_association')
    }
  })

  it('counts every language, the reporter’s own more', () => {
    expect(top('trabajamos mucho overtime, no days off', 'es')).toBe('working_hours')
    const own = classify('they fired the union organizers', 'en')[0]?.score ?? 0
    const other = classify('they fired the union organizers', 'es')[0]?.score ?? 0
    expect(own).toBeGreaterThan(other)
  })
})

describe('phrasings without the obvious keyword', () => {
  it.each([
    ['es', 'wages', 'llevamos dos semanas sin cobrar, dicen que no han depositado'],
    ['es', 'violence', 'el mayordomo nos avienta las cajas y nos dice burros'],
    ['es', 'enforcement', 'la junta no avanza, seguimos esperando desde hace 3 años'],
    ['fr', 'violence', 'le chef nous tape avec un bâton'],
    ['fr', 'discrimination', 'les hommes gagnent plus pour le même travail'],
    ['fr', 'child_labor', 'des gamins de 10 ou 11 ans ramassent les cabosses'],
    ['en', 'child_labor', 'there are 12 and 13 yr olds picking in the rows'],
    ['en', 'wages', 'my paycheck bounced and they still owe us two weeks'],
    ['en', 'safety_health', 'the roof caved in last week and there is still no alarm'],
  ] as const)('%s: %s', (lang, right, text) => {
    expect(top(text, lang)).toBe(right)
  })
})

describe('structural precedence over pay and hours', () => {
  it.each([
    ['en', 'violence', 'the supervisor showed us a knife when we asked for our overtime pay'],
    ['es', 'freedom_of_association', 'después de firmar la petición por el aumento nos bajaron las horas'],
    ['en', 'forced_labor', 'they keep our pay until the season ends and we cannot leave'],
    ['es', 'child_labor', 'los chiquitos de 11 años trabajan todo el día y les pagan 50 pesos'],
  ] as const)('%s: %s', (lang, right, text) => {
    const ranked = classify(text, lang).map((r) => r.right)
    expect(ranked[0]).toBe(right)
    // the condition of work stays ranked, behind
    expect(ranked.slice(1, 3).some((r) => r === 'wages' || r === 'working_hours')).toBe(true)
  })

  it('moves evidence only to a right that has evidence of its own', () => {
    const none = new Map([['wages', 4], ['forced_labor', 0.5]])
    applyPrecedence(none)
    expect(none.get('forced_labor')).toBe(0.5)
    const some = new Map([['wages', 4], ['working_hours', 2], ['forced_labor', 1.5]])
    applyPrecedence(some)
    expect(some.get('forced_labor')).toBe(1.5 + 0.5 * 4)
    expect(some.get('wages')).toBe(4)
  })
})

describe('SMS spellings and placeholders', () => {
  it('writes out apostrophe-less contractions and common abbreviations', () => {
    expect(classify('they dont pay us', 'en')).toEqual(classify('they don’t pay us', 'en'))
    expect(classify('we cant leave the camp', 'es')).toEqual(classify("we can't leave the camp", 'es'))
    expect(classify('x ser mujer me pagan menos', 'es')).toEqual(
      classify('por ser mujer me pagan menos', 'es'),
    )
    expect(classify('ns sommes pa payés', 'fr')).toEqual(classify('nous sommes pas payés', 'fr'))
  })

  it('does not read redaction placeholders as words', () => {
    for (const kind of ['ADDRESS', 'EMAIL', 'HANDLE', 'ID', 'NAME', 'PHONE', 'URL']) {
      for (const lang of [...LANGS]) {
        expect(classify(`[${kind}-1] [${kind}-2]`, lang)).toEqual([{ right: 'other', score: 1 }])
      }
    }
  })
})

describe('result shape', () => {
  it('sorts best first and keeps only scores above zero', () => {
    const ranked = classify('amenazas, golpes y no nos pagan el aguinaldo', 'es')
    expect(ranked.length).toBeGreaterThan(1)
    for (let i = 1; i < ranked.length; i++) {
      expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score)
    }
    for (const { score } of ranked) expect(score).toBeGreaterThan(0)
  })

  it('returns other when nothing matches', () => {
    expect(classify('¿Esto es anónimo?', 'es')).toEqual([{ right: 'other', score: 1 }])
    expect(classify('', 'en')).toEqual([{ right: 'other', score: 1 }])
  })

  it('always includes the rights the reporter chose, with a boost', () => {
    const plain = classify('no nos pagan', 'es')
    const chosen = classify('no nos pagan', 'es', ['child_labor', 'wages'])
    expect(chosen.map((r) => r.right)).toContain('child_labor')
    const wages = (list: typeof plain): number => list.find((r) => r.right === 'wages')?.score ?? 0
    expect(wages(chosen)).toBeGreaterThan(wages(plain))
    expect(classify('nada', 'es', ['other'])).toEqual([{ right: 'other', score: 3 }])
  })

  it('ignores chosen codes that are not canonical rights', () => {
    expect(classify('¿Esto es anónimo?', 'es', ['bogus'])).toEqual([{ right: 'other', score: 1 }])
  })
})

describe('low evidence ranks other', () => {
  it.each([
    ['en', 'how do I check my report?'],
    ['es', '¿cómo veo mi denuncia?'],
    ['fr', 'comment suivre mon signalement ?'],
    ['en', 'the plant is moving to Vietnam next year'],
    ['fr', 'merci, bonne soirée'],
  ] as const)('%s: %s', (lang, text) => {
    const ranked = classify(text, lang)
    expect(ranked.slice(0, 2).map((r) => r.right)).toContain('other')
    // just beside the weak best right, so rightsFor keeps both
    expect(ranked.find((r) => r.right === 'other')!.score).toBeGreaterThanOrEqual(ranked[0]!.score * 0.9)
  })

  it('leaves clear grievances that mention the hotline alone', () => {
    for (const [lang, text] of [
      ['en', 'I called the hotline before: they still owe us two weeks of pay'],
      ['es', 'ya les escribí por esta línea, el supervisor nos amenazó con un cuchillo'],
    ] as const) {
      expect(classify(text, lang).slice(0, 3).map((r) => r.right)).not.toContain('other')
    }
  })

  it('applies below the thresholds only, before the reporter’s choices', () => {
    const low = { second: 3, first: 1.5 }
    const rank = (kw: number): string[] =>
      combine(new Map([['wages', kw]]), null, [...RIGHTS], MODEL.blend, [], {}, low).map((r) => r.right)
    expect(rank(1)).toEqual(['other', 'wages'])
    expect(rank(2)).toEqual(['wages', 'other'])
    expect(rank(3)).toEqual(['wages'])
    const chosen = combine(new Map([['wages', 2]]), null, [...RIGHTS], MODEL.blend, ['wages'], {}, low)
    expect(chosen.map((r) => r.right)).toEqual(['wages', 'other'])
  })
})

describe('keyword catalog', () => {
  const table = kw as unknown as Record<string, Record<string, string[]>>

  it('has keywords for every right but other, in every language', () => {
    for (const right of RIGHTS) {
      if (right === 'other') continue
      for (const lang of [...LANGS]) {
        expect(table[right]?.[lang]?.length ?? 0).toBeGreaterThan(5)
      }
    }
    for (const key of Object.keys(table)) {
      if (key.startsWith('_')) continue
      for (const right of key.split('+')) expect(RIGHTS as readonly string[]).toContain(right)
    }
  })

  it('parses every entry', () => {
    for (const [right, langs] of Object.entries(table)) {
      if (right.startsWith('_')) continue
      for (const list of Object.values(langs)) {
        for (const entry of list) expect(parseEntry(entry)).not.toBeNull()
      }
    }
  })

  it('understands the entry syntax', () => {
    const catalog = compileCatalog({
      x: { es: ['paro$', 'despid * sindicat@3', 're:\\b1[0-7] anos\\b@2'] },
    })
    const ids = (text: string): number[] => findKeywords(catalog, text).map((k) => k.weight)
    expect(ids('hubo paro')).toEqual([1])
    expect(ids('paros')).toEqual([])
    expect(ids('despidieron a los del sindicato')).toEqual([3])
    expect(ids('tiene 15 anos')).toEqual([2])
  })

  it('gives the entries of a joined key to each right', () => {
    const catalog = compileCatalog({ 'discrimination+violence': { fr: ['me touche@2'] } })
    const rights = findKeywords(catalog, 'le chef me touche').map((k) => k.right)
    expect(rights.sort()).toEqual(['discrimination', 'violence'])
  })
})
