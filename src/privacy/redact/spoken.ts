/**
 * @module privacy/redact/spoken
 * Numbers spoken as words, read as digits, so that the phone and identifier detectors see them:
 * "seis veinticinco, cuarenta y ocho, diecinueve, treinta y dos" reads "6 25 48 19 32",
 * "one one seven, four two, nine" reads "117 42 9", "cuatro mil doscientos doce" reads "4212",
 * "zéro sept, soixante-dix-huit, quatre-vingt-douze" reads "07 78 92" (digits said one by one
 * with only spaces between them make one group: "four four one two" is "4412").
 *
 * `spokenView` returns the text with each run of number words replaced by its digit groups, and
 * maps from offsets in that view back to the original text, so a span found in the view redacts
 * the words it came from. Only runs worth three digits or more are rewritten: "dos hijos" stays
 * as it is. The grammar is that of compound numbers in English, Spanish and French (tens and units, "y"/"et"/"and", hundreds, thousands, French
 * "quatre-vingt", "soixante-dix", Belgian/Swiss "septante"); when a word cannot continue the
 * number before it ("seis" then "veinticinco"), a new group starts. The words are data, each
 * language's `numbers` in `catalog/redaction/<lang>.json` (values, join words, "double", and
 * whether the language counts by twenties).
 */

import { LEXICONS } from './lexicon.js'

type Part = 'unit' | 'teen' | 'tens' | 'hundred' | 'hundreds' | 'thousand' | 'join' | 'repeat'

/** One number word: what it is, its value, and its language's way of counting. */
interface Entry {
  part: Part
  value: number
  /** Counts by twenties (French: "quatre-vingt", "soixante-dix", "dix-sept"). */
  vig: boolean
  /** A join word that also follows hundreds ("one hundred and five"). */
  afterHundred: boolean
  /** "nineteen hundred". */
  teenHundreds: boolean
}

/** What a value is: 0–9 a unit, 10–99 a teen or complete pair, tens, 100, hundreds, 1000. */
function partOf(v: number): Part {
  if (v < 10) return 'unit'
  if (v >= 20 && v < 100 && v % 10 === 0) return 'tens'
  if (v < 100) return 'teen'
  if (v === 100) return 'hundred'
  return v === 1000 ? 'thousand' : 'hundreds'
}

/** Folded number words of every language (catalog/redaction/<lang>.json, `numbers`). */
const WORDS = new Map<string, Entry>()
/** Words that are zero only inside a run of digits ("five oh three"). */
const ZERO_IN_RUN = new Set<string>()
for (const lex of LEXICONS) {
  const n = lex.numbers
  if (n === undefined) continue
  const base = { vig: n.vigesimal, afterHundred: false, teenHundreds: n.teenHundreds }
  for (const [w, value] of Object.entries(n.words)) WORDS.set(w, { ...base, part: partOf(value), value })
  for (const w of n.join) WORDS.set(w, { ...base, part: 'join', value: 0, afterHundred: n.joinAfterHundred.includes(w) })
  for (const [w, times] of Object.entries(n.repeat)) WORDS.set(w, { ...base, part: 'repeat', value: times })
  for (const w of n.zeroInRun) ZERO_IN_RUN.add(w)
}

/** Any number word, as a whole word of the folded text (hyphens split "soixante-dix-huit"). */
const WORD_RE = new RegExp(
  `(?<![a-z])(?:${[...WORDS.keys(), ...ZERO_IN_RUN].sort((a, b) => b.length - a.length).join('|')})(?![a-z])`,
  'g',
)
/**
 * What may stand between two number words of one spoken run: spaces and commas, and in speech
 * a hesitation or a spoken dash ("five one nine, uh, five eight two", "four eight one, dash, two
 * two"): transcripts put these inside numbers as readily as between them.
 */
