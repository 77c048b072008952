/**
 * @module test/redaction-lexicon
 * The redaction word lists are data, one file per language of the registry
 * (`catalog/redaction/<lang>.json`): each file follows the schema (folded entries, known list
 * names, nothing extra), names its own language, holds no entry twice in a list, and the
 * generated module that imports them follows the registry.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildLexiconFiles, LEXICON_FILES_PATH } from '../scripts/languages.js'
import { LANGS } from '../src/i18n/languages.js'
import { GIVEN, LexiconSchema, SURNAMES } from '../src/privacy/redact/lexicon.js'

const dir = join(import.meta.dirname, '..', 'catalog', 'redaction')
const read = (lang: string): unknown => JSON.parse(readFileSync(join(dir, `${lang}.json`), 'utf8'))

describe('redaction lexicons', () => {
  it('has one file per registry language, and no other', () => {
    expect(readdirSync(dir).sort()).toEqual(LANGS.map((l) => `${l}.json`).sort())
  })

  it('imports every file through the generated module', () => {
    expect(readFileSync(LEXICON_FILES_PATH, 'utf8'), 'stale: run `npm run languages`').toBe(buildLexiconFiles())
  })

  it.each([...LANGS])('%s follows the schema, names its language and repeats nothing', (lang) => {
    const parsed = LexiconSchema.safeParse(read(lang))
    expect(parsed.error?.issues ?? []).toEqual([])
    const data = parsed.data!
    expect(data.language).toBe(lang)
    for (const [name, list] of Object.entries(data)) {
      if (!Array.isArray(list)) continue
      const twice = list.filter((e, i) => list.indexOf(e) !== i)
      expect(twice, `${lang}.json ${name}`).toEqual([])
    }
  })

  it.each([...LANGS])('%s says every digit in words', (lang) => {
    const values = new Set(Object.values(LexiconSchema.parse(read(lang)).numbers?.words ?? {}))
    for (let d = 0; d <= 9; d++) expect(values.has(d), `${lang}.json numbers: no word for ${d}`).toBe(true)
  })

  it('rejects an entry that is not folded, and an unknown list', () => {
    const data = read('en') as Record<string, unknown>
    expect(LexiconSchema.safeParse({ ...data, givenNames: ['Toño'] }).success).toBe(false)
    expect(LexiconSchema.safeParse({ ...data, nicknames: [] }).success).toBe(false)
  })

  it('unions the languages: names from every file count whatever the message language', () => {
    expect(GIVEN.has('frantz')).toBe(true)
    expect(GIVEN.has('lupita')).toBe(true)
    expect(SURNAMES.has('coulibaly')).toBe(true)
    expect(SURNAMES.has('smith')).toBe(true)
  })
})
