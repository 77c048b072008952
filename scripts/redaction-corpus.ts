/**
 * @module scripts/redaction-corpus
 * The annotated corpus (`test/fixtures/grievances.<lang>.json`, one file per language of the
 * registry) and the way the evaluation decides whether an identifier survived redaction.
 * Shared by `eval-redaction` and `train-redaction`, so cross-validation scores exactly as the
 * evaluation does.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { LANGS, type Lang } from '../src/i18n/index.js'

export interface Item {
  id: string
  lang: Lang
  text: string
  identifiers: { kind: string; value: string }[]
  keep: string[]
  rights: string[]
}

/** The fixtures of every language, in registry order then file order. */
export function fixtures(): Record<Lang, Item[]> {
  const out = {} as Record<Lang, Item[]>
  for (const lang of LANGS) {
    const path = fileURLToPath(new URL(`../test/fixtures/grievances.${lang}.json`, import.meta.url))
    const raw = JSON.parse(readFileSync(path, 'utf8')) as Omit<Item, 'lang'>[]
    out[lang] = raw.map((r) => ({ ...r, lang, identifiers: r.identifiers ?? [], keep: r.keep ?? [] }))
  }
  return out
}

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
function count(haystack: string, needle: string): number {
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${esc(needle)}(?![\\p{L}\\p{N}])`, 'gu')
  return haystack.match(re)?.length ?? 0
}

/** Pieces of an identifier that must not survive on their own. */
function pieces(kind: string, value: string): string[] {
  if (kind === 'name') return value.split(/[\s]+/).filter((w) => w.length >= 3)
  return value.split(/[^\p{L}\p{N}]+/u).filter((p) => p.length >= 4)
}

/**
 * Did this identifier survive redaction? It did when its exact text is still in the output, or
 * when a piece of it (a name's word of 3+ letters, a 4+ character group of a number) appears
 * more often in the output than in the original text with every identifier removed.
 */
export function leaked(item: Pick<Item, 'text' | 'identifiers'>, out: string, kind: string, value: string): boolean {
  if (out.includes(value)) return true
  let residual = item.text
  for (const i of item.identifiers) residual = residual.split(i.value).join(' ')
  return pieces(kind, value).some((p) => count(out, p) > count(residual, p))
}