const FILLERS = 'uh|um|uhm|er|eh|em|euh|heu|hum|este|dash|tiret|guion|guión|hyphen'
const GAP = new RegExp(`^[ \\t,\\-–…:]*(?:(?:${FILLERS})[ \\t,\\-–…:]+)*$|^\\s*\\.\\.\\.\\s*$`, 'i')
/** "plus" said before a spoken number is the international prefix ("plus five zero nine…"). */
const PLUS_BEFORE = /(?:^|[^\p{L}])(?:plus|mas|más)[ \t,]+$/u

interface Word extends Entry { start: number; end: number; w: string }
interface Group { start: number; end: number; digits: string }

/**
 * One compound number from `words[i]`: its digits and the index after it, or null when the
 * word at `i` cannot start one.
 */
function compound(words: Word[], i: number, text: string): { digits: string; next: number } | null {
  const first = words[i] as Word
  if (first.part === 'join') return null
  if (first.part === 'repeat') {
    const unit = words[i + 1]
    if (unit === undefined || unit.part !== 'unit' || !GAP.test(text.slice(first.end, unit.start))) return null
    return { digits: String(unit.value).repeat(first.value), next: i + 2 }
  }
  let total = 0
  let hund = 0
  let last: Part | 'none' | 'dix' = 'none'
  let k = i
  for (; k < words.length; k++) {
    const t = words[k] as Word
    if (k > i && !GAP.test(text.slice((words[k - 1] as Word).end, t.start))) break
    const v = t.value
    if (t.part === 'unit') {
      if (v === 0 && last !== 'none') break
      if (last === 'none' || last === 'hundred' || last === 'thousand') hund += v
      else if (last === 'tens' && v > 0) hund += v
      else if (last === 'dix' && v >= 7) hund += v
      else break
      // A lone zero is a digit of its own ("zero seven" is "0 7").
      if (v === 0) return { digits: '0', next: k + 1 }
      last = last === 'none' || last === 'hundred' || last === 'thousand' ? 'unit' : 'teen'
    } else if (t.part === 'teen') {
      if (last === 'none' || last === 'hundred' || last === 'thousand') hund += v
      else if (t.vig && last === 'tens' && (hund % 100 === 60 || hund % 100 === 80) && v < 20) hund += v
      else break
      last = v === 10 && t.vig ? 'dix' : 'teen'
    } else if (t.part === 'tens') {
      if (last === 'none' || last === 'hundred' || last === 'thousand') hund += v
      else if (t.vig && last === 'unit' && hund % 100 === 4 && v === 20) hund += 76
      else break
      last = 'tens'
    } else if (t.part === 'join') {
      // "cuarenta y ocho", "vingt et un", "soixante et onze", "one hundred and five".
      const next = words[k + 1]
      if (next === undefined || !GAP.test(text.slice(t.end, next.start))) break
      const tensUnit = last === 'tens' && next.part === 'unit' && next.value > 0
      const seventyOne = t.vig && last === 'tens' && hund % 100 === 60 && next.value === 11 && next.part === 'teen'
      const andAfter = t.afterHundred && (last === 'hundred' || last === 'thousand') &&
        (next.part === 'unit' || next.part === 'teen' || next.part === 'tens')
      if (!tensUnit && !seventyOne && !andAfter) break
    } else if (t.part === 'hundred') {
      if (last === 'unit' && hund < 10) hund *= 100
      else if (last === 'teen' && t.teenHundreds && hund < 100) hund *= 100
      else if (last === 'none' || last === 'thousand') hund += 100
      else break
      last = 'hundred'
    } else if (t.part === 'hundreds') {
      if (last !== 'none' && last !== 'thousand') break
      hund += v
      last = 'hundred'
    } else if (t.part === 'thousand') {
      if (total > 0 || last === 'thousand' || hund >= 1000) break
      total = (hund || 1) * 1000
      hund = 0
      last = 'thousand'
    } else break
  }
  if (k === i) return null
  return { digits: String(total + hund), next: k }
}

