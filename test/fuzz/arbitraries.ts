/**
 * @module test/fuzz/arbitraries
 * Generators shared by the fuzz files: text a worker, a tool or an attacker might send; request
 * bodies for JSON and form routes (well-formed, wrong content type, truncated, not UTF-8, bad
 * percent-escapes, malformed multipart, deeply nested, over the size limit, random bytes); and
 * the headers and client addresses that vary between requests.
 */
import fc from 'fast-check'
import { SOURCE_HEADER } from './harness.js'

/** A request body and its content type (none: no Content-Type header; FormData sets its own). */
export interface Raw {
  type?: string
  body?: string | Uint8Array | FormData
}

/** Strings that have broken parsers, templates, SQL or keyword matching somewhere. */
const TRICKY = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\uDFFF',
  '\uFFFD',
  '\u202Eevil',
  '\r\n\r\n--',
  '<script>alert(1)</script>',
  '{{receipt}}',
  '$t(common:errors.server)',
  "' OR 1=1 --",
  '%',
  '%zz',
  '%C3%28',
  '&=&=',
  '__proto__',
  'constructor',
  'toString',
  'STOP',
  'HELP',
  'START',
  'ESTADO 1234 5678 9012 3456',
  'STATUS 0000000000000000',
  '0000 0000 0000 0000',
  '1',
  '9',
  '*',
  '#',
  'null',
  'true',
  '[]',
  '{}',
  'x'.repeat(64),
  'x'.repeat(65),
  '+52 871 555 0133',
  'juan.perez@correo.mx',
]

/** Long, report-like text (up to just over the intake's 25,000-character limit). */
const longText = fc
  .integer({ min: 1_000, max: 25_100 })
  .map((n) => 'Nos pagan tarde y nos amenazan. '.repeat(Math.ceil(n / 32)).slice(0, n))

/** Any text a field might hold. */
export const anyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...TRICKY) },
  { weight: 1, arbitrary: longText },
)

/** Printable ASCII: what a header value can carry. */
export const headerText = fc.string({ unit: 'grapheme-ascii', maxLength: 40 })

/** A string as it arrives after UTF-8 encoding (lone surrogates become U+FFFD). */
export const wellFormed = (s: string) => Buffer.from(s, 'utf8').toString('utf8')

/** Byte sequences that are not UTF-8: stray, truncated, overlong, surrogate, out of range. */
const BAD_UTF8 = [
  [0xff],
  [0x80],
  [0xc3, 0x28],
  [0xe2, 0x82],
  [0xc0, 0xaf],
  [0xed, 0xa0, 0x80],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
]

/** `text` with one invalid UTF-8 sequence spliced in. */
const withBadUtf8 = (text: string) =>
  fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(...BAD_UTF8)).map(([at, bad]) => {
    const bytes = Buffer.from(text, 'utf8')
    const i = Math.min(at, bytes.length)
    return new Uint8Array(Buffer.concat([bytes.subarray(0, i), Buffer.from(bad), bytes.subarray(i)]))
  })

/** Content types that are wrong, odd or broken for the route. */
export const oddType = fc.oneof(
  fc.constantFrom(
    '',
    'text/plain',
    'text/html',
    'application/xml',
    'application/json; charset=latin1',
    'APPLICATION/JSON',
    'application/json;',
    'application/jsonp',
    'application/x-www-form-urlencoded',
    'application/x-www-form-urlencoded; charset=iso-8859-1',
    'multipart/form-data',
    'multipart/form-data; boundary=',
    'multipart/form-data; boundary=zz',
    'multipart/mixed; boundary=zz',
    'application/octet-stream',
    '*/*',
  ),
  headerText,
)

