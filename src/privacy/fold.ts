/**
 * @module privacy/fold
 * Accent and case folding shared by redaction and classification. Pure: no I/O, no globals.
 *
 * `fold` keeps the length of the string (one UTF-16 unit in, one out), so offsets found in the
 * folded text are offsets in the original. `foldWords` also turns every run of characters that
 * are not letters or digits into one space, for keyword matching.
 */

/** Folded form of each UTF-16 code unit below 0x250 (Latin-1 and Latin Extended-A/B). */
const TABLE: string[] = []
for (let c = 0; c < 0x250; c++) {
  const ch = String.fromCharCode(c)
  const base = ch.normalize('NFD')[0] ?? ch
  const low = base.toLowerCase()
  TABLE.push(low.length === 1 ? low : ch)
}
/** Characters outside the table that fold to a plain ASCII character. */
const EXTRA: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u2032': "'", '\u00b4': "'", '\u0060': "'",
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '\u2007': ' ', '\u2002': ' ', '\u2003': ' ',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2212': '-',
  '\u201c': '"', '\u201d': '"', '\u00ab': '"', '\u00bb': '"', '\uff0b': '+', '\uff20': '@',
}
for (const [from, to] of Object.entries(EXTRA)) TABLE[from.charCodeAt(0)] = to

/**
 * Lower-cases and strips accents, keeping the length: `fold('Él NÚMERO')` is `'el numero'`.
 * Curly apostrophes become `'`, unusual spaces become `' '`, dashes become `-`.
 */
export function fold(text: string): string {
  let out = ''
  let plain = true
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x41 && c <= 0x5a) { plain = false; break }
    if (c >= 0x80) { plain = false; break }
  }
  if (plain) return text
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x250) {
      out += TABLE[c]
    } else {
      const mapped = TABLE[c]
      if (mapped !== undefined) {
        out += mapped
      } else {
        const ch = text[i] as string
        const low = ch.toLowerCase()
        out += low.length === 1 ? low : ch
      }
    }
  }
  return out
}

/**
 * Folds, then replaces every run of non-letters and non-digits (apostrophes included) with one
 * space and trims: `foldWords("¡No nos PAGAN  l'aguinaldo!")` is `'no nos pagan l aguinaldo'`.
 */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/\p{M}+/gu, '')
    .replace(/[œæß]/g, (c) => (c === 'œ' ? 'oe' : c === 'æ' ? 'ae' : 'ss'))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}
