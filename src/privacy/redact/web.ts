/**
 * @module privacy/redact/web
 * E-mail addresses (also written "juan arroba gmail punto com"), URLs (with a scheme, `www.`,
 * or a domain followed by a path such as `facebook.com/xyz`) and social handles (`@name`, or
 * a handle-looking word after "instagram:", "en tiktok como", "fb", …).
 * A bare domain without a path (an employer's website) is kept.
 */
import type { Input, Span } from './types.js'

const MAILHOSTS = 'gmail|hotmail|yahoo|outlook|live|icloud|protonmail|proton|aol|msn|gmx|orange'
const EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+(?:@| @ (?=(?:${MAILHOSTS})\.))` +
    String.raw`[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}`,
  'gu',
)
/** A spoken local part may hold spoken dots and dashes: "jorge punto alvarado82". */
const SPOKEN_SEP = String.raw`\s(?:punto|dot|point|guion|guión|dash|tiret|underscore)\s`
const SPOKEN_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}._-])(?:[\p{L}\p{N}._+-]{2,}${SPOKEN_SEP})*[\p{L}\p{N}._+-]{2,}\s*` +
    String.raw`(?:(?:\(at\)|\[at\]|\sarroba\s|\sarobase\s)\s*[\p{L}\p{N}-]{2,}|\sat\s+(?:${MAILHOSTS}))` +
    String.raw`\s*(?:\.|\(dot\)|\[dot\]|\s(?:punto|dot|point)\s)\s*` +
    String.raw`(?:com|net|org|fr|mx|ci|ca|us|es|info|edu|gob)` +
    String.raw`(?:\s*(?:\.|\spunto\s|\sdot\s)\s*(?:mx|ci|fr|ca|co|uk))?(?![\p{L}\p{N}])`,
  'gu',
)
const SPOKEN_HINT = new RegExp(String.raw`arroba|arobase|\(at\)|\[at\]| at (?:${MAILHOSTS})`)
const TLD = [
  'com|net|org|info|biz|me|ly|gl|be|io|co|mx|ci|ca|us|fr|es|gt|hn|sv',
  'app|page|link|to|tv|ee|gg|site',
].join('|')
const URL = new RegExp(
  String.raw`(?<![\p{L}\p{N}@.])(?:https?://|www\.)[^\s<>"'\])]+` +
    String.raw`|(?<![\p{L}\p{N}@.])(?:[a-z0-9-]+\.)+(?:${TLD})/[^\s<>"'\])]*`,
  'giu',
)
const AT_HANDLE = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?/gu
/** After "instagram:" or "IG:" any word is the handle. */
const COLON_HANDLE = new RegExp(
  String.raw`\b(?:instagram|insta|ig|tiktok|tik tok|twitter|telegram|snapchat|snap|threads)` +
    String.raw`\s*:\s*@?` +
    String.raw`([a-z0-9_.]{3,30})(?![\p{L}\p{N}])`,
  'gu',
)
const PLATFORM_HANDLE = new RegExp(
  String.raw`\b(?:instagram|insta|ig|tiktok|tik tok|twitter|telegram|snapchat|snap|fb|facebook|` +
    String.raw`face|threads)\s*(?::|=|como|as|comme|es|est|is|c'est)?\s*@?` +
    String.raw`((?=[a-z0-9_.]*[a-z])[a-z0-9_.]*[_.0-9][a-z0-9_.]*[a-z0-9_])(?![\p{L}\p{N}])`,
  'gu',
)

/** Trailing sentence punctuation is not part of a URL or address. */
function trimEnd(s: string): number {
  let n = s.length
  while (n > 0 && '.,;:!?'.includes(s[n - 1] as string)) n--
  return n
}

/** E-mails, URLs and handles, with their identity keys. */
export function findWeb(input: Input): Span[] {
  const { text, folded } = input
  const out: Span[] = []
  const at = text.includes('@')
  for (const m of at ? text.matchAll(EMAIL) : []) {
    const len = trimEnd(m[0])
    const key = m[0].slice(0, len).toLowerCase().replace(/\s+/g, '')
    out.push({ kind: 'email', start: m.index, end: m.index + len, key })
  }
  if (SPOKEN_HINT.test(folded)) {
    for (const m of folded.matchAll(SPOKEN_EMAIL)) {
      const key = m[0].replace(/\s*(?:\(at\)|\[at\]|\s(?:arroba|arobase|at)\s)\s*/, '@')
        .replace(/\s*(?:\(dot\)|\[dot\]|\s(?:punto|dot|point)\s)\s*/g, '.').replace(/\s+/g, '')
      out.push({ kind: 'email', start: m.index, end: m.index + m[0].length, key })
    }
  }
  const urls = text.includes('/') || /www\./i.test(text)
  for (const m of urls ? text.matchAll(URL) : []) {
    const len = trimEnd(m[0])
    const key = m[0].slice(0, len).toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')
    out.push({ kind: 'url', start: m.index, end: m.index + len, key })
  }
  for (const m of at ? text.matchAll(AT_HANDLE) : []) {
    if (m[0].length < 3) continue
    const key = m[0].slice(1).toLowerCase()
    out.push({ kind: 'handle', start: m.index, end: m.index + m[0].length, key })
  }
  const platform = /insta|ig\b|tik ?tok|twitter|telegram|snap|fb\b|face|threads/.test(folded)
  for (const re of platform ? [PLATFORM_HANDLE, COLON_HANDLE] : []) {
    for (const m of folded.matchAll(re)) {
      const handle = m[1] as string
      const start = m.index + m[0].length - handle.length
      out.push({ kind: 'handle', start, end: start + handle.length, key: handle })
    }
  }
  return out
}
