/**
 * @module privacy/redact/ids
 * Identifiers with a letter-and-digit shape (CURP, RFC of a person, INE voter key, Ivorian
 * card numbers "CI00…"), matched in any case, and identifiers known by the words before them:
 * "número de empleado 45821", "matricule 00451", "badge #8812", "NNI: …", "passport G123…".
 *
 * A company RFC (3 letters + 6 digits + 3) is not a personal identifier and stays.
 */
import { UNIT_AFTER } from './numbers.js'
import type { Input, Span } from './types.js'

const B = String.raw`(?<![\p{L}\p{N}])`
const E = String.raw`(?![\p{L}\p{N}])`
/** CURP (loose, reference.md §6.1): 4 letters, YYMMDD, 6 letters, 1 alphanumeric, 1 digit. */
const CURP = new RegExp(`${B}[a-z]{4} ?\\d{6} ?[a-z]{6} ?[0-9a-z]\\d${E}`, 'giu')
/** INE clave de elector: 6 letters, 8 digits, sex letter, 3 digits. */
const INE = new RegExp(`${B}[a-z]{6} ?\\d{8} ?[a-z] ?\\d{3}${E}`, 'giu')
/** RFC of a person: 4 letters, YYMMDD, optional 3-character homoclave. */
const RFC = new RegExp(`${B}([a-zñ&]{4})[ -]?(\\d{6})(?:[ -]?([a-z0-9]{3}))?${E}`, 'giu')
/** Ivorian identity card numbers start "CI" then digits (reference.md §6.2). */
const CI_CARD = new RegExp(`${B}c ?i ?\\d[\\d ]{6,16}\\d${E}`, 'giu')

/** Words of a list as a regular-expression alternation; `_` stands for a space. */
const alt = (s: string): string => s.trim().split(/\s+/).join('|').replace(/_/g, ' ')

/** Jobs a worker's number may follow ("soy la operaria 20417"). */
const JOB_WORDS = `operaria operario operadora operador agente trabajadora trabajador empleada empleado
  obrera obrero ouvriere ouvrier operatrice operateur worker employee`

