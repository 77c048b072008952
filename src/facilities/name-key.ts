/**
 * @module facilities/name-key
 * The comparable form of an employer's or a facility's name, and its keyed hash. Reports keep
 * these names redacted (the originals encrypted), so matching a report to the registry compares
 * keyed hashes of the folded originals, computed at intake, with those of the registry's names.
 *
 * Folding: accents and case go, every run of punctuation becomes one space, and legal-form
 * suffixes at the end are dropped, repeatedly ("Tridonex, S.A. de C.V." and "TRIDONEX SA DE CV"
 * both give "tridonex"). A name that is only a suffix keeps it (never an empty key).
 *
 * This is not routing/employer-key's `foldKey`: that one keys stored conflict-of-interest
 * exclusions and cases.employer_hash, so it cannot change without breaking what is stored.
 */

/**
 * Legal forms, written as their letters with spaces and dots removed ("S. de R.L. de C.V." is
 * `sderldecv`): Mexico and Central America, France and Côte d'Ivoire, the US, Canada, the UK,
 * Germany, Spain, Italy.
 */
const SUFFIXES = new Set([
  'sadecv', 'sderldecv', 'sderl', 'sapidecv', 'sapi', 'sabdecv', 'sab', 'scdecv', 'sc', 'sdecv',
  'sdesdecv', 'spr', 'sprderl', 'sprderi', 'sccl', 'ac', 'iap',
  'sa', 'sas', 'sasu', 'sarl', 'eurl', 'snc', 'sca', 'gie',
  'inc', 'incorporated', 'llc', 'llp', 'lp', 'ltd', 'limited', 'ltda', 'corp', 'corporation', 'co',
  'plc', 'ulc', 'gmbh', 'ag', 'kg', 'sl', 'slu', 'srl', 'spa', 'bv', 'nv',
  'coltd', 'coinc', 'cia', 'ciasa', 'ciaslda',
])
/** The longest suffix, in tokens (`s de r l de c v`). */
const MAX_SUFFIX_TOKENS = 8

/** Lower case, no accents, letters and digits in single-space-separated tokens. */
export function foldTokens(name: string): string[] {
  const s = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæß]/g, (c) => (c === 'œ' ? 'oe' : c === 'æ' ? 'ae' : 'ss'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
  return s === '' ? [] : s.split(' ')
}

/** The folded name without its legal-form suffixes: what matching compares. */
export function nameKey(name: string): string {
  const tokens = foldTokens(name)
  for (;;) {
    let cut = 0
    // The longest trailing run of tokens that spells a legal form, leaving at least one token.
    for (let k = Math.min(MAX_SUFFIX_TOKENS, tokens.length - 1); k >= 1; k--) {
      if (SUFFIXES.has(tokens.slice(tokens.length - k).join(''))) {
        cut = k
        break
      }
    }
    if (cut === 0) return tokens.join(' ')
    tokens.length -= cut
  }
}

/** The keyed hash a name is matched by (purpose `employer`, its own `name:` domain). */
export function nameHash(crypto: { blindIndex(purpose: 'employer', value: string): string }, name: string): string {
  return crypto.blindIndex('employer', `name:${nameKey(name)}`)
}

/** True when a name folds to nothing (only punctuation): such a name is never matched. */
export const isBlankName = (name: string) => foldTokens(name).length === 0
