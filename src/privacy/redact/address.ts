/**
 * @module privacy/redact/address
 * Home addresses after "vivo en", "mi domicilio es", "j'habite", "I live at"…
 *
 * Policy: once the phrase holds a street-level part (street and number, colonia or quartier,
 * apartment, landmarks such as "derrière la mosquée"), the whole address goes, the town and
 * postcode around it included: where a worker sleeps is theirs, and "Visalia" next to
 * "3418 Avenue 280" narrows them down. Monitors keep the workplace's town, which reports name
 * separately. "J'habite à Yopougon, rue 12" becomes "J'habite à [ADDRESS-1]". A phrase that
 * names only a town ("vivo en Silao") is left as it is: a town alone is not an address.
 */
import type { Input, Span } from './types.js'
import { ADDRESS_INTRO, NUMBER_MARKERS, STREET } from './words.js'

const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')
/** Words of a list as a regular-expression alternation; `_` stands for a space. */
const alt = (s: string): string => s.trim().split(/\s+/).join('|').replace(/_/g, ' ')
const INTRO = new RegExp(
  `(?<![\\p{L}])(?:${[...ADDRESS_INTRO].sort((a, b) => b.length - a.length).map(esc).join('|')})`,
  'gu',
)
/** Cheap test: could any introducing phrase be in the text? */
const QUICK = new RegExp(alt(`viv domicil direcci casa habit je_vis resid demeure adresse maison
  live address house home apartment`))
/** Words that end the address part of a sentence. */
const STOP = new RegExp(`\\s(?:${alt(`y e et and pero mais but donde ou where que qui porque parce
  because desde depuis since con avec with hace il_y_a for pour para cuando quand when while
  mientras pendant if si so`)})\\s`)
/** Street words that need a number after them: "Apt 3B", "lot 45", "depto 4". */
const NEEDS_NUMBER = new Set(`lot lote lt trailer unit floor piso casa building edificio edif depto
  departamento appartement appt apt apartment batiment bat porte suite interior int ext exterior
  sector parcela manzana mz villa`.split(/\s+/))
const LOCATOR = new RegExp(`^\\s*(?:${alt(`derriere devant pres a_cote en_face non_loin detras
  frente enfrente junto cerca atras esquina entre behind next_to across near by_the corner
  off`)})\\b`)
/** A landmark ("derrière le marché", "detrás de la iglesia"), not a town ("près de Daloa"). */
const LANDMARK = new RegExp(
  `^\\s*(?:${alt(`derriere devant a_cote_de en_face_de non_loin_de pres_de detras_de frente_a
    enfrente_de junto_a cerca_de atras_de behind next_to across_from near by vers`)})` +
    `\\s+(?:${alt("le la les l' du de_la des el los las del al the a an")})\\b`,
)
/** The same landmark words after other words of the segment. */
const INNER_LANDMARK = new RegExp(
  `\\s(?:${alt(`derriere devant a_cote_de en_face_de non_loin_de pres_de detras_de frente_a
    enfrente_de junto_a cerca_de atras_de behind next_to across_from vers`)})` +
    `\\s+(?:${alt("le la les l' du de_la des el los las del al the a an")})\\s`,
)
/** "cerca de la planta": near the workplace says where they work, not where they live. */
const WORKPLACE = new RegExp(`^(?:${alt(`planta fabrica maquila empresa mina rancho finca usine
  entreprise societe plantation mine chantier plant factory farm mill company site`)})\\b`)
/** Abbreviations whose period does not end the sentence ("Av.", "Col.", "W."). */
const ABBREV = new RegExp(`(?:^|\\s)(?:${alt(`av ave col no num apt st rd dr mz lt int ext depto
  fracc bd blvd n s e w o ma mt ft ste bldg prol priv calz carr km brgy`)})$`)
