/**
 * @module channels/sms/segments
 * How a text travels as SMS: the GSM 03.38 7-bit alphabet (basic table, plus the extension table
 * whose characters cost two septets) or UCS-2, and how many segments it takes. One segment holds
 * 160 septets or 70 UTF-16 units; a concatenated message loses room to its header: 153 septets or
 * 67 units per segment. An escape pair or a surrogate pair is never split across two segments.
 *
 * `fitReply` keeps a reply within {@link MAX_SEGMENTS}: the text as written when it fits (accents
 * kept), else the text folded to GSM-7 (`á` → `a`, `ç` → `c`, `’` → `'`), which doubles the room.
 * Pure: runs on Node and Workers.
 */

/** GSM 03.38 basic table (the escape code 0x1B is not a character of its own). */
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** GSM 03.38 extension table: each costs an escape plus the character (2 septets). */
const EXTENSION = '\f^{}\\[~]|€'

const BASIC_SET = new Set(BASIC)
const EXTENSION_SET = new Set(EXTENSION)

/** Every reply stays within this many segments (the rule). */
export const MAX_SEGMENTS = 2

export type Encoding = 'GSM-7' | 'UCS-2'

export interface SegmentInfo {
  encoding: Encoding
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number
  segments: number
}

/** Septets a character costs in GSM-7, or 0 when GSM-7 cannot carry it. */
function septets(ch: string): number {
  if (BASIC_SET.has(ch)) return 1
  if (EXTENSION_SET.has(ch)) return 2
  return 0
}

/** True when every character is in the GSM-7 basic or extension table. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (septets(ch) === 0) return false
  return true
}

/** Count segments by packing characters of `cost` units into segments of `size` units. */
function pack(costs: number[], single: number, multi: number): { units: number; segments: number } {
  const units = costs.reduce((a, b) => a + b, 0)
  if (units === 0) return { units, segments: 0 }
  if (units <= single) return { units, segments: 1 }
  let segments = 1
  let used = 0
  for (const c of costs) {
    if (used + c > multi) {
      segments++
      used = 0
    }
    used += c
  }
  return { units, segments }
}

/** The encoding, size and segment count of a text sent as one SMS. */
export function measure(text: string): SegmentInfo {
  const chars = [...text]
  if (isGsm7(text)) {
    return { encoding: 'GSM-7', ...pack(chars.map(septets), 160, 153) }
  }
  return {
    encoding: 'UCS-2',
    ...pack(
      chars.map((ch) => ch.length),
      70,
      67,
    ),
  }
}

/** Characters outside GSM-7 with a close GSM-7 spelling. */
const FOLD: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u02bc': "'",
  '\u00b4': "'",
  '`': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u00ab': '"',
  '\u00bb': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2011': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u00a0': ' ',
  '\u202f': ' ',
  '\u2009': ' ',
  '\t': ' ',
  '\u00b7': '-',
  '\u2022': '-',
  ç: 'c',
  œ: 'oe',
  Œ: 'OE',
}

/**
 * The closest GSM-7 text: accents GSM-7 lacks are dropped (`á` → `a`, `ê` → `e`; `é`, `ñ`, `ü`
 * stay), typographic punctuation becomes ASCII, anything else becomes `?`.
 */
export function gsmFold(text: string): string {
  let out = ''
  for (const ch of text) {
    if (septets(ch) > 0) out += ch
    else if (FOLD[ch] !== undefined) out += FOLD[ch]
    else {
      const base = ch.normalize('NFD').replace(/\p{M}+/gu, '')
      out += base.length > 0 && isGsm7(base) ? base : '?'
    }
  }
  return out
}

/** Letters GSM-7 has that are letters of their own in Spanish, not accents: kept when folding. */
const KEEP = new Set(['ñ', 'Ñ', 'ü', 'Ü'])

/**
 * The one folded form of a reply that does not fit: every mark on a letter is dropped (é, à, ç
 * too, although GSM-7 has them), except ñ and ü, so that a folded message never mixes "Qué" with
 * "numero". Then GSM-7 (gsmFold) for the rest.
 */
export function plainFold(text: string): string {
  let out = ''
  for (const ch of text.normalize('NFC')) {
    if (KEEP.has(ch)) {
      out += ch
      continue
    }
    const d = ch.normalize('NFD')
    out += /^[A-Za-z]\p{M}+$/u.test(d) ? d[0] : ch
  }
  return gsmFold(out)
}

/** A reply as sent, with its measure. */
export interface FittedReply {
  text: string
  info: SegmentInfo
}

/**
 * The reply as written if it fits in `max` segments, else folded to GSM-7 without any accent
 * (plainFold: the whole message the same way). When `variable` is
 * given, `build(variable)` is the reply and the variable part (a monitor's question) is shortened,
 * with an ellipsis, until the reply fits.
 */
export function fitReply(
  build: string | ((variable: string) => string),
  variable = '',
  max = MAX_SEGMENTS,
): FittedReply {
  // French typography puts a narrow no-break space before : ? ! ; — on SMS it would switch the
  // whole reply to UCS-2 (half the room), so it is sent as a plain space.
  const plain = (t: string) => t.replace(/[\u202f\u00a0]/g, ' ')
  const make = typeof build === 'string' ? () => plain(build) : (v: string) => plain(build(v))
  const whole = make(variable)
  const info = measure(whole)
  if (info.segments <= max) return { text: whole, info }
  const folded = plainFold(whole)
  const foldedInfo = measure(folded)
  if (foldedInfo.segments <= max || variable === '') return { text: folded, info: foldedInfo }
  const chars = [...plainFold(variable)]
  let lo = 0
  let hi = chars.length
  let best: FittedReply | undefined
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const text = plainFold(make(chars.slice(0, mid).join('').trimEnd() + '...'))
    const m = measure(text)
    if (m.segments <= max) {
      best = { text, info: m }
      lo = mid + 1
    } else hi = mid - 1
  }
  return best ?? { text: folded, info: foldedInfo }
}
