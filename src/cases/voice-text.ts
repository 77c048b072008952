/**
 * @module cases/voice-text
 * A voice report has no typed text: its description, employer and recorded answers are lines the
 * hotline wrote in the caller's language ("[Declaración de voz: 2 min 14 s, …]", "(no lo dijo: …)",
 * "Problema escogido con el teclado: Salarios."). Staff read them in their own language: each
 * such line, written in any language, is recognised from the `voice:case.*` templates and
 * rewritten with the reader's template (a chosen problem's title through the catalog). Any other
 * text is returned unchanged. Pure.
 */
import { getCatalog } from '../catalog/index.js'
import { LANGS, tFor, type Lang } from '../i18n/index.js'

/** The lines the voice channel writes into a case (locales/*\/voice.json, `case.*`). */
const KEYS = ['statement', 'notRetrieved', 'answer', 'answerNotRetrieved', 'employer', 'problem'] as const
type Key = (typeof KEYS)[number]

const MARK = '\u0001'
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

interface Pattern {
  key: Key
  from: Lang
  re: RegExp
}

let patterns: Pattern[] | undefined

/** One regular expression per key and language; `{{duration}}` and `{{title}}` are captured. */
function allPatterns(): Pattern[] {
  if (patterns) return patterns
  patterns = []
  for (const from of LANGS) {
    for (const key of KEYS) {
      const template = tFor(from)(`voice:case.${key}`, { duration: MARK, title: MARK }) as string
      const re = new RegExp(`^${template.split(MARK).map(escape).join('(.+?)')}$`)
      patterns.push({ key, from, re })
    }
  }
  return patterns
}

/** A right's title in `from`, as the reader's language names it. */
function retitle(title: string, from: Lang, to: Lang): string {
  const rights = getCatalog().rights as Record<string, { title: Record<Lang, string> }>
  const hit = Object.values(rights).find((r) => r.title[from] === title)
  return hit ? hit.title[to] : title
}

/** One line, rewritten in `to` when it is a voice line in another language. */
function line(text: string, to: Lang): string {
  for (const p of allPatterns()) {
    if (p.from === to) continue
    const m = p.re.exec(text)
    if (!m) continue
    const value = m[1] ?? ''
    return tFor(to)(`voice:case.${p.key}`, {
      duration: value,
      title: p.key === 'problem' ? retitle(value, p.from, to) : value,
    }) as string
  }
  return text
}

/** The text with every voice line in the reader's language. */
export function voiceTextFor(text: string, to: Lang): string {
  return text.split('\n').map((l) => line(l, to)).join('\n')
}
