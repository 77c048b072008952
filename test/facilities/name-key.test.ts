/**
 * Folding employer and facility names for matching: accents, case, punctuation and legal-form
 * suffixes never matter; words do. Examples, then properties (fast-check).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { nameKey } from '../../src/facilities/name-key.js'

describe('nameKey', () => {
  it.each([
    ['Tridonex, S.A. de C.V.', 'tridonex'],
    ['TRIDONEX SA DE CV', 'tridonex'],
    ['General Motors de México, S. de R.L. de C.V.', 'general motors de mexico'],
    ['GENERAL MOTORS DE MEXICO S DE RL DE CV', 'general motors de mexico'],
    ['Panasonic Automotive Systems de México, S.A.P.I. de C.V.', 'panasonic automotive systems de mexico'],
    ['Société Cacaoyère de Soubré SARL', 'societe cacaoyere de soubre'],
    ['Société Cacaoyère de Soubré S.A.R.L.', 'societe cacaoyere de soubre'],
    ['Coopérative Agricole du Sud SA', 'cooperative agricole du sud'],
    ['Sunridge Packing Co., Ltd.', 'sunridge packing'],
    ['Central Valley Harvest LLC', 'central valley harvest'],
    ['Niagara Greenhouses Ltd', 'niagara greenhouses'],
    ['Acme Holdings, Inc.', 'acme holdings'],
    ['Atento Mexicana, S.A. de C.V.', 'atento mexicana'],
    ['  Piñera   del  Caribe  ', 'pinera del caribe'],
    ['Œuvres Sociales', 'oeuvres sociales'],
  ])('%s → %s', (name, key) => {
    expect(nameKey(name)).toBe(key)
  })

  it('keeps a name that is only a legal form, and keeps words that merely contain one', () => {
    expect(nameKey('S.A.')).toBe('s a')
    expect(nameKey('Inc')).toBe('inc')
    expect(nameKey('Banco Saco')).toBe('banco saco')
    expect(nameKey('Minera San Martín')).toBe('minera san martin')
  })

  it('keeps different workplaces apart', () => {
    expect(nameKey('Tridonex Matamoros')).not.toBe(nameKey('Tridonex'))
    expect(nameKey('GM Silao')).not.toBe(nameKey('GM Ramos Arizpe'))
  })
})

/** A name's words: letters (with accents), digits. */
const word = fc.stringMatching(/^[a-záéíóúñçèêàüA-ZÁÉÍÓÚÑÇÈÊÀÜ][a-záéíóúñçèêàüA-ZÁÉÍÓÚÑÇÈÊÀÜ0-9]{1,10}$/)
const base = fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' '))
const SUFFIXES = [
  'S.A. de C.V.', 'SA de CV', 's.a. de c.v.', 'S. de R.L. de C.V.', 'S de RL de CV', 'S. de R.L.', 'S.A.P.I. de C.V.',
  'SARL', 'S.A.R.L.', 'SA', 'S.A.', 'SAS', 'Inc.', 'INC', 'LLC', 'L.L.C.', 'Ltd', 'Ltd.', 'Limited', 'Co., Ltd.', 'Corp.', 'GmbH',
]
const suffix = fc.constantFrom(...SUFFIXES)
const sep = fc.constantFrom(' ', ', ', ' , ', '  ', '. ')

const upper = (s: string) => s.toUpperCase()
const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '')

describe('nameKey properties', () => {
  it('is idempotent', () => {
    fc.assert(fc.property(base, (b) => nameKey(nameKey(b)) === nameKey(b)))
  })

  it('ignores case and accents', () => {
    fc.assert(fc.property(base, (b) => nameKey(upper(b)) === nameKey(b) && nameKey(strip(b)) === nameKey(b)))
  })

  it('ignores legal-form suffixes, however written and however many', () => {
    fc.assert(
      fc.property(base, fc.array(fc.tuple(sep, suffix), { minLength: 1, maxLength: 2 }), (b, tail) => {
        const named = b + tail.map(([s, x]) => s + x).join('')
        return nameKey(named) === nameKey(b)
      }),
    )
  })

  it('ignores punctuation and spacing between words', () => {
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 5 }), fc.constantFrom(' ', '  ', ' - ', ', ', '.', '/'), (words, s) =>
        nameKey(words.join(s)) === nameKey(words.join(' ')),
      ),
    )
  })

  it('never returns an empty key for a name with a letter or digit', () => {
    fc.assert(fc.property(base, (b) => nameKey(b).length > 0))
  })
})