/** Words that name an identifier; the value follows within a few filler words. */
const ID_CONTEXT = new RegExp(
  `(?<![\\p{L}\\p{N}])(?:${[
    `n(?:u|ú)?m(?:ero)?\\.? ?de ?(?:${alt(`empleado trabajador nomina reloj gafete credencial ficha
      seguro_social afiliacion imss pasaporte cuenta tarjeta folio_de_empleado`)})`,
    `no\\.? ?de ?(?:${alt('empleado trabajador nomina reloj gafete')})`,
    `(?:numero|num|no|n)\\.? ?(?:d'|de |du )?(?:${alt(`employe salarie badge matricule cni nni
      passeport cnps securite_sociale assurance_sociale carte piece permis`)})`,
    `(?:${alt(`employee worker staff emp clock payroll badge id member union_card passport permit
      visa license licence account social_security social_insurance alien employe employee salarie
      agent ouvrier ouvriere travailleur`)})` +
      `\\.? ?(?:id|number|no|num|#)`,
    alt(`curp rfc nss imss clabe gafete nomina ficha credencial clave_de_elector clave_elector clave
      ine ife pasaporte matricula licencia expediente folio igss ihss isss ccss inss`),
    // Case files at a court or a ministry, and social-security numbers of the region.
    alt(`dossier numero_de_dossier n_de_dossier plainte_n ssnit nhis cnss ipres case_number case_no
      case_# file_number file_no claim_number claim_no claim_# reference_number ref_no`),
    // A worker's number after the job: "soy la operaria 20417", "worker 4471".
    alt(JOB_WORDS),
    alt(`matricule badge cni nni carte_d'identite carte_nationale_d'identite piece_d'identite
      attestation_d'identite passeport carte_de_sejour carte_consulaire cnps permis_de_conduire`),
    alt(`employee_id emp_id emp_# emp_no ssn itin passport a-number alien_number license licence
      id# id_: id:`),
    // Health-insurance cards name the holder ("carte d'assurance maladie : TREM 8506 1514").
    alt(`assurance_maladie carte_soleil ramq health_card health_insurance_card ohip tarjeta_sanitaria
      tarjeta_de_salud carnet_de_salud carne_de_salud`),
  ].join('|')})`,
  'gu',
)
/** The job words of `ID_CONTEXT`: a number after them must be long to be an identifier. */
const JOB_CONTEXT = new RegExp(`(?:${alt(JOB_WORDS)})$`)
/** Upper-case-only acronyms that are ordinary words in lower case (Spanish "sin", French "nas"). */
const CASED = /(?<![\p{L}\p{N}])(?:SIN|NAS|ID)(?![\p{L}\p{N}])/gu
/** Words between the name of an identifier and its value: "NAS est", "número es el", "#". */
const FILLER = new RegExp(`^(?:[\\s:#=.\\-]|,(?=\\s)|n°|nº|(?:${alt(`no num number numero es est is was el
  le la de mi mon ma my c'est c_est c'etait c_etait etait era fue son sont are dice dit says reads
  porte marque shows muestra uh um eh em euh heu hum este`)})\\b)+`)
/** The value: digits, maybe with a short letter prefix ("CI 0041…", "G1234567", "EMP-0045"). */
const VALUE = /^(?:(?:ci|[a-z]) |[a-z]{1,4}[ -]?)?[a-z0-9]*\d[a-z0-9]*(?:[ \-./][a-z0-9]*\d[a-z0-9]*)*/

/**
 * A document number with no keyword ("U104738265", "P4829173B", "AB-2048813"): one to three
 * letters, six digits or more, maybe a letter or two after. Passports, permits and cards of
 * every country look like this; it stays only when the words around make it a product or
 * order code, an amount ("USD 120000" written together) or a date.
 */
const DOC_NUMBER = /(?<![\p{L}\p{N}_@#/.-])([a-z]{1,3})-?(\d{6,12})[a-z]{0,2}(?![\p{L}\p{N}_@/-])/giu
/** Words before a code that make it a product, part, order or vehicle reference. */
const PRODUCT_BEFORE = new RegExp(`(?:^|[^\\p{L}])(?:${alt(`model modelo modele ref reference referencia
  sku lot lote part parte pieza piece article articulo produit producto product item order orden
  pedido commande invoice factura facture vol flight vuelo code_produit codigo_de_producto serie
  series catalogue catalogo batch`)})\\.?\\s*(?:n[o°º]\\.?|#|:)?\\s*$`, 'u')
/**
 * A file or case reference: three or more groups of capitals and digits joined by "-" or "/",
 * at least one of letters and four digits or more in all ("ESB-22-04418", "FED/PUE/2023/004417",
 * "CI-RA-0312/2024", "2024-SPS-4471", "IT-SP-2024-117"). Courts, ministries and inspectorates
 * number their files this way, and a file names the worker in its records. Visa and form names
 * ("H-2A", "I-9", "COVID-19") have fewer digits.
 */
const FILE_REF = /(?<![\p{L}\p{N}_@#/.-])(?=[A-Z0-9/-]*[A-Z])(?:[A-Z]{1,6}|\d{1,8})(?:[-/](?:[A-Z]{1,6}|\d{1,8})){2,6}(?![\p{L}\p{N}_@/-])/gu
/** "1453/2021": a case number and its year (a date's day or month has one or two digits). */
const NUMBER_YEAR = /(?<![\p{L}\p{N}_@#/.,-])\d{3,6}\/(?:19|20)\d\d(?![\p{L}\p{N}_@/-])/gu
/** A Quebec health card (RAMQ): four letters, then eight digits, often in two groups. */
const RAMQ = /(?<![\p{L}\p{N}])[A-Z]{4} ?\d{4} ?\d{4}(?![\p{L}\p{N}])/gu
const CURRENCY_CODES = new Set(['usd', 'mxn', 'cad', 'eur', 'cfa', 'fcfa', 'gtq', 'hnl', 'dop', 'xof'])

function validDate(yymmdd: string): boolean {
  const mm = +yymmdd.slice(2, 4)
  const dd = +yymmdd.slice(4, 6)
  return mm >= 1 && mm <= 12 && dd >= 1 && dd <= 31
}

const key = (s: string): string => s.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase()

/** Structured and context-keyed identifiers. */
export function findIds(input: Input): Span[] {
  const { text, folded } = input
  const out: Span[] = []
  const push = (start: number, end: number): void => {
    out.push({ kind: 'id', start, end, key: key(text.slice(start, end)) })
  }
  if (!/\d\d/.test(text)) return out
  const six = /\d{6}/.test(text)
  for (const re of six ? [CURP, INE, CI_CARD] : [CI_CARD]) {
    for (const m of text.matchAll(re)) {
      if (re !== CI_CARD && m[0].includes(' ') && m[0] !== m[0].toUpperCase()) continue
      push(m.index, m.index + m[0].length)
    }
  }
  for (const m of six ? text.matchAll(RFC) : []) {
    const spaced = m[0].length !== (m[1]?.length ?? 0) + 6 + (m[3]?.length ?? 0)
    const upper = m[0] === m[0].toUpperCase()
    const ctx = /rfc/.test(folded.slice(Math.max(0, m.index - 20), m.index))
    if (spaced && !upper && !ctx) continue
    if (m[3] === undefined && !validDate(m[2] as string) && !ctx) continue
    if (m[3] === undefined && !upper && !ctx) continue
    push(m.index, m.index + m[0].length)
  }
  for (const m of six ? text.matchAll(DOC_NUMBER) : []) {
    const letters = (m[1] as string).toLowerCase()
    const digits = m[2] as string
    if (CURRENCY_CODES.has(letters)) continue
    if (PRODUCT_BEFORE.test(folded.slice(Math.max(0, m.index - 30), m.index))) continue
    if (UNIT_AFTER.test(folded.slice(m.index + m[0].length, m.index + m[0].length + 25))) continue
    if (digits.length === 8 && /^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/.test(digits)) continue
    push(m.index, m.index + m[0].length)
  }
  for (const re of [FILE_REF, NUMBER_YEAR, RAMQ]) {
    for (const m of text.matchAll(re)) {
      if (re === FILE_REF && m[0].replace(/\D/g, '').length < 4) continue
      if (PRODUCT_BEFORE.test(folded.slice(Math.max(0, m.index - 30), m.index))) continue
      push(m.index, m.index + m[0].length)
    }
  }
  const contexts: number[] = []
  for (const m of folded.matchAll(ID_CONTEXT)) {
    const at = m.index
    const prev = at > 0 ? folded[at - 1] as string : ' '
    const next = folded[at + m[0].length] ?? ' '
    // A context word must end where the word ends ("badge", not "badges"); "badge #" may be
    // followed by letters ("badge #BRM-20931").
    if (/[\p{L}\p{N}]/u.test(prev) || (/\p{L}$/u.test(m[0]) && /[\p{L}]/u.test(next))) continue
    contexts.push(at + m[0].length)
  }
  for (const m of text.matchAll(CASED)) contexts.push(m.index + m[0].length)
  for (const end of contexts) {
    const rest = folded.slice(end, end + 60)
    const filler = FILLER.exec(rest)
    // A period ends the sentence, unless it closes an abbreviation ("passport no. is P44…").
    const abbrev = /(?:^|\s)(?:no|num|nro|n|nb)$/.test(folded.slice(Math.max(0, end - 5), end))
    const rest0 = abbrev && filler !== null ? filler[0].replace(/^\./, '') : filler?.[0] ?? ''
    if (/\.\s/.test(rest0)) continue
    const from = end + (filler?.[0].length ?? 0)
    const v = VALUE.exec(folded.slice(from, from + 40))
    if (v === null) continue
    const value = v[0].replace(/[ \-./]+$/, '')
    const digits = value.replace(/\D/g, '')
    if (digits.length < 3) continue
    // After a job word ("operaria 20417"), only a long number is an identifier ("obrero 12"
    // is not), and never one followed by more words of a count ("trabajadores 2000 en paro").
    if (JOB_CONTEXT.test(folded.slice(Math.max(0, end - 14), end)) && digits.length < 4) continue
    if (/^(?:19|20)\d\d$/.test(value)) continue
    if (/^\d{1,3}(?:[ .,]\d{3})+$/.test(value) && !value.startsWith('0')) continue
    if (UNIT_AFTER.test(folded.slice(from + value.length, from + value.length + 25))) continue
    push(from, from + value.length)
  }
  return out
}
