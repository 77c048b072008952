/**
 * @module privacy/redact/lexicon
 * The redactor's word lists, as data: one file per language, `catalog/redaction/<lang>.json`
 * (imported through the generated `lexicon-files.ts`), checked against `LexiconSchema` at
 * load. Every language's lists apply to every message (workers mix languages), so the sets
 * below are the union over the registry's languages. Entries are folded: lower case, no accents.
 *
 * Given names and surnames confirm that a capitalised word is a person's name when no
 * introducing phrase is present, and let lower-case names count after an introducing phrase.
 * Names that are also places, brands, months or common words are in `ambiguous` and count only
 * after an introducing phrase, a role or a title. The other lists are described in `words.ts`.
 */
import { z } from 'zod'
import { LEXICON_FILES } from './lexicon-files.js'

/** A folded entry: lower-case letters, digits, spaces and `' - . # ° º :` only. */
const entry = z.string().regex(/^[a-z0-9'\-.#°º: ]+$/, 'folded: lower case, no accents').refine(
  (s) => s === s.trim() && !s.includes('  '),
  'no leading, trailing or double spaces',
)
const list = z.array(entry)

/** The shape of `catalog/redaction/<lang>.json`. */
export const LexiconSchema = z.strictObject({
  _about: z.string().optional(),
  language: z.string().regex(/^[a-z]{2,3}$/),
  /** Given names and nicknames reporters of this language write. */
  givenNames: list,
  /** Surnames that are seldom anything else. */
  surnames: list,
  /** Names that are also places, brands, months or words: only after a phrase, role or title. */
  ambiguous: list,
  /**
   * Given names that are also ordinary words in lower case ("rosa", "linda", "pierre"): in
   * lower case they count only after a phrase, a title or a role.
   */
  wordsToo: list,
  /** Words that are never a name, even capitalised (function words, calendar, greetings). */
  notName: list,
  /** Occupations ("soy operadora" does not introduce a name). */
  jobs: list,
  /** Courtesy titles; a name follows. */
  titles: list,
  /** Titles that are also ordinary words: a capitalised or known name must follow. */
  weakTitles: list,
  /** Roles and relations a name often follows ("la supervisora", "crew boss"). */
  roles: list,
  /** Phrases that introduce the speaker's or someone's name ("me llamo", "my name is"). */
  strongIntro: list,
  /** Phrases that may introduce a name ("soy", "je suis", "this is"). */
  weakIntro: list,
  /** Phrases before a nickname ("le dicen", "they call him"). */
  nicknameIntro: list,
  /** Sign-offs after which a name may close a message. */
  signoff: list,
  /** Phrases before an employer household's surname ("la casa de los", "chez les"). */
  householdBefore: list,
  /** Words after an employer household's surname ("family"). */
  householdAfter: list,
  /** Provinces, states and regions. */
  regions: list,
  /** Places named after people ("benito juarez"). */
  personPlaces: list,
  /** Lower-case words after which a capitalised name is a place ("municipio"). */
  placeNouns: list,
  /** Capitalised words before a name that make it a place ("san", "ciudad"). */
  placeBefore: list,
  /** Words after a name that make it an organisation or a place ("inc", "farms", "valley"). */
  orgAfter: list,
  /** First words of a business name ("servicios", "grupo"). */
  orgHead: list,
  /** Street-level vocabulary of addresses. */
  street: list,
  /** Street markers that count only before a number ("no", "#"). */
  numberMarkers: list,
  /** Phrases after which a home address may follow ("vivo en", "j'habite", "i live at"). */
  addressIntro: list,
  /** Number words, read as digits before the phone and ID detectors (`spoken.ts`). */
  numbers: z.strictObject({
    /** Folded word → value: 0–9, 10–99, 100, 200–900 (Spanish "doscientos"), 1000. */
    words: z.record(z.string().regex(/^[a-z]+$/), z.number().int().min(0).max(1000)),
    /** Words joining tens and units ("cuarenta y ocho", "vingt et un"). */
    join: z.array(z.string().regex(/^[a-z]+$/)),
    /** Words joining hundreds or thousands to what follows ("one hundred and five"). */
    joinAfterHundred: z.array(z.string().regex(/^[a-z]+$/)),
    /** Words that repeat the digit after them ("double four" is 44). */
    repeat: z.record(z.string().regex(/^[a-z]+$/), z.number().int().min(2).max(3)),
    /** Words that are zero only inside a run of digits ("five oh three"). */
    zeroInRun: z.array(z.string().regex(/^[a-z]+$/)),
    /** Counting by twenties: "quatre-vingt" is 80, "soixante-dix" 70, "dix-sept" 17. */
    vigesimal: z.boolean(),
    /** "nineteen hundred" is 1900. */
    teenHundreds: z.boolean(),
  }).optional(),
})
export type Lexicon = z.infer<typeof LexiconSchema>
export type ListName = Exclude<keyof Lexicon, '_about' | 'language' | 'numbers'>

/** Every language's data, checked. */
export const LEXICONS: readonly Lexicon[] = LEXICON_FILES.map((f) => LexiconSchema.parse(f))

/** One list over every language, in registry order, without repeats. */
export function entries(name: ListName): string[] {
  return [...new Set(LEXICONS.flatMap((l) => l[name]))]
}
const union = (name: ListName): Set<string> => new Set(entries(name))

/** Given names (first names, nicknames). */
export const GIVEN = union('givenNames')
/** Surnames that are seldom anything else. */
export const SURNAMES = union('surnames')
/** Names that are also places, brands, months or ordinary words. */
export const AMBIGUOUS = union('ambiguous')
/** Given names that are ordinary words in lower case. */
export const WORDS_TOO = union('wordsToo')
