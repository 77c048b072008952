/**
 * findKeywords (routing/keywords.ts) was rewritten for speed (per-right arrays, a per-word
 * candidate list, `exec` for the patterns). This keeps the plain version it replaced and checks
 * that both find the same keywords, in the same order, on every fixture text: the words, the
 * ruled-out mask and the negation mask, against the rights catalog and the facets catalog.
 */
import { describe, expect, it } from 'vitest'
import { getCatalog } from '../src/catalog/index.js'
import { words } from '../src/routing/classify.js'
import { CATALOG, compileCatalog, findKeywords, type Catalog, type Keyword } from '../src/routing/keywords.js'
import { maskNegated, maskRuledOut } from '../src/routing/negation.js'
import en from './fixtures/grievances.en.json' with { type: 'json' }
import es from './fixtures/grievances.es.json' with { type: 'json' }
import fr from './fixtures/grievances.fr.json' with { type: 'json' }

type Part = Keyword['parts'][number]

function matchAt(parts: Part[], p: number, ws: string[], i: number): number {
  if (p === parts.length) return i
  const part = parts[p] as Part
  if ('gap' in part) {
    for (let skip = 0; skip <= 3 && i + skip <= ws.length; skip++) {
      const end = matchAt(parts, p + 1, ws, i + skip)
      if (end >= 0) return end
    }
    return -1
  }
  const w = ws[i]
  if (w === undefined) return -1
  if (part.exact ? w !== part.stem : !w.startsWith(part.stem)) return -1
  return matchAt(parts, p + 1, ws, i + 1)
}

/** The version before the rewrite. */
function reference(catalog: Catalog, folded: string): Keyword[] {
  const ws = folded.length === 0 ? [] : folded.split(' ')
  const hits: Keyword[] = []
  const freeFrom = new Map<string, number>()
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i] as string
    const done = new Set<string>()
    for (let n = Math.min(3, w.length); n >= 1; n--) {
      for (const k of catalog.index.get(w.slice(0, n)) ?? []) {
        if (done.has(k.right) || (freeFrom.get(k.right) ?? 0) > i) continue
        const end = matchAt(k.parts, 0, ws, i)
        if (end < 0) continue
        hits.push(k)
        done.add(k.right)
        freeFrom.set(k.right, end)
      }
    }
  }
  for (const k of catalog.patterns) for (const _ of folded.matchAll(k.re as RegExp)) hits.push(k)
  return hits
}

describe('findKeywords', () => {
  it('finds what the plain version found, in the same order, on every fixture text', () => {
    const facets = compileCatalog(getCatalog().facets as unknown as Record<string, unknown>)
    let compared = 0
    for (const r of [...es, ...fr, ...en]) {
      const lang = r.lang as 'en' | 'es' | 'fr'
      for (const folded of [words(r.text, lang), maskRuledOut(r.text, lang), maskNegated(r.text, lang)]) {
        for (const catalog of [CATALOG, facets]) {
          const ids = (ks: Keyword[]) => ks.map((k) => k.id)
          expect(ids(findKeywords(catalog, folded))).toEqual(ids(reference(catalog, folded)))
          compared++
        }
      }
    }
    expect(compared).toBeGreaterThan(10_000)
  })
})