/** Nested `[[[…]]]` or `{"a":{"a":…}}`, past any depth a request needs. */
const deepJson = fc
  .tuple(fc.integer({ min: 17, max: 60_000 }), fc.boolean())
  .map(([n, arrays]) =>
    arrays
      ? `{"a":${'['.repeat(n)}1${']'.repeat(n)}}`
      : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`,
  )

/** A body over `limit` bytes. */
const hugeBody = (limit: number, wrap: (filler: string) => string) =>
  fc.integer({ min: limit + 1, max: limit * 2 }).map((n) => wrap('x'.repeat(n)))

/** Random bytes under a plausible content type. */
const randomBytes = (type: fc.Arbitrary<string>) =>
  fc.record({ type, body: fc.uint8Array({ maxLength: 300 }) }) as fc.Arbitrary<Raw>

/** Bodies for a JSON route from its (mostly well-formed) values; `limit` is its size limit. */
export function jsonBody(value: fc.Arbitrary<unknown>, limit: number): fc.Arbitrary<Raw> {
  const json = value.map((v) => JSON.stringify(v) ?? '')
  return fc.oneof(
    { weight: 24, arbitrary: json.map((body) => ({ type: 'application/json', body })) },
    {
      weight: 1,
      arbitrary: fc.record({ type: fc.constantFrom('application/json; charset=utf-8', 'Application/JSON'), body: json }),
    },
    { weight: 1, arbitrary: fc.record({ type: oddType, body: json }) },
    { weight: 1, arbitrary: json.map((body) => ({ body })) },
    {
      weight: 1,
      arbitrary: json.chain((s) =>
        fc.nat({ max: s.length }).map((n) => ({ type: 'application/json', body: s.slice(0, n) })),
      ),
    },
    { weight: 1, arbitrary: json.chain(withBadUtf8).map((body) => ({ type: 'application/json', body })) },
    { weight: 1, arbitrary: deepJson.map((body) => ({ type: 'application/json', body })) },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => ({ type: 'application/json', body: JSON.stringify(v) })) },
    { weight: 1, arbitrary: randomBytes(fc.constant('application/json')) },
    { weight: 1, arbitrary: anyText.map((body) => ({ type: 'application/json', body })) },
    {
      weight: 1,
      arbitrary: hugeBody(limit, (x) => `{"description":"${x}"}`).map((body) => ({ type: 'application/json', body })),
    },
    { weight: 1, arbitrary: fc.constant({ type: 'application/json' }) },
  )
}

/** A form's fields: every value of each name. */
export type Fields = Record<string, string[]>

const urlencoded = (fields: Fields) => {
  const p = new URLSearchParams()
  for (const [k, vs] of Object.entries(fields)) for (const v of vs) p.append(k, v)
  return p.toString()
}

/** Multipart as a browser sends it (FormData), sometimes with a file part the form never has. */
const multipart = (fields: Fields, file: Uint8Array | undefined): Raw => {
  const f = new FormData()
  for (const [k, vs] of Object.entries(fields)) for (const v of vs) f.append(k, v)
  if (file) f.append('file', new Blob([file as Uint8Array<ArrayBuffer>]), 'photo.jpg')
  return { body: f }
}

const PART_HEAD = 'Content-Disposition: form-data; name="x"'

/** Multipart bodies that do not parse: no boundary, wrong boundary, cut short, junk. */
const brokenMultipart = fc.oneof(
  fc.record({ type: fc.constant('multipart/form-data'), body: anyText }),
  fc.record({ type: fc.constant('multipart/form-data; boundary=b'), body: anyText }),
  fc.constant({ type: 'multipart/form-data; boundary=b', body: `--b\r\n${PART_HEAD}\r\n\r\nno end` }),
  fc.constant({ type: 'multipart/form-data; boundary=b', body: '--b\r\n\r\n\r\n--b--' }),
  fc.constant({ type: 'multipart/form-data; boundary=b', body: `--c\r\n${PART_HEAD}\r\n\r\ny\r\n--c--\r\n` }),
  fc.constant({ type: 'multipart/form-data; boundary="', body: '--"\r\n' }),
) as fc.Arbitrary<Raw>

/** Urlencoded text whose escapes are not UTF-8 or not escapes at all. */
const badEscapes = (fields: Fields) =>
  fc
    .constantFrom('%', '%zz', '%C3%28', '%FF', '%E2%82', '%ED%A0%80', '%C0%AF', '%%41')
    .map((bad) => ({ type: 'application/x-www-form-urlencoded', body: `${urlencoded(fields)}&x=${bad}` }))

/** Bodies for a form route from its (mostly well-formed) fields; `limit` is its size limit. */
export function formBody(fields: fc.Arbitrary<Fields>, limit: number): fc.Arbitrary<Raw> {
  const form = 'application/x-www-form-urlencoded'
  return fc.oneof(
    { weight: 24, arbitrary: fields.map((f) => ({ type: form, body: urlencoded(f) })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(fields, fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 4, nil: undefined }))
        .map(([f, file]) => multipart(f, file)),
    },
    { weight: 2, arbitrary: brokenMultipart },
    { weight: 1, arbitrary: fields.chain((f) => withBadUtf8(urlencoded(f))).map((body) => ({ type: form, body })) },
    { weight: 1, arbitrary: fields.chain(badEscapes) },
    { weight: 1, arbitrary: fc.record({ type: oddType, body: fields.map(urlencoded) }) },
    { weight: 1, arbitrary: fields.map((f) => ({ type: 'application/json', body: JSON.stringify(f) })) },
    { weight: 1, arbitrary: randomBytes(fc.constantFrom(form, 'multipart/form-data; boundary=b')) },
    { weight: 1, arbitrary: hugeBody(limit, (x) => `description=${x}`).map((body) => ({ type: form, body })) },
    { weight: 1, arbitrary: fc.constant({ type: form }) },
  )
}

/**
 * Fields from `values` (each present most of the time, now and then repeated), plus now and then
 * a name the form does not have.
 */
export function fieldsOf(values: Record<string, fc.Arbitrary<string>>): fc.Arbitrary<Fields> {
  const model = Object.fromEntries(
    Object.entries(values).map(([name, v]) => [
      name,
      fc.option(
        fc.oneof({ weight: 8, arbitrary: v.map((x) => [x]) }, { weight: 1, arbitrary: fc.array(v, { maxLength: 3 }) }),
        { freq: 8, nil: undefined },
      ),
    ]),
  )
  const otherName = fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor', 'token[]', 'a.b'))
  const other = fc.tuple(otherName, fc.array(anyText, { minLength: 1, maxLength: 2 }))
  return fc
    .tuple(fc.record(model), fc.array(other, { maxLength: 2 }))
    .map(([known, extra]) => {
      // No prototype: a generated `__proto__` stays a field name.
      const out: Fields = Object.create(null)
      for (const [k, v] of [...Object.entries(known), ...extra]) {
        if (v !== undefined) out[k] = [...(out[k] ?? []), ...v]
      }
      return out
    })
}

/** The client's address: usually one of many, sometimes one shared address (which hits limits). */
export const source: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.ipV4() },
  { weight: 1, arbitrary: fc.constant('203.0.113.250') },
  { weight: 1, arbitrary: fc.constant(undefined) },
)

/** Headers a visitor or a tool may send (each now and then): language, accept, origin, fetch metadata. */
export const visitorHeaders: fc.Arbitrary<Record<string, string>> = fc
  .record({
    'accept-language': fc.oneof(fc.constantFrom('es', 'fr', 'en', 'es-MX,es;q=0.9', 'fr-CI', '*', 'xx', ''), headerText),
    accept: fc.constantFrom('application/json', 'text/html', '*/*', 'text/xml'),
    origin: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom('null', 'http://localhost', 'http://localhost:8787') },
      { weight: 1, arbitrary: fc.oneof(fc.constantFrom('https://evil.example', 'not a url'), headerText) },
    ),
    'sec-fetch-site': fc.constantFrom('same-origin', 'same-origin', 'same-origin', 'none', 'cross-site', 'same-site'),
  })
  .chain((all) =>
    fc
      .subarray(Object.keys(all) as (keyof typeof all)[], { maxLength: 2 })
      .map((keys) => Object.fromEntries(keys.map((k) => [k, all[k]]))),
  )

/** A query string, sometimes. */
export const query = fc.option(fc.webQueryParameters().map((q) => `?${q}`), { freq: 5, nil: '' })

/** The fetch init of a POST with this body, headers and client address. */
export function postInit(raw: Raw, headers: Record<string, string>, from: string | undefined): RequestInit {
  const h: Record<string, string> = { ...headers }
  if (raw.type !== undefined) h['content-type'] = raw.type
  if (from !== undefined) h[SOURCE_HEADER] = from
  return { method: 'POST', headers: h, ...(raw.body !== undefined ? { body: raw.body as BodyInit } : {}) }
}

/** Values a report field may take: mostly plausible, sometimes anything. */
export function reportFieldValues(countries: readonly string[], sectors: readonly string[], rights: readonly string[]) {
  const plausible = (xs: readonly string[]) =>
    fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...xs) }, { weight: 1, arbitrary: anyText })
  return {
    country: plausible([...countries, 'mx', ' MX ', 'ZZ']),
    sector: plausible([...sectors, '']),
    employer: plausible(['Autopartes del Bajío', 'Cacao Ouest SARL', 'Rancho Don Chuy, tel 871 555 0133', '']),
    facility: plausible(['Planta 2', 'Nave 3', '']),
    location: plausible(['Silao', 'Soubré', 'Torreón, Coahuila', '']),
    description: plausible([
      'Despidieron a 12 compañeros por apoyar al sindicato independiente.',
      'On ne nous paie pas les heures supplémentaires. Appelez-moi au 07 08 09 10 11.',
      'They lock the doors during the night shift.',
    ]),
    rights: plausible(rights),
    occurredOn: plausible(['2026-03', 'marzo 2026', 'last_week', '']),
    workersAffected: plausible(['12', '1 200', '0', '-3', '1000001', 'doce']),
    retaliationFeared: plausible(['yes', 'no', '']),
    authoritiesNotified: plausible(['yes', 'no', '']),
    contactName: plausible(['María López', '']),
    contactPhone: plausible(['+52 477 555 0123', '12', '']),
    contactEmail: plausible(['maria@example.org', 'not-an-email', '']),
    consentToContact: plausible(['yes', 'no']),
  }
}
