/**
 * @module privacy/redact/names
 * Personal names. A name is one to four words (with particles: "de la", "van") found:
 * - after a phrase that introduces a name ("me llamo", "je m'appelle", "my name is"; weaker
 *   ones such as "soy", "je suis", "I'm", "this is" need a capitalised word that is not a
 *   nationality or a job or, for the weakest, a known given name);
 * - after a courtesy title (Sr., Doña, Lic., M., Mme, Mr., Ms.), which goes with the name
 *   ("Mme [NAME-1]" would still say who is a woman), or a role or relation
 *   ("la supervisora", "le contremaître", "my supervisor,", "mi compañero", "el delegado de la
 *   CTM");
 * - after a sign-off that ends the message ("Saludos, Juan");
 * - on its own, when a capitalised word is a known given name or surname that is not part of
 *   a place or organisation (see `name-rules`).
 * Every other occurrence of a found name, or of one of its words, is redacted as the same
 * person (see `people`). Supervisors, recruiters and union officers are people too: their
 * names go, their roles stay.
 */
import { AMBIGUOUS, GIVEN, SURNAMES, WORDS_TOO } from './lexicon.js'
import {
  given, initial, known, nameWord, properNounContext, run, sentenceStart, skipTitle, spaceOnly,
  type Ctx,
} from './name-rules.js'
import { people } from './people.js'
import { NAME_MODEL } from './tagger.js'
import { gapBefore, PhraseMatcher, tokensOf, type Token } from './tokens.js'
import type { Input, Span } from './types.js'
import {
  HOUSEHOLD_AFTER, HOUSEHOLD_BEFORE, JOBS, NICKNAME_INTRO, NOT_NAME, PLACE_BEFORE, PLACE_NOUNS,
  REGIONS, ROLES, SIGNOFF, STRONG_INTRO, WEAK_INTRO,
} from './words.js'

const STRONG = new PhraseMatcher(STRONG_INTRO)
const WEAK = new PhraseMatcher(WEAK_INTRO)
const NICK = new PhraseMatcher(NICKNAME_INTRO)
const ROLE = new PhraseMatcher(ROLES)
const SIGN = new PhraseMatcher(SIGNOFF)
const HOUSEHOLD = new PhraseMatcher(HOUSEHOLD_BEFORE)
const set = (s: string): Set<string> => new Set(s.trim().split(/\s+/))

/** Weak phrases so common ("c'est", "this is", "ici") that only a known given name counts. */
const WEAKEST = set('c ici this it here')
/** After a weak phrase and a name, these make it a self-introduction ("it's Ana speaking"). */
const SPEAKING = set('speaking calling here aqui qui al')
/** Nationalities after "soy", "je suis", "I'm": "mexicana", "ivoirienne", "Haitian". */
const DEMONYM = new RegExp(`(?:${[
  'ano', 'ana', 'anos', 'anas', 'eno', 'ena', 'ense', 'eco', 'eca', 'ais', 'aise', 'ois', 'oise',
  'ien', 'ienne', 'iens', 'ian', 'ean', 'ese', 'ish', 'an', 'ino', 'ina',
].join('|')})$`)
/** Words between a role and a name: "la supervisora de línea Martha", "el jefe de la planta". */
const MODIFIERS = set('de del du d of on en at in')
const ARTICLES = set('la el los las le les l the')
/** Adjectives between a role and a name ("la líder sindical Rosalinda"). */
const ROLE_ADJ = set(`sindical syndical union direct directo directa nuevo nueva nouveau nouvelle
  new general principal immediate senior viejo vieja ancien ancienne actual actuel`)
/** Phrases that introduce someone else's name, or an organisation's ("la empresa se llama…"). */
const THIRD_PARTY = new Set([
  'se llama', 'que se llama', 'llamado', 'llamada', 'de nombre', 'apodado', 'apodada', 'alias',
  'su nombre es', 'son nom est', 'name is',
  'il s appelle', 'elle s appelle', 'qui s appelle', 's appelle', 'nomme', 'nommee', 'denomme',
  'denommee', 'du nom de', 'named', 'goes by',
])
/** Words just before such a phrase that show an organisation is being named. */
const ORG_WORDS = set(`empresa planta fabrica compania sindicato maquila agencia rancho granja mina
  cooperativa tienda hotel restaurante company plant factory union agency farm ranch mine store
  shop usine entreprise societe syndicat cooperative ferme plantation agence magasin boutique
  restaurant marque brand marca programa program programme`)

