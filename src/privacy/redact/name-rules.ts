/**
 * @module privacy/redact/name-rules
 * The shape of a personal name in running text: which words can belong to one, where a run of
 * name words ends, and the contexts that make capitalised words a place or an organisation
 * instead ("San Luis Potosí", "Servicios Industriales González", "Hamilton, Ontario",
 * "Rancho Don Pancho", "Playa del Carmen", "Lázaro Cárdenas").
 */
import { AMBIGUOUS, GIVEN, SURNAMES } from './lexicon.js'
import { NAME_MODEL } from './tagger.js'
import { gapBefore, type Token } from './tokens.js'
import {
  JOBS, NOT_NAME, ORG_HEAD, ORG_OR_PLACE_AFTER, PERSON_PLACES, PLACE_BEFORE, REGIONS, TITLES,
  WEAK_TITLES,
} from './words.js'

/** How a run was introduced: it decides which words may start and continue it. */
export type Mode = 'strong' | 'weak' | 'title' | 'role' | 'alone'

/** One text, tokenised, as the name rules see it. */
export interface Ctx {
  text: string
  toks: Token[]
  /** Mostly capitals: capitalisation says nothing. */
  caps: boolean
  /**
   * No capitalised word at all (speech-to-text transcripts, many SMS): after a name-introducing
   * phrase or a title, lower-case words that look like names count too.
   */
  lower: boolean
}

/**
 * A lower-case word that may be part of a name in lower-case text: letters only, and not shaped
 * like a verb form or an adverb ("working", "trabajando", "pagado", "maintenant").
 */
