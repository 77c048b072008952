/**
 * @module channels/sms/keywords
 * What a text message means before the conversation looks at it: the carrier keywords a short
 * code must answer itself (STOP and its carrier list, START, HELP; reference.md §7.4) and each
 * language's own, the status word with a receipt, the withdraw word with a receipt (WITHDRAW,
 * RETIRAR, RETIRER: consent), a receipt followed by an answer, language words and the language
 * of free text. Every language's words are registry data (`locales/languages.json`, `sms`);
 * only Twilio's carrier keywords are code. Matching is on folded words (case and accents ignored,
 * punctuation dropped), and keywords count only as the whole message. Pure.
 */
import { foldWords } from '../../privacy/fold.js'
import { LANGS, LANGUAGES, perLang, SMS_ANY_LANGUAGE, type Lang, type Language } from '../../i18n/languages.js'

/**
 * Twilio's carrier keywords (reference.md §7.4): Twilio blocks and unblocks a long-code sender on
 * these whatever the language, and a short code must answer them itself. Fixed by Twilio, so
 * code, not registry data; they imply no language.
 */
export const TWILIO_KEYWORDS = {
  optOut: ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'opt out'],
  optIn: ['start', 'unstop', 'yes'],
  help: ['help', 'info'],
} as const

type SmsWords = Language['sms']

/**
 * Folded words tagged with the language they imply: the registry's list `key` for each language,
 * after `shared` (words that imply none). A word two languages share implies the later one.
 */
function tagged(shared: readonly string[], key: keyof SmsWords): Map<string, Lang | undefined> {
  const out = new Map<string, Lang | undefined>(shared.map((w) => [w, undefined]))
  for (const l of LANGUAGES) for (const w of l.sms[key]) out.set(w, l.code)
  return out
}

/** Every language's words of list `key` (registry data), as one set. */
const union = (key: keyof SmsWords) => new Set(LANGUAGES.flatMap((l) => l.sms[key]))

/** Opt-out words: Twilio's list (STOP … OPTOUT), then each language's (ALTO, ARRET as Proxy). */
const OPT_OUT = tagged(TWILIO_KEYWORDS.optOut, 'optOut')
/**
 * Opt-in words: Twilio's (START, UNSTOP, YES) and the greetings a worker would send to begin
 * (HOLA, BONJOUR, HELLO…), so that the help text's "send HOLA to start" also works after an
 * opt-out. Only meaningful to a sender who opted out.
 */
const OPT_IN = tagged(TWILIO_KEYWORDS.optIn, 'optIn')
const HELP = tagged(TWILIO_KEYWORDS.help, 'help')
/** Status words; the shared STATUS names no language (the conversation's or the report's is used). */
const STATUS = tagged(SMS_ANY_LANGUAGE.status, 'status')
/** Withdrawing consent, with the receipt (partners/ledger.ts). */
const WITHDRAW = tagged([], 'withdraw')

/** Words that end the story: the whole message, or a capitalised last word. */
const FINISH = union('finish')
const YES = union('yes')
const NO = union('no')

/** Language names only: switch the language in the middle of a conversation (registry data). */
const LANGUAGE_NAME = tagged([], 'names')
/** Greetings and names that choose a language (first message; registry data). */
const GREETING = new Map<string, Lang>(LANGUAGES.flatMap((l) => [...l.sms.names, ...l.sms.greetings].map((w) => [w, l.code] as const)))
/** The menu's numbers: the registry's order. */
export const MENU_LANGS: readonly Lang[] = LANGS

/** Frequent words that belong to one of the languages only (registry data). */
const MARKERS: Record<Lang, Set<string>> = perLang((l) => new Set(l.sms.markers))

/** Folded words of a message (`¡Hola, SEÑOR!` → `hola senor`). */
export const words = (text: string) => foldWords(text)

/** True when the message has at least one letter or digit (not only emoji or punctuation). */
export const hasWords = (text: string) => /[\p{L}\p{N}]/u.test(text)

export type Command =
  | { kind: 'optout'; lang?: Lang }
  | { kind: 'help'; lang?: Lang }
  | { kind: 'status'; lang?: Lang; receipt?: string }
  | { kind: 'withdraw'; lang?: Lang; receipt?: string }
  | { kind: 'answer'; receipt: string; text: string }