type Add = (i: number, j: number) => void

/** After "me llamo", "my name is"…: the name, possibly after a title or an article. */
function afterStrong(c: Ctx, i: number, end: number, add: Add): void {
  const phrase = c.toks.slice(i, end).map((w) => w.f).join(' ')
  const before = c.toks.slice(Math.max(0, i - 5), i)
  if (THIRD_PARTY.has(phrase) && before.some((w) => ORG_WORDS.has(w.f))) return
  end = skipFillers(c, end)
  let k = skipTitle(c, end)
  const from = k > end ? end : k
  const article = c.toks[k]
  if (article !== undefined && /^(?:el|la|le|the)$/.test(article.f) && c.toks[k + 1]?.cap) k++
  const gap = gapBefore(c.text, c.toks, k)
  if (!/^[\s:,'’"]*$/.test(gap) || /\n\s*\n/.test(gap)) return
  const j = run(c, k, k > end ? 'title' : 'strong')
  if (j > k) add(from, j)
}

/** Spoken fillers between a phrase and the name ("this is uh kwame asante", "me llamo este…"). */
const FILLERS = set('uh um eh euh em erm ah hum este pues bueno ben')
function skipFillers(c: Ctx, k: number): number {
  while (k < c.toks.length - 1 && FILLERS.has((c.toks[k] as Token).f) && !(c.toks[k] as Token).cap) k++
  return k
}

/** After "le dicen", "qu'on appelle", "they call him": a capitalised nickname, maybe after an article. */
function afterNickname(c: Ctx, end: number, add: Add): number {
  let k = end
  const article = c.toks[k]
  if (article !== undefined && /^(?:el|la|le|the|l)$/.test(article.f) && (c.toks[k + 1]?.cap || c.lower)) k++
  const t = c.toks[k]
  if (t === undefined || !/^[\s:,'’"«“]*$/.test(gapBefore(c.text, c.toks, k))) return end
  if (!t.cap && !(c.lower && nameWord(c, t, 'title', true))) return end
  const j = run(c, k, 'title')
  add(k, j)
  return j
}

/** After "soy", "je suis", "this is"…: a capitalised word that is not a nationality or a job. */
function afterWeak(c: Ctx, i: number, end: number, add: Add): number {
  end = skipFillers(c, end)
  const k = skipTitle(c, end)
  if (k > end) {
    const j = run(c, k, 'title')
    if (j > k) add(end, j)
    return j
  }
  const n = c.toks[k] as Token
  const gap = gapBefore(c.text, c.toks, k)
  if (!spaceOnly(gap) && !/^,\s*$/.test(gap)) return end
  // "company name Foster Farms": a bare "name" after an organisation word names the organisation.
  const intro = (c.toks[i] as Token).f
  if (BARE_NAME.has(intro) && c.toks.slice(Math.max(0, i - 3), i).some((w) => ORG_WORDS.has(w.f))) return end
  if (!n.cap && !known(n.f)) return end
  if (!known(n.f) && (DEMONYM.test(n.f) || c.caps)) return end
  const j = run(c, k, 'weak')
  const speaking = SPEAKING.has(c.toks[j]?.f ?? '')
  // "c'est Zié Coulibaly": an unknown given name is confirmed by a known surname after it.
  const surname = j > k + 1 && SURNAMES.has((c.toks[k + 1] as Token).f)
  if (WEAKEST.has((c.toks[i] as Token).f) && !GIVEN.has(n.f) && !speaking && !surname) return end
  add(k, j)
  return j
}

/** After a role: modifiers ("de la CTM", "de línea"), an adjective, a comma, maybe a title. */
function afterRole(c: Ctx, end: number, add: Add): number {
  const { toks } = c
  let k = end
  while (k < toks.length - 1 && k - end < 5 && MODIFIERS.has((toks[k] as Token).f)) {
    let w = k + 1
    while (w < toks.length - 1 && ARTICLES.has((toks[w] as Token).f)) w++
    const next = toks[w] as Token
    if (next.cap && !(next.upper && !c.caps && next.end - next.start <= 6)) break
    // "el guardia de la empresa Vigilancia Halcón": what follows names the employer; "a
    // recruiter in san pedro sula": a place.
    if (ORG_WORDS.has(next.f) || PLACE_BEFORE.has(next.f)) return end
    k = w + 1
  }
  if (k < toks.length - 1 && ROLE_ADJ.has((toks[k] as Token).f) && (toks[k + 1] as Token).cap) k++
  if (k >= toks.length) return end
  // A nickname in quotes after the role is the name too ("the foreman 'Shorty'").
  if (!/^[ \t\u00a0]*,?[ \t\u00a0]*['"‘“«]?$/.test(gapBefore(c.text, toks, k))) return end
  const s = skipTitle(c, k)
  const j = run(c, s, s > k ? 'title' : 'role')
  if (j <= s) return /,/.test(gapBefore(c.text, toks, k)) ? end : appositive(c, k, add, end)
  add(k, j)
  return j
}

/**
 * A name set off by commas a few words after a role: "the foreman at the apple orchard in
 * Wenatchee, Rigo, keeps…", "mon contremaître à la mine, Gaétan, dit…". Up to eight words of the
 * same clause may come between; the name is one to three capitalised words closed by a comma,
 * and not a region ("…in Dalton, Georgia, said").
 */
function appositive(c: Ctx, from: number, add: Add, end: number): number {
  const { toks, text } = c
  for (let k = from; k < Math.min(toks.length - 1, from + 8); k++) {
    const gap = gapBefore(text, toks, k + 1)
    if (/[.!?;:\n()]/.test(gap)) return end
    if (!/^\s*,\s*$/.test(gap)) continue
    const n = toks[k + 1] as Token
    if (!n.cap || REGIONS.has(n.f) || AMBIGUOUS.has(n.f)) return end
    const j = run(c, k + 1, 'role')
    if (j === k + 1 || j - k - 1 > 3 || !/^\s*,/.test(gapBefore(text, toks, j))) return end
    if (toks.slice(k + 1, j).some((t) => REGIONS.has(t.f))) return end
    add(k + 1, j)
    return j
  }
  return end
}

/** "name Rajdeep Singh", "nombre: Ana": the word alone, weakest of the phrases. */
const BARE_NAME = set('name nombre nom')
/** Words that sign a message ("Signé", "Firma", "Signed"): no punctuation needed after them. */
const SIGNS = set('signe firma firmado signed atte')
/** A one-letter capital with a period at token `i`: an initial ("T. Jackson"). */
const initialAt = (c: Ctx, i: number): boolean => {
  const t = c.toks[i]
  return t !== undefined && t.cap && initial(c, t)
}
/** Extends a run ending at `j` by a trailing initial ("Voahangy R."). */
function withInitial(c: Ctx, j: number): number {
  return j > 0 && spaceOnly(gapBefore(c.text, c.toks, j)) && initialAt(c, j) ? j + 1 : j
}

const DETERMINERS = set(`la le les l un une des el los las una unos unas the an mi mis my su sus sa son ses
  ma mon tu ton your his her their nuestra nuestro notre votre this that esta este cette ce`)
/**
 * A known given name in lower case on its own ("told me frantz was hurt, lupita too", "we were
 * with kevin when…"): four letters or more; not a name that is also a place or an ordinary word
 * (`ambiguous`, `wordsToo`), nor a word the corpus uses often as something else; not after a
 * preposition of place, nor, in text with capitals, after a determiner ("une pierre").
 */
function loneLower(c: Ctx, i: number): number {
  const t = c.toks[i] as Token
  // A name that is also a word counts when known name words follow it ("rosa elena martínez").
  const next = c.toks[i + 1]
  const fullName = next !== undefined && spaceOnly(gapBefore(c.text, c.toks, i + 1)) && !next.cap &&
    (GIVEN.has(next.f) || SURNAMES.has(next.f)) && !WORDS_TOO.has(next.f) && !AMBIGUOUS.has(next.f) &&
    SURNAMES.has(c.toks[i + 2]?.f ?? next.f)
  if (t.f.length < 4 || !given(t.f) || NAME_MODEL.common.has(t.f)) return i
  if ((AMBIGUOUS.has(t.f) || WORDS_TOO.has(t.f)) && !fullName) return i
  if (NOT_NAME.has(t.f) || JOBS.has(t.f) || REGIONS.has(t.f)) return i
  const prev = c.toks[i - 1]?.f ?? ''
  if (/^(?:de|del|in|at|en|near|from|of|san|santa|saint|st)$/.test(prev)) return i
  // "une pierre", "la rosa": after a determiner, a lower-case word is a word.
  if (!c.lower && DETERMINERS.has(prev)) return i
  return run(c, i, c.lower ? 'title' : 'alone')
}

/** A known given name or surname on its own, not inside a place or organisation name. */
function alone(c: Ctx, i: number): number {
  const t = c.toks[i] as Token
  if (!t.cap && !c.caps) return loneLower(c, i)
  if (!t.cap || AMBIGUOUS.has(t.f) || !nameWord(c, t, 'alone', true)) return i
  const isGiven = given(t.f)
  if (!isGiven && !SURNAMES.has(t.f)) return i
  if (t.upper && !c.caps && t.end - t.start < 3) return i
  if (properNounContext(c, i)) return i
  const prev = c.toks[i - 1]
  const gap = gapBefore(c.text, c.toks, i)
  if (prev !== undefined && PLACE_NOUNS.has(prev.f) && spaceOnly(gap)) return i
  // "La Lima, Cortés": a region after a place.
  if (REGIONS.has(t.f) && prev?.cap === true && /^,\s*$/.test(gap)) return i
  if (!isGiven && /^(?:de|del|of|from|in|en|at|near|d|la|el|los|the)$/.test(prev?.f ?? '')) return i
  // "the pork plant in Brandon": a given name after "in", "at", "near", "en" is a town.
  if (/^(?:in|at|near|en)$/.test(prev?.f ?? '') && spaceOnly(gap)) return i
  if (c.caps && !known(c.toks[i + 1]?.f ?? '')) return i
  return run(c, i, 'alone')
}

/**
 * An employer household's surname: after "la casa de los", "la familia", "chez les", "la
 * famille" ("la casa de los Castañeda"), or before "family" ("the Whitmore family"): one or
 * two capitalised words that are not a place or an organisation.
 */
function household(c: Ctx, taken: Uint8Array, add: Add): void {
  const { toks, text } = c
  const surname = (k: number): boolean => {
    const t = toks[k]
    return t !== undefined && !taken[k] && (t.cap || (c.lower && known(t.f))) && !t.upper &&
      !REGIONS.has(t.f) && !PLACE_BEFORE.has(t.f) && nameWord(c, t, 'title', true)
  }
  for (let i = 0; i < toks.length; i++) {
    const end = HOUSEHOLD.match(text, toks, i)
    if (end > 0 && surname(end) && spaceOnly(gapBefore(text, toks, end)) && !properNounContext(c, end)) {
      let j = end + 1
      if (surname(j) && spaceOnly(gapBefore(text, toks, j))) j++
      add(end, j)
      i = j - 1
      continue
    }
    const t = toks[i] as Token
    const next = toks[i + 1]
    if (next !== undefined && HOUSEHOLD_AFTER.has(next.f) && surname(i) && spaceOnly(gapBefore(text, toks, i + 1)) &&
      /^(?:the|los|la|les)$/.test(toks[i - 1]?.f ?? '') && !GIVEN.has(t.f)) {
      add(i, i + 1)
    }
  }
}

/** Particles of a family name before the plural ("the Van der Bergs"). */
const FAMILY_PARTICLES = set('van der den de von du la le mc mac o')
const HOUSEHOLD_CUE = set('their they them house home family farm ranch dairy orchard place property')
/**
 * An employer household named by its plural in English: "we work for the Kowalczyks", "with
 * the Van der Bergs": after "for/with/by/from the", a capitalised word in -s (maybe after
 * particles) that is not a region or a place word, does not begin a longer proper noun
 * ("for the Williams Farms"), and is followed within four words by "their" or a home or farm
 * word ("…on their dairy"), which tells a household from a team or an event.
 */
function pluralHousehold(c: Ctx, taken: Uint8Array, add: Add): void {
  const { toks, text } = c
  for (let i = 2; i < toks.length; i++) {
    if ((toks[i - 1] as Token).f !== 'the' || !/^(?:for|with|by|from)$/.test((toks[i - 2] as Token).f)) continue
    let k = i
    while (k < toks.length - 1 && k - i < 2 && FAMILY_PARTICLES.has((toks[k] as Token).f) && spaceOnly(gapBefore(text, toks, k + 1))) k++
    const t = toks[k] as Token
    if (!t.cap || t.upper || taken[k] || t.f.length < 4 || !t.f.endsWith('s')) continue
    if (REGIONS.has(t.f) || PLACE_BEFORE.has(t.f) || NOT_NAME.has(t.f) || JOBS.has(t.f) || NAME_MODEL.common.has(t.f)) continue
    if (k > i && !(toks[i] as Token).cap) continue
    const next = toks[k + 1]
    if (next !== undefined && next.cap && spaceOnly(gapBefore(text, toks, k + 1))) continue
    // A household, not a team or an event: "their" or a home or farm word follows soon.
    if (!toks.slice(k + 1, k + 5).some((w) => HOUSEHOLD_CUE.has(w.f))) continue
    add(i, k + 1)
  }
}

/** Personal names, keyed by person (`p1`, `p2`…) so that one person gets one placeholder. */
export function findNames(input: Input): Span[] {
  const toks = tokensOf(input)
  const lower = !input.caps && !toks.some((t) => t.cap && t.end - t.start > 1)
  const c: Ctx = { text: input.text, toks, caps: input.caps, lower }
  const { text } = c
  const runs: { i: number; j: number }[] = []
  const taken = new Uint8Array(toks.length)
  const add: Add = (i, j) => {
    if (j <= i) return
    runs.push({ i, j })
    taken.fill(1, i, j)
  }
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue
    let end = STRONG.match(text, toks, i)
    if (end > 0) {
      afterStrong(c, i, end, add)
      continue
    }
    end = NICK.match(text, toks, i)
    if (end > 0 && end < toks.length) {
      i = Math.max(i, afterNickname(c, end, add) - 1)
      continue
    }
    end = WEAK.match(text, toks, i)
    if (end > 0 && end < toks.length) {
      i = afterWeak(c, i, end, add) - 1
      continue
    }
    end = ROLE.match(text, toks, i)
    if (end > 0 && end < toks.length) {
      i = Math.max(i, afterRole(c, end, add) - 1)
      continue
    }
    const s = skipTitle(c, i)
    if (s > i) {
      const j = run(c, s, 'title')
      if (j > s) add(i, j)
      i = Math.max(i, j - 1)
      continue
    }
    end = SIGN.match(text, toks, i)
    if (end > 0 && end < toks.length && sentenceStart(c, i)) {
      // "Signé Voahangy R., tél…": a signing word needs no punctuation, and a contact may follow.
      const signs = SIGNS.has((toks[i] as Token).f)
      if (!signs && !/[,:\n.!-]/.test(gapBefore(text, toks, end))) continue
      let j = run(c, end, 'weak')
      j = withInitial(c, j)
      // "Merci. Contact: 07…" is a label, not a name.
      const label = /^\s*:/.test(text.slice((toks[j - 1] as Token).end))
      const closes = j === toks.length || /[.!\n]/.test(gapBefore(text, toks, j)) ||
        (signs && /^[\s.]*,/.test(gapBefore(text, toks, j)))
      if (j > end && !label && closes) add(end, j)
      continue
    }
    // "… 4 years no issues. - T. Jackson": a dash, then a name closing the message.
    if (i > 0 && /(?:^|\n|[.!?\d]\s*|\s)-\s*$/.test(gapBefore(text, toks, i)) && (toks[i] as Token).cap) {
      const j = withInitial(c, run(c, initialAt(c, i) ? i + 1 : i, 'weak'))
      if (j > i && j === toks.length) add(i, j)
    }
  }
  household(c, taken, add)
  pluralHousehold(c, taken, add)
  for (let i = 0; i < toks.length; i++) {
    if (taken[i]) continue
    const j = alone(c, i)
    add(i, j)
    if (j > i) i = j - 1
  }
  return people(c, runs, taken)
}
