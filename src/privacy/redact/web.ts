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
/**
 * A spoken address, from its "at" on: "arroba gmail punto com", " at yahoo dot co dot uk".
 * Its local part is read backwards from there (`spokenLocal`).
 */
const SPOKEN_AT = new RegExp(
  String.raw`(?:\(at\)|\[at\]|\sarroba\s|\sarobase\s)\s*[\p{L}\p{N}-]{2,}|\sat\s+(?:${MAILHOSTS})`,
  'gu',
)
const SPOKEN_DOMAIN = new RegExp(
  String.raw`^\s*(?:\.|\(dot\)|\[dot\]|\s(?:punto|dot|point)\s)\s*` +
    String.raw`(?:com|net|org|fr|mx|ci|ca|us|es|info|edu|gob|co)` +
    String.raw`(?:\s*(?:\.|\spunto\s|\sdot\s|\spoint\s)\s*(?:mx|ci|fr|ca|co|uk))?(?![\p{L}\p{N}])`,
  'u',
)
/** Spoken punctuation of a local part ("guion bajo", "tiret bas", "underscore", "dot"). */
const SPOKEN_SEP = new Set(`punto dot point guion guión dash tiret underscore bajo bas trait union
  hyphen`.split(/\s+/))
/** Words a local part never holds: what introduces it ("write to", "mi correo es", "à"). */
const LOCAL_STOP = new Set(`at to a à au es is est me moi my mi mon ma email e-mail mail correo
  courriel adresse address es: is: c'est write escribir ecrire ecrivez-moi escribeme on en de
  uh um eh euh heu este and or o ou`.split(/\s+/))
/** A word that belongs to a spoken address's local part on its own: a letter, a digit or number word. */
const LOCAL_PIECE = /^(?:\p{L}|\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|cero|uno|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|cuarenta|cincuenta|sesenta|setenta|ochenta|noventa|y|un|deux|trois|quatre|cinq|sept|huit|neuf|dix|vingt|trente|quarante|cinquante|soixante|[a-z]+-[a-z]+)$/u

/**
 * Where the spoken local part before `at` starts: words back from it while they chain, that
 * is each word is, or stands beside, a spoken separator, a letter or a number word ("d rivera
 * nine nine", "marlon underscore watts seventy six", "jlopez punto ochenta y dos"); the word
 * right before "at" always belongs. Punctuation or an introducing word stops it.
 */
function spokenLocal(folded: string, at: number): number {
  const words = [...folded.slice(Math.max(0, at - 90), at).matchAll(/[^\s]+/g)]
  const base = Math.max(0, at - 90)
  let start = -1
  let linked = true
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as RegExpMatchArray
    const word = w[0]
    const gapAfter = folded.slice(base + (w.index as number) + word.length, i === words.length - 1 ? at : base + (words[i + 1]?.index as number))
    if (!/^\s*$/.test(gapAfter) || /[,:;.!?()]/.test(word.slice(-1)) && i < words.length - 1) break
    if (LOCAL_STOP.has(word) || !/^[\p{L}\p{N}._+-]+$/u.test(word)) break
    const special = SPOKEN_SEP.has(word) || LOCAL_PIECE.test(word)
    if (!linked && !special) break
    start = base + (w.index as number)
    linked = special
  }
  return start
}
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
/** A profile link read out: "facebook dot com slash edgar dot chuc dot 90". */
const SPOKEN_URL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:[\p{L}\p{N}-]+\s+(?:dot|punto|point)\s+)+(?:${TLD})\s+(?:slash|barra|diagonal|barre|slache)\s+` +
    String.raw`[\p{L}\p{N}_]+(?:\s+(?:dot|punto|point|underscore|guion|tiret|dash)\s+[\p{L}\p{N}_]+)*`,
  'gu',
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
    for (const m of folded.matchAll(SPOKEN_AT)) {
      const domain = SPOKEN_DOMAIN.exec(folded.slice(m.index + m[0].length, m.index + m[0].length + 40))
      if (domain === null) continue
      const start = spokenLocal(folded, /^\s/.test(m[0]) ? m.index : m.index)
      if (start < 0) continue
      const end = m.index + m[0].length + domain[0].length
      const key = folded.slice(start, end).replace(/\s*(?:\(at\)|\[at\]|\s(?:arroba|arobase|at)\s)\s*/, '@')
        .replace(/\s*(?:\(dot\)|\[dot\]|\s(?:punto|dot|point)\s)\s*/g, '.').replace(/\s+/g, '')
      out.push({ kind: 'email', start, end, key })
    }
  }
  const urls = text.includes('/') || /www\./i.test(text)
  for (const m of urls ? text.matchAll(URL) : []) {
    const len = trimEnd(m[0])
    const key = m[0].slice(0, len).toLowerCase().replace(/^https?:\/\//, '').replace(/^www\./, '')
    out.push({ kind: 'url', start: m.index, end: m.index + len, key })
  }
  for (const m of / (?:slash|barra|diagonal|barre|slache) /.test(folded) ? folded.matchAll(SPOKEN_URL) : []) {
    const key = m[0].replace(/\s+(?:dot|punto|point)\s+/g, '.').replace(/\s+(?:slash|barra|diagonal|barre|slache)\s+/, '/')
    out.push({ kind: 'url', start: m.index, end: m.index + m[0].length, key })
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