const RECEIPT_FIRST = /^\s*((?:\d[\s.\-]*){15}\d)(?!\d)[\s:,.;\-]*([\s\S]*)$/
const STATUS_WORD = /^\s*([\p{L}]+)[\s:.,#\-]*([\d\s.\-]*)$/u

/**
 * The command a whole message gives, if any; checked before the conversation at every step.
 * Opt-in words are not commands: they only mean something to a sender who opted out.
 */
export function command(body: string): Command | undefined {
  const w = words(body)
  if (OPT_OUT.has(w)) return { kind: 'optout', lang: OPT_OUT.get(w) }
  if (HELP.has(w)) return { kind: 'help', lang: HELP.get(w) }
  const s = STATUS_WORD.exec(body)
  const statusWord = s ? words(s[1]!) : ''
  if (s && STATUS.has(statusWord)) {
    const statusLang = STATUS.get(statusWord)
    const digits = s[2]!.replace(/\D/g, '')
    return { kind: 'status', lang: statusLang, receipt: digits.length > 0 ? digits : undefined }
  }
  if (s && WITHDRAW.has(statusWord)) {
    const digits = s[2]!.replace(/\D/g, '')
    return { kind: 'withdraw', lang: WITHDRAW.get(statusWord), receipt: digits.length > 0 ? digits : undefined }
  }
  const r = RECEIPT_FIRST.exec(body)
  if (r) {
    const receipt = r[1]!.replace(/\D/g, '')
    const text = r[2]!.trim()
    return text ? { kind: 'answer', receipt, text } : { kind: 'status', receipt }
  }
  return undefined
}

/** True for an opt-in word (START, UNSTOP, YES, or a greeting: HOLA, BONJOUR, HELLO). */
export const isOptIn = (body: string) => OPT_IN.has(words(body))

/** The language an opt-in word implies (HOLA → es), if any. */
export const optInLanguage = (body: string): Lang | undefined => OPT_IN.get(words(body))

/** The language a first message picks: a menu number, a greeting, or clear free text. */
export function chosenLanguage(body: string): Lang | undefined {
  const w = words(body)
  if (/^[1-9]$/.test(w) && Number(w) <= MENU_LANGS.length) return MENU_LANGS[Number(w) - 1]
  return GREETING.get(w) ?? detectLanguage(body)
}

/** A language name sent alone (ESPAÑOL, FRANÇAIS, ENGLISH): switch the conversation's language. */
export const languageSwitch = (body: string): Lang | undefined => LANGUAGE_NAME.get(words(body))

/**
 * The language of free text when it is clear: marker words and greetings are counted, and one
 * language must have at least twice the hits of any other (and two hits, unless it is alone).
 */
export function detectLanguage(text: string): Lang | undefined {
  const tokens = words(text).split(' ').slice(0, 200)
  const score: Record<Lang, number> = perLang(() => 0)
  for (const tok of tokens) {
    const g = GREETING.get(tok)
    if (g) score[g] += 2
    for (const l of MENU_LANGS) if (MARKERS[l].has(tok)) score[l]++
  }
  const [best, second] = MENU_LANGS.map((l) => [l, score[l]] as const).sort((a, b) => b[1] - a[1])
  if (!best || best[1] === 0) return undefined
  const other = second?.[1] ?? 0
  if (best[1] < 2 * other) return undefined
  if (best[1] < 2 && other > 0) return undefined
  return best[0]
}

/** A menu number (`3`, ` 3.`, `#3`) within 1..max, or undefined. */
export function menuChoice(body: string, max: number): number | undefined {
  const m = /^\s*#?\s*(\d{1,3})\s*[.)]?\s*$/.exec(body)
  if (!m) return undefined
  const n = Number(m[1])
  return n >= 1 && n <= max ? n : undefined
}

/** Yes, no, or neither (an answer of up to four words starting with yes or no). */
export function yesNo(body: string): boolean | undefined {
  const w = words(body)
  if (w === '1') return true
  if (w === '2') return false
  const toks = w.split(' ')
  if (toks.length > 4) return undefined
  for (let n = Math.min(2, toks.length); n >= 1; n--) {
    const head = toks.slice(0, n).join(' ')
    if (YES.has(head)) return true
    if (NO.has(head)) return false
  }
  return undefined
}

/** The story's end: `finished` when the message is a finish word, and the text to keep. */
export function finishWord(body: string): { finished: boolean; rest: string } {
  if (FINISH.has(words(body))) return { finished: true, rest: '' }
  const m = /^([\s\S]*?[\s.,;:!])\s*([A-ZÉ]{2,})[\s.!]*$/u.exec(body)
  if (m && FINISH.has(words(m[2]!))) return { finished: true, rest: m[1]!.trim() }
  return { finished: false, rest: body.trim() }
}
