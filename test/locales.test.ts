import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LANGS } from '../src/i18n/languages.js'
import { resources } from '../src/i18n/resources.js'

const dir = join(import.meta.dirname, '..', 'locales')

const keys = (o: unknown, pre = ''): string[] =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keys(v, `${pre}${k}.`) : [`${pre}${k}`],
  )

const load = (lang: string) =>
  Object.fromEntries(
    readdirSync(join(dir, lang))
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(dir, lang, f), 'utf8'))]),
  )

describe('locales', () => {
  it('has the same files in every language', () => {
    const files = LANGS.map((l) => readdirSync(join(dir, l)).sort())
    for (const f of files) expect(f).toEqual(files[0])
  })

  for (const a of LANGS) {
    for (const b of LANGS) {
      if (a === b) continue
      it(`every key in ${a} exists in ${b}`, () => {
        const A = load(a)
        const B = load(b)
        for (const ns of Object.keys(A)) {
          const missing = keys(A[ns]).filter((k) => !keys(B[ns] ?? {}).includes(k))
          expect(missing.map((k) => `${b}/${ns}.json: ${k}`)).toEqual([])
        }
      })
    }
  }

  it('has no empty strings, and keeps {{placeholders}} the same across languages', () => {
    const en = load('en')
    for (const l of LANGS) {
      const L = load(l)
      for (const ns of Object.keys(L)) {
        for (const k of keys(L[ns])) {
          const get = (o: unknown) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)?.[p], o)
          const v = get(L[ns])
          expect(typeof v === 'string' && v.trim().length > 0, `${l}/${ns}.json: ${k} is empty`).toBe(true)
          const vars = (s: unknown) => [...String(s).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()
          expect(vars(v), `${l}/${ns}.json: ${k} placeholders`).toEqual(vars(get(en[ns])))
        }
      }
    }
  })

  it('registers every locale file with i18next', () => {
    for (const l of LANGS) expect(Object.keys(resources[l]).sort()).toEqual(Object.keys(load(l)).sort())
  })
})

/** Every string value of a namespace tree, with its dotted key. */
const strings = (o: unknown, pre = ''): [string, string][] =>
  Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
    v && typeof v === 'object' ? strings(v, `${pre}${k}.`) : typeof v === 'string' ? [[`${pre}${k}`, v] as [string, string]] : [],
  )

describe('French typography', () => {
  it('puts a narrow no-break space (U+202F) before : ; ! ? in every French string', () => {
    const fr = load('fr')
    const wrong = Object.entries(fr).flatMap(([ns, tree]) =>
      strings(tree)
        // a plain or no-break space before the mark, or a word glued to it ("Attention:")
        .filter(([, v]) => /[ \u00a0][:;!?]|[\p{L}\p{N}»)][:;!?](?!\/\/)/u.test(v.replace(/https?:\/\/\S+/g, '')))
        .map(([k, v]) => `${ns}.${k}: ${v}`),
    )
    expect(wrong).toEqual([])
  })
})