/** A segment that is only a number, or one word and a number ("villa 23", "int. 5"). */
const NUMBER_ONLY = /^\s*(?:[\p{L}.]+\.?\s*)?[#n°º]?\s*\d+[a-z]?\s*$/u
/** Prepositions before a town: "à Yopougon", "en San Luis Potosí", "in Dodge City". */
const PREPOSITION = /^\s*(?:chez\s+(?:eux|elle|lui|nous|moi|[a-z]+\s+[a-z]+)\s+)?(?:(?:a|au|en|in|at|on|dans|sur|near|pres de|cerca de)\s+)?/
/**
 * A town, region or postcode segment ("Visalia", "en San Luis Potosí", "CA 93291"): at most
 * four words after a preposition, the first capitalised or a number (checked on the original).
 */
function placeLike(original: string, folded: string): boolean {
  const rest = original.slice(PREPOSITION.exec(folded)?.[0].length ?? 0)
  const toks = rest.match(TOKEN) ?? []
  return toks.length > 0 && toks.length <= 4 && /^(?:\p{Lu}|\d)/u.test(toks[0] as string)
}
const TOKEN = /[\p{L}\p{N}#°º'’-]+/gu

/** Where the address part of the sentence ends: punctuation, or a word such as "y", "and". */
function regionEnd(text: string, folded: string, from: number): number {
  let end = Math.min(text.length, from + 160)
  for (let i = from; i < end; i++) {
    const c = text[i] as string
    if (c === '\n' || c === '!' || c === '?' || c === ';' || c === '(' || c === ')') end = i
    else if (c === '.') {
      const next = text.slice(i + 1, i + 3)
      // A period and a space end the sentence, whatever the case after it (SMS are in lower
      // case), unless it closes an abbreviation ("Col. Centro", "Av. juárez").
      const final = next === '' || /^\s/.test(next)
      if (final && !ABBREV.test(folded.slice(from, i))) end = i
    }
  }
  const stop = STOP.exec(folded.slice(from, end))
  return stop === null ? end : from + stop.index
}

/** Offset in `seg` where its street-level part starts, or -1. */
function streetStart(seg: string, original: string): number {
  const toks = [...seg.matchAll(TOKEN)]
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i] as RegExpMatchArray
    const word = t[0].replace(/[.'’]+$/, '')
    const next = toks[i + 1]?.[0] ?? ''
    const after = toks[i + 2]?.[0] ?? ''
    const hasNumber = /\d/.test(next) || /\d/.test(after) || /\d/.test(word)
    if (STREET.has(word) && !NEEDS_NUMBER.has(word)) return t.index as number
    if ((NEEDS_NUMBER.has(word) || NUMBER_MARKERS.has(word)) && hasNumber) return t.index as number
    if (word.startsWith('#') && /\d/.test(word)) return t.index as number
    // "PK18": a kilometre point on an Abidjan road names a neighbourhood.
    if (/^pk\d+$/.test(word)) return t.index as number
    if (/^\d+[a-z]?$/.test(word) && /^\p{Lu}/u.test(original.slice(toks[i + 1]?.index ?? 0))) {
      if (toks[i + 1] !== undefined) return t.index as number
    }
    // "4512 west 29th avenue" in lower-case text: a number, then a street word within three.
    if (/^\d+[a-z]?$/.test(word) && toks.slice(i + 1, i + 4).some((n) => STREET.has(n[0].replace(/[.'’]+$/, '')))) {
      return t.index as number
    }
  }
  return -1
}

/**
 * A street address with no phrase before it, as people write it in a signature or about a house
 * they work in: "22 Harbour Rd, Shippagan NB", "4410 Cedar Ridge Road", "Calle Homero 1420",
 * "Av. Juárez #45". Number + capitalised words + a street word (English order), or a street word
 * + capitalised words + a number (Spanish and French order); a town (and a state code) after a
 * comma goes with it when it closes the sentence, as in a signature ("…, Tijuana y" keeps the
 * town of a workplace).
 */
const TOWN_AFTER = String.raw`(?:\s+[NSEW]\b)?(?:,?\s+(?:Apt|Unit|Suite|Apto|Depto|Int|[Aa]pp|[Aa]ppt|[Aa]ppartement|[Ll]ogement|[Tt]railer|[Ll]ot|[Ss]pace|[Ss]pc)\.?\s*#?\s*\w+)?(?:,\s*\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}(?:,?\s+\p{Lu}{2})?(?=\s*(?:[.!?\n]|$)))?`
const BARE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\d{1,5}[A-Za-z]?\s+(?:(?:\p{Lu}[\p{L}'’.-]*|\d+(?:st|nd|rd|th))\s+){1,3}` +
    String.raw`(?:Rd|Road|St|Street|Ave|Avenue|Blvd|Boulevard|Dr|Drive|Ln|Lane|Way|Ct|Court|Cres|Crescent|Hwy|Highway|Pl|Place|Ter|Terrace|Pkwy|Parkway|Cir|Circle|Trl|Trail|Loop|(?:Trailer|Mobile\s+Home|RV)\s+(?:Park|Court|Ct|Village|Estates))\b\.?` +
    String.raw`|(?:[Cc]alle|C\.|[Aa]v\.|Ave\.|[Aa]venida|[Cc]alzada|[Pp]rivada|[Cc]allejón|[Rr]ue|Boulevard|Bd)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){1,3}(?:#|No\.?|Núm\.?|N°)?\s*\d{1,5}[A-Za-z]?(?![\p{L}\p{N}])` +
    // Quebec and France style: "4520, rue Jarry Est", "12 boul. Saint-Laurent", "88 rang du Cap".
    String.raw`|\d{1,5}[A-Za-z]?,?\s+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]oul\.|[Cc]hemin|[Cc]h\.|[Rr]ang|[Mm]ontée|[Cc]roissant|[Cc]ôte|[Aa]llée|[Ii]mpasse)\s+(?:(?:de\s+la|du|des|de|d['’])\s*)?[\p{L}\d][\p{L}\d'’-]*(?:\s+(?:\p{Lu}[\p{L}'’-]*|[Ee]st|[Oo]uest|[Nn]ord|[Ss]ud))*` +
    // Abidjan style: "villa 47 cité SICOGI", "lot 12, îlot 3", "cité des Arts, villa 9".
    String.raw`|(?:[Vv]illa|[Ll]ot|[Îî]lot|[Ii]lot|[Pp]orte)\s+\d{1,4}[A-Za-z]?,?\s+(?:[Cc]ité|[Cc]ite|[Qq]uartier|[Rr]ésidence|[Îî]lot|[Ii]lot)\s+(?:(?:des|du|de|la|les)\s+)?[\p{Lu}\d][\p{L}\p{N}'’-]*` +
    String.raw`|(?:[Cc]ité|[Rr]ésidence)\s+(?:(?:des|du|de|la|les)\s+)?\p{Lu}[\p{L}'’-]*,?\s+(?:villa|lot|îlot|ilot|porte|bâtiment|bat\.?)\s+\d{1,4}[A-Za-z]?)` +
    TOWN_AFTER,
  'gu',
)

/** Street addresses with no introducing phrase. */
function findBare(text: string, folded: string): Span[] {
  const out: Span[] = []
  if (!/\d/.test(text)) return out
  for (const m of text.matchAll(BARE)) {
    const end = m.index + m[0].length
    out.push({ kind: 'address', start: m.index, end, key: folded.slice(m.index, end).replace(/[\s,]+/g, ' ').trim() })
  }
  return out
}

/** Home addresses introduced by a phrase, and street addresses written without one. */
export function findAddresses(input: Input): Span[] {
  const { text, folded } = input
  const out: Span[] = findBare(text, folded)
  if (!QUICK.test(folded)) return out
  for (const m of folded.matchAll(INTRO)) {
    const from = m.index + m[0].length
    const end = regionEnd(text, folded, from)
    let start = -1
    let last = -1
    let skipped = 0
    // Town segments before the street part ("à Yopougon, rue 12"): they go with it.
    let townFrom = -1
    let pos = from
    for (const part of folded.slice(from, end).split(',')) {
      const segStart = pos
      pos += part.length + 1
      const original = text.slice(segStart, segStart + part.length)
      let s = streetStart(part, original)
      // A landmark inside the segment: "à Angré 8e tranche près de la pharmacie".
      const inner = s < 0 && !LANDMARK.test(part) ? INNER_LANDMARK.exec(part) : null
      if (inner !== null && !WORKPLACE.test(part.slice(inner.index + inner[0].length))) {
        s = PREPOSITION.exec(part)?.[0].length ?? 0
      }
      if (s >= 0 || LANDMARK.test(part)) {
        if (start < 0) {
          const own = segStart + (PREPOSITION.exec(part)?.[0].length ?? 0)
          start = townFrom >= 0 ? townFrom : s > 0 ? own : segStart + (s >= 0 ? s : part.length - part.trimStart().length)
        }
        last = segStart + part.trimEnd().length
      } else if (start >= 0 && (LOCATOR.test(part) || NUMBER_ONLY.test(part) || placeLike(original, part))) {
        last = segStart + part.trimEnd().length
      } else if (start >= 0 || ++skipped > 2) {
        break
      } else if (placeLike(original, part)) {
        if (townFrom < 0) townFrom = segStart + (PREPOSITION.exec(part)?.[0].length ?? 0)
      } else {
        townFrom = -1
      }
    }
    if (start < 0 || last <= start) continue
    const value = folded.slice(start, last).replace(/[\s,]+/g, ' ').trim()
    out.push({ kind: 'address', start, end: last, key: value })
  }
  return out
}