/** The text with spoken numbers as digits, and the way back to the original offsets. */
export interface SpokenView {
  text: string
  folded: string
  /** Original offset of the view character at each index (start of a span). */
  from: Int32Array
  /** Original offset just after the view character at each index (end of a span). */
  to: Int32Array
  /** View ranges that were rewritten, as [start, end) pairs. */
  rewritten: [number, number][]
}

/** Runs of number words worth rewriting: groups in order, at least three digits in all. */
function runs(text: string, folded: string): Group[][] {
  const words: Word[] = []
  for (const m of folded.matchAll(WORD_RE)) {
    const w = m[0]
    const prev = words[words.length - 1]
    const entry = WORDS.get(w)
    // "oh" is zero only inside a run of digits ("five oh three").
    if (entry === undefined) {
      if (prev === undefined || prev.part !== 'unit' || !GAP.test(text.slice(prev.end, m.index))) continue
      words.push({ ...prev, start: m.index, end: m.index + w.length, w, part: 'unit', value: 0 })
      continue
    }
    words.push({ ...entry, start: m.index, end: m.index + w.length, w })
  }
  const out: Group[][] = []
  let current: Group[] = []
  const close = (): void => {
    if (current.reduce((n, g) => n + g.digits.length, 0) >= 3) out.push(current)
    current = []
  }
  for (let i = 0; i < words.length;) {
    const c = compound(words, i, text)
    if (c === null) {
      close()
      i++
      continue
    }
    const start = (words[i] as Word).start
    const end = (words[c.next - 1] as Word).end
    const prev = current[current.length - 1]
    if (prev !== undefined && !GAP.test(text.slice(prev.end, start))) close()
    current.push({ start, end, digits: c.digits })
    i = c.next
  }
  close()
  return out
}

/** The view of `text` with spoken numbers as digits, or null when there is none to read. */
export function spokenView(text: string, folded: string): SpokenView | null {
  const found = runs(text, folded)
  if (found.length === 0) return null
  let view = ''
  let viewFolded = ''
  const from: number[] = []
  const to: number[] = []
  const rewritten: [number, number][] = []
  let at = 0
  const copy = (end: number): void => {
    view += text.slice(at, end)
    viewFolded += folded.slice(at, end)
    for (let i = at; i < end; i++) {
      from.push(i)
      to.push(i + 1)
    }
  }
  for (const groups of found) {
    const first = groups[0] as Group
    const plus = PLUS_BEFORE.exec(folded.slice(Math.max(at, first.start - 8), first.start))
    if (plus !== null) {
      // "plus five zero nine, …": the word reads as "+" and goes with the number.
      const word = /\p{L}+/u.exec(plus[0]) as RegExpExecArray
      const p = first.start - plus[0].length + word.index
      groups.unshift({ start: p, end: p + word[0].length, digits: '+' })
    }
    copy((groups[0] as Group).start)
    const viewStart = view.length
    groups.forEach((g, k) => {
      // Digits said one by one with only spaces between them are one group ("four four one
      // two" reads "4412", as an ID detector needs), and so are the two pairs of a number said
      // alone ("forty-two sixty", a house number as English speakers read it); a comma or a
      // longer group keeps a space.
      const prev = groups[k - 1]
      const spaced = prev !== undefined && /^[ \t]+$/.test(text.slice(prev.end, g.start))
      const pairs = groups.length === 2 && prev?.digits.length === 2 && g.digits.length === 2
      const joined = prev !== undefined && (prev.digits === '+' ||
        (spaced && ((prev.digits.length === 1 && g.digits.length === 1) || pairs)))
      const piece = (k > 0 && !joined ? ' ' : '') + g.digits
      view += piece
      viewFolded += piece
      for (let n = 0; n < piece.length; n++) {
        from.push(g.start)
        to.push(g.end)
      }
    })
    rewritten.push([viewStart, view.length])
    at = (groups[groups.length - 1] as Group).end
  }
  copy(text.length)
  return { text: view, folded: viewFolded, from: Int32Array.from(from), to: Int32Array.from(to), rewritten }
}