const LOWER_NAME = /^[a-z][a-z'-]*$/
const NOT_NAME_SHAPE = /(?:ing|ando|iendo|ado|ada|ido|ida|ment|mente|ait|aient|ed)$/

/** Particles inside names: "María de la Luz", "Ortiz y Domínguez", "van Dyke". */
export const PARTICLES = new Set(
  'de del la los las van von da di dos das du y dela delos el al ben bin ould'.split(' '),
)
/** Two-letter codes of US states and Canadian provinces, after a place name. */
const REGION_CODES = new Set(`al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi
  mn ms mo mt ne nv nh nj nm ny nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy dc on qc
  bc ab mb sk ns nb nl pe yt nt nu`.split(/\s+/))

/**
 * Titles that also appear inside business names ("Rancho Don Pancho", "Tacos Doña Mary"): after
 * another capitalised word they belong to that name. "Monsieur", "Mrs" after a town ("l'hôtel à
 * Assinie Monsieur Diabaté") still introduce a person.
 */
const BUSINESS_TITLES = new Set('don dona tio tia doctor doctora dr dra maestro maestra ma mama papa'.split(' '))

/** A known given name, or a hyphenated one made of known names ("jean-francois"). */
export const given = (f: string): boolean =>
  GIVEN.has(f) || (f.includes('-') && f.split('-').every((p, k) => GIVEN.has(p) || (k > 0 && SURNAMES.has(p))))
/** A known given name or surname. */
export const known = (f: string): boolean => given(f) || SURNAMES.has(f)
/** Only spaces or tabs. */
export const spaceOnly = (gap: string): boolean => /^[ \t\u00a0]+$/.test(gap)
/** Token `i` starts a sentence. */
export const sentenceStart = (c: Ctx, i: number): boolean =>
  i === 0 || /[.!?\n¡¿:]/.test(gapBefore(c.text, c.toks, i))
/** A one-letter capital followed by a period: an initial ("Juan C. Pérez"). */
export const initial = (c: Ctx, t: Token): boolean => t.end - t.start === 1 && c.text[t.end] === '.'
/** Short all-capital word in ordinary text: an acronym ("CTM", "HR"). */
const acronym = (c: Ctx, t: Token): boolean => t.upper && !c.caps && t.end - t.start <= 6

/** Could token `t` be part of a name in this mode? `first`: the first word of the run. */
export function nameWord(c: Ctx, t: Token, mode: Mode, first: boolean): boolean {
  // "Me llamo Julio César": a capitalised given name that is also a month, after a phrase.
  const named = t.cap && GIVEN.has(t.f) && (mode === 'strong' || mode === 'title' || mode === 'weak')
  if ((NOT_NAME.has(t.f) && !named) || JOBS.has(t.f) || t.f.length < 2) return false
  if (acronym(c, t) && !(t.end - t.start >= 3 && known(t.f))) return false
  if (c.caps) return mode === 'strong' || mode === 'title' || (known(t.f) && !AMBIGUOUS.has(t.f))
  if (t.cap) return true
  // After "my name is" a lower-case word is the name, unless, in text that has capitals, no
  // list knows it and it is a frequent word or a long verb-shaped one ("his name was removed
  // from the list"; "my name is fred" stays a name).
  const verbLike = NAME_MODEL.common.has(t.f) || (t.f.length >= 6 && NOT_NAME_SHAPE.test(t.f))
  if (first && mode === 'strong' && (c.lower || known(t.f) || !verbLike)) return true
  // Lower-case text, or lower-case words after "me llamo" ("my name is kevin alvarado my…").
  // After a role in lower-case text, a name is confirmed by a known surname after it
  // ("al compañero gerson lopez").
  const surnameNext = mode === 'role' && first && c.lower && SURNAMES.has(c.toks[c.toks.indexOf(t) + 1]?.f ?? '')
  if ((c.lower && (mode === 'title' || (mode === 'weak' && !first) || (mode === 'role' && !first) || surnameNext)) ||
    mode === 'strong') {
    // Not a word the corpus uses often and never as a name ("madame garde mon passeport").
    return known(t.f) || (LOWER_NAME.test(t.f) && !NOT_NAME_SHAPE.test(t.f) && !NAME_MODEL.common.has(t.f))
  }
  return known(t.f) && !AMBIGUOUS.has(t.f)
}

/** The word before `i` is a capitalised ordinary word inside a sentence ("Rancho Don Pancho"). */
export function orgBefore(c: Ctx, i: number): boolean {
  const prev = c.toks[i - 1]
  if (prev === undefined || !spaceOnly(gapBefore(c.text, c.toks, i))) return false
  return prev.cap && prev.end - prev.start > 1 && !NOT_NAME.has(prev.f) && !TITLES.has(prev.f) &&
    !known(prev.f) && !sentenceStart(c, i - 1)
}

/** Words before `i` make it part of a place or organisation name. */
export function properNounContext(c: Ctx, i: number): boolean {
  const prev = c.toks[i - 1]
  if (prev === undefined || !spaceOnly(gapBefore(c.text, c.toks, i))) return false
  const before = c.toks[i - 2]
  if (PARTICLES.has(prev.f) && !prev.cap && before?.cap === true) {
    if (!known(before.f) && !NOT_NAME.has(before.f) && !TITLES.has(before.f)) return true
  }
  if (PLACE_BEFORE.has(prev.f) && prev.cap) return true
  if (ORG_HEAD.has(prev.f) && prev.cap) return true
  if (TITLES.has(prev.f)) return BUSINESS_TITLES.has(prev.f) && orgBefore(c, i - 1)
  return orgBefore(c, i)
}

/** The words after a run make it a place or an organisation ("Moreno Valley", "Taylor Farms"). */
function placeAfter(c: Ctx, i: number, j: number): boolean {
  const after = c.toks[j]
  if (after !== undefined && after.cap) {
    if (ORG_OR_PLACE_AFTER.has(after.f) || REGIONS.has(after.f)) return true
    const gap = gapBefore(c.text, c.toks, j)
    if (after.upper && REGION_CODES.has(after.f) && /^[ \t,]+$/.test(gap)) return true
  }
  return PERSON_PLACES.has(c.toks.slice(i, j).map((t) => t.f).join(' '))
}

const OPEN_QUOTE = /^[ \t]+['"“‘«(]$/
const CLOSE_QUOTE = /^['"”’»)][ \t]+$/
/**
 * A nickname in quotes inside a name, `Carlos 'el Toro' Mendoza`, `José "Pepe" López`: from the
 * quoted words at `j` to the capitalised name word after the closing quote, the index of that
 * word; or `j` when the shape is not there.
 */
function quotedNickname(c: Ctx, j: number): number {
  for (let k = j; k < Math.min(c.toks.length - 1, j + 3); k++) {
    const gap = gapBefore(c.text, c.toks, k + 1)
    if (k > j && !spaceOnly(gapBefore(c.text, c.toks, k))) return j
    if (!CLOSE_QUOTE.test(gap)) continue
    const next = c.toks[k + 1] as Token
    return next.cap && nameWord(c, next, 'title', false) ? k + 1 : j
  }
  return j
}

/** A run of name words starting at token `i`: the end index, or `i` when there is none. */
export function run(c: Ctx, i: number, mode: Mode): number {
  const { text, toks } = c
  let j = i
  let words = 0
  let bridged = false
  while (j < toks.length && words < 4) {
    const t = toks[j] as Token
    const gap = gapBefore(text, toks, j)
    const afterInitial = j > i && initial(c, toks[j - 1] as Token) && /^\.[ \t]+$/.test(gap)
    if (j > i && !bridged && OPEN_QUOTE.test(gap)) {
      const k = quotedNickname(c, j)
      if (k > j) {
        j = k
        bridged = true
        continue
      }
    }
    if (j > i && !spaceOnly(gap) && !afterInitial && !bridged) break
    bridged = false
    if (j > i && initial(c, t) && t.cap && toks[j + 1]?.cap === true) {
      j++
      continue
    }
    if (j > i && PARTICLES.has(t.f) && !t.cap) {
      let k = j
      while (k < toks.length && PARTICLES.has((toks[k] as Token).f) && k - j < 2) k++
      const next = toks[k]
      // After a given name and a surname, "de" + an unknown word is where they are from:
      // "soy Mynor Tzoc de Quetzaltenango" (but "José de Jesús", "Ana Pérez de la Cruz" join).
      const origin = words >= 2 && k === j + 1 && /^(?:de|del|du)$/.test(t.f) &&
        next !== undefined && !known(next.f) && !AMBIGUOUS.has(next.f)
      const joins = next !== undefined && !origin && (next.cap || c.lower) && nameWord(c, next, mode, false)
      if (!joins || !spaceOnly(gapBefore(text, toks, k))) break
      j = k
      continue
    }
    // A region after a surname is a second surname ("Efraín Salas Guerrero").
    if (j > i && REGIONS.has(t.f) && !known(t.f) && !SURNAMES.has((toks[j - 1] as Token).f)) break
    if (!nameWord(c, t, mode, j === i)) break
    if (j > i && !t.cap && !known(t.f) && !c.lower && mode !== 'strong') break
    j++
    words++
  }
  if (j > i && (placeAfter(c, i, j) || ORG_HEAD.has((toks[i] as Token).f))) return i
  return j
}

/** Skips a courtesy title (and its period) at token `i`: the next index, or `i`. */
export function skipTitle(c: Ctx, i: number): number {
  const t = c.toks[i]
  const next = c.toks[i + 1]
  if (t === undefined || next === undefined || !TITLES.has(t.f)) return i
  const gap = gapBefore(c.text, c.toks, i + 1)
  if (!/^\.?[ \t\u00a0]+$/.test(gap)) return i
  if ((t.f === 'm' || t.f === 'ma') && !gap.startsWith('.')) return i
  if (BUSINESS_TITLES.has(t.f) && orgBefore(c, i)) return i
  if (WEAK_TITLES.has(t.f) || t.f.length === 1) {
    if (c.caps ? !known(next.f) : !next.cap && !known(next.f)) return i
  }
  return i + 1
}
