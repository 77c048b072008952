/**
 * @module test/languages
 * The language registry (`locales/languages.json`) is the one list of languages: the generated
 * codes file matches it, every language has its locale files, its corpus and its redaction
 * data, and every route pattern of the app comes from it (a language missing from one pattern
 * would silently 404).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildCodes, buildResources, CODES_PATH, RESOURCES_PATH } from '../scripts/languages.js'
import { LANG_PARAM, LANGS, LANGUAGES } from '../src/i18n/languages.js'
import { resources } from '../src/i18n/resources.js'

const root = join(import.meta.dirname, '..')

/** Every .ts/.tsx file under src/. */
function sources(dir = join(root, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

describe('language registry', () => {
  it('generated src/i18n/lang-codes.ts from the current registry', () => {
    expect(readFileSync(CODES_PATH, 'utf8'), 'stale: run `npm run languages`').toBe(buildCodes())
  })

  it('generated src/i18n/resources.ts from the current registry and locale files', () => {
    expect(readFileSync(RESOURCES_PATH, 'utf8'), 'stale: run `npm run languages`').toBe(buildResources())
  })

  it('lists each language once, in menu order', () => {
    expect(LANGUAGES.map((l) => l.code)).toEqual([...LANGS])
    expect(new Set(LANGS).size).toBe(LANGS.length)
  })

  it.each([...LANGS])('%s has locale files, i18n resources, a corpus and redaction data', (lang) => {
    expect(existsSync(join(root, 'locales', lang))).toBe(true)
    expect(Object.keys(resources)).toContain(lang)
    expect(existsSync(join(root, 'test', 'fixtures', `grievances.${lang}.json`))).toBe(true)
    expect(existsSync(join(root, 'catalog', 'redaction', `${lang}.json`))).toBe(true)
  })

  it('gives the route pattern of the reporter pages', () => {
    expect(LANG_PARAM).toBe(`:lang{(${LANGS.join('|')})}`)
  })

  it('is the only source of language route patterns and language types in src/', () => {
    const offenders: string[] = []
    const code = `'(?:${LANGS.join('|')})'`
    const listed = new RegExp(`:lang\\{|${code}\\s*\\|\\s*${code}`)
    for (const file of sources()) {
      if (/(?:lang-codes|languages|resources)\.ts$/.test(file)) continue
      const text = readFileSync(file, 'utf8')
      if (listed.test(text)) offenders.push(file.slice(root.length + 1))
    }
    expect(offenders).toEqual([])
  })

  it('has no hand-written list of the languages in src/ (a regex (en|es|fr), an array, a per-language record)', () => {
    // Each of these would need a code change for a new language, and a missed one would silently
    // 404 or mis-handle it. Generated and registry modules are exempt.
    const code = `(?:${LANGS.join('|')})`
    const patterns: [string, RegExp][] = [
      // a group or string of codes only: (en|es|fr), (?:es|fr), 'en|es|fr' (not a list of TLDs)
      ['alternation such as (en|es|fr)', new RegExp(`[({'"\`](?:\\?:)?${code}(?:\\|${code})+[)}'"\`]`)],
      ['array such as [\'en\', \'es\']', new RegExp(`\\[\\s*'${code}'\\s*,\\s*'${code}'`)],
      ['Record<Lang, …> written out', /(?<!Partial<)Record<Lang,[^=;]*>\s*=\s*\{/],
    ]
    const offenders: string[] = []
    for (const file of sources()) {
      if (/(?:lang-codes|i18n[/\\]languages|i18n[/\\]resources)\.ts$/.test(file)) continue
      const text = readFileSync(file, 'utf8')
      for (const [what, re] of patterns) if (re.test(text)) offenders.push(`${file.slice(root.length + 1)}: ${what}`)
    }
    expect(offenders).toEqual(KNOWN_LEFT)
  })
})

/**
 * Language lists still written in code, each a change needed to add a language (docs/redaction.md,
 * "Adding a language"). Shrink this list; never grow it.
 */
const KNOWN_LEFT: string[] = []
