/**
 * @module routing/employer-key
 * A comparable key for an employer's name (conflict-of-interest exclusions, facility grouping):
 * lower case, accents and punctuation removed, common legal suffixes dropped.
 */
const SUFFIXES = /\b(s\.?\s?a\.?(\s?de\s?c\.?\s?v\.?)?|s\.?\s?de\s?r\.?\s?l\.?(\s?de\s?c\.?\s?v\.?)?|inc\.?|llc|ltd\.?|sarl|sas|corp\.?|co\.?)\s*$/g

export function foldKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(SUFFIXES, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
}

/**
 * The keyed hash of an employer's folded name: what cases keep to compare employers (conflict of
 * interest, facilities) once the name itself is redacted. Keyed, because employer names are few.
 */
export function employerHash(crypto: { blindIndex(purpose: 'employer', value: string): string }, name: string): string {
  return crypto.blindIndex('employer', foldKey(name))
}
