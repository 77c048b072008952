/**
 * @module routing/negation
 * Words the reporter denies, so that they do not count as evidence.
 *
 * Two cases, deliberately narrow:
 * - **Denied conditions** (`maskNegated`): "the farms don't sell to any certified cooperative",
 *   "ils ne sont dans aucune coopérative". After a negation word, the next `WINDOW` words of the
 *   same clause (clauses end at . , ; : ! ? and line breaks) are masked. Only facets that
 *   describe a condition (a cooperative, a Canadian filer, an export market) use it: a grievance
 *   is often said with a negation ("no me contrataron porque estoy embarazada"), and there the
 *   words after the negation are the grievance.
 * - **Topics ruled out** (`maskRuledOut`): "no tiene nada que ver con el sindicato",
 *   "nothing to do with the union". The next `WINDOW` words of the clause are masked for the
 *   rights evidence (intake/file-report `rightsFor`).
 * A keyword that itself contains a negation word ("nunca votamos", "without a vote") says the
 * negation on purpose and is never masked (`negates`).
 */
import { spellOut } from './classify.js'
import type { Keyword, Lang } from './keywords.js'

/** Words after a negation (or a ruled-out topic) that are masked, within the clause. */
export const WINDOW = 5

/** Folded negation words of the three languages (`t` is what "don't" folds to). */
const NEGATORS = new Set([
  'no', 'ni', 'nunca', 'jamas', 'ningun', 'ninguna', 'ninguno', 'tampoco',
  'ne', 'n', 'aucun', 'aucune', 'jamais', 'sans',
  'not', 't', 'never', 'without', 'nor', 'none',
])

/** Folded phrases that rule a topic out: what follows is what the report is *not* about. */
const RULED_OUT = [
  'nada que ver con', 'no es por', 'no fue por', 'no tiene que ver con',
  'rien a voir avec', 'ce n est pas a cause', 'pas a cause',
  'nothing to do with', 'not about', 'not because of',
].map((p) => p.split(' '))

const MASK = '_'

/** The last text's clauses: intake masks one description twice (rights, then facets). */
let last = { text: '', lang: '', clauses: [] as readonly (readonly string[])[] }

/** The text's clauses, each as folded words (SMS spellings written out). Not to be mutated. */
function clauses(text: string, lang: Lang): readonly (readonly string[])[] {
  if (text === last.text && lang === last.lang) return last.clauses
  const found = text
    .split(/[.,;:!?\n]+/)
    .map((c) => spellOut(c, lang))
    .filter((c) => c !== '')
    .map((c) => c.split(' '))
  last = { text, lang, clauses: found }
  return found
}

/** Does the keyword say a negation itself ("nunca votamos", "sin votar")? */
export function negates(k: Keyword): boolean {
  return k.parts.some((p) => 'stem' in p && NEGATORS.has(p.stem))
}

/** Folded words with the `WINDOW` words after each negation masked, clause by clause. */
export function maskNegated(text: string, lang: Lang): string {
  return clauses(text, lang)
    .map((ws) => {
      let until = -1
      return ws
        .map((w, i) => {
          const masked = i <= until
          if (NEGATORS.has(w)) until = i + WINDOW
          return masked && !NEGATORS.has(w) ? MASK : w
        })
        .join(' ')
    })
    .join(' ')
}

/** Folded words with the `WINDOW` words after "nothing to do with" (and the like) masked. */
export function maskRuledOut(text: string, lang: Lang): string {
  return clauses(text, lang)
    .map((ws) => {
      const out = [...ws]
      for (let i = 0; i < ws.length; i++) {
        for (const phrase of RULED_OUT) {
          if (phrase.every((p, j) => ws[i + j] === p)) {
            for (let k = i + phrase.length; k < Math.min(ws.length, i + phrase.length + WINDOW); k++) {
              out[k] = MASK
            }
          }
        }
      }
      return out.join(' ')
    })
    .join(' ')
}
