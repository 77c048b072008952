/**
 * @module privacy/redact/words
 * Word lists for name and address detection, folded (lower case, no accents): words that are
 * never a person's name, name-introducing phrases (reference.md §6.4), titles, roles, and
 * street vocabulary. Linguistic facts, not tuned to any example. The lists are data, one file
 * per language (`catalog/redaction/<lang>.json`, see `lexicon.ts`); here they are the union
 * over every language, under the names the detectors use.
 */
import { entries } from './lexicon.js'

/** Words that are never a person's name, even capitalised (function words, calendar, groups). */
export const NOT_NAME = new Set(entries('notName'))

/** Occupations: "soy operadora", "je suis Cueilleuse" do not introduce a name. */
export const JOBS = new Set(entries('jobs'))

/** Provinces, states and regions: a place, never a person, and a place marker after a word. */
export const REGIONS = new Set(entries('regions'))

/** Places named after people ("Lázaro Cárdenas", "Benito Juárez"): folded, words joined. */
export const PERSON_PLACES = new Set(entries('personPlaces'))

/** Lower-case words after which a capitalised name is a place ("municipio Benito Juárez"). */
export const PLACE_NOUNS = new Set(entries('placeNouns'))

/** Courtesy titles; a name follows. Folded, without the final period. */
export const TITLES = new Set(entries('titles'))
/** Titles that are also ordinary words: they need a capitalised or known name after them. */
export const WEAK_TITLES = new Set(entries('weakTitles'))

/**
 * Roles and relations that a name often follows ("la supervisora Martha", "le contremaître
 * Konan", "my supervisor, Mike Dawson", "mi compañero Luis").
 */
export const ROLES = entries('roles')

/** Phrases that introduce the speaker's own name and are unambiguous (§6.4). */
export const STRONG_INTRO = entries('strongIntro')

/** Phrases that may introduce a name, but also many other things ("soy de", "I'm tired"). */
export const WEAK_INTRO = entries('weakIntro')

/**
 * Phrases that give someone's nickname or name as others say it ("le dicen el Güero", "qu'on
 * appelle Vieux Moussa", "they call him Big Mike"). Also ordinary verbs ("le dicen que…"), so
 * only a capitalised word after them counts.
 */
export const NICKNAME_INTRO = entries('nicknameIntro')

/** Sign-offs after which a name may close the message. */
export const SIGNOFF = entries('signoff')

/** Words after a name that mark it as an organisation or a place, not a person. */
export const ORG_OR_PLACE_AFTER = new Set(entries('orgAfter'))

/**
 * First words of a business name ("Servicios Mineros del Real", "Grupo Bimbo", "Chez Gervais"):
 * a run starting with one is an organisation, not a person.
 */
export const ORG_HEAD = new Set(entries('orgHead'))

/** Capitalised words before a name that make it a place ("San Pedro", "Ciudad Juárez"). */
export const PLACE_BEFORE = new Set(entries('placeBefore'))

/** Street-level vocabulary: a segment with one of these is part of a home address. */
export const STREET = new Set(entries('street'))
/** Street markers that count only when a number follows ("no. 23", "#5", "num 12"). */
export const NUMBER_MARKERS = new Set(entries('numberMarkers'))

/** Words after which a home address may follow (reference issue: "vivo en", "j'habite"). */
export const ADDRESS_INTRO = entries('addressIntro')

/**
 * Phrases before an employer household's surname: "la casa de los Castañeda", "la familia
 * Pérez", "chez les Traoré", "la famille Koné". The surname names the family a domestic worker
 * lives with, so it goes.
 */
export const HOUSEHOLD_BEFORE = entries('householdBefore')
/** Words after an employer household's surname: "the Whitmore family", "los Pérez family". */
export const HOUSEHOLD_AFTER = new Set(entries('householdAfter'))
