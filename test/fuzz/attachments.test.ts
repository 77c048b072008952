/**
 * Fuzz: the evidence upload routes (issue 21): POST /api/v1/follow-up/attachments (receipt),
 * POST /api/v1/cases/:id/attachments (staff token), and the multipart web forms
 * /{lang}/report and /{lang}/follow-up/attachments. Files are random bytes, accepted files cut
 * at any point or with bytes flipped, magic bytes followed by junk, or the real fixtures, under
 * any name, zero to five at a time; bodies are also every malformed body of arbitraries.ts.
 * Besides the harness's checks (no 5xx, a refusal writes nothing), a refusal stores no object in
 * the evidence folder. A pure property checks that whatever the strippers accept comes out with
 * nothing left to strip and none of the fixtures' tags.
 */
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueToken } from '../../src/channels/web/csrf.js'
import { stripMetadata } from '../../src/evidence/strip.js'
import { addStaff, issueApiToken, parseScope } from '../../src/staff/accounts.js'
import { fixture, SECRETS } from '../evidence/helpers.js'
import { anyText, formBody, postInit, source, visitorHeaders, type Raw } from './arbitraries.js'
import { assertSent, expectAllSent, FUZZ_TOTAL, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'

const FIXTURES = ['photo-gps.jpg', 'photo.png', 'maria-lopez-garcia.pdf', 'voice-note.wav'].map(fixture)
const enc = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0))
const MAGIC = [
  [0xff, 0xd8, 0xff, 0xe1],
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  enc('RIFF\x10\x00\x00\x00WEBPVP8X'),
  enc('RIFF\x10\x00\x00\x00WAVEfmt '),
  enc('%PDF-1.7\n'),
  enc('OggS\x00\x02'),
  enc('ID3\x03\x00\x00\x00\x00\x00\x10'),
  [0xff, 0xfb, 0x90, 0x00],
  enc('\x00\x00\x00\x18ftypM4A '),
].map((m) => Uint8Array.from(m))
const join2 = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length)
  out.set(a)
  out.set(b, a.length)
  return out
}

/** One file's bytes: junk, a real file cut or damaged, magic bytes and junk, or a real file. */
const fileBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 2048 }) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...FIXTURES), fc.nat()).map(([f, n]) => f.subarray(0, n % f.length)) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom(...FIXTURES), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 }))
      .map(([f, flips]) => {
        const c = f.slice()
        for (const [i, x] of flips) c[i % c.length] = c[i % c.length]! ^ x
        return c
      }),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 512 })).map(([m, r]) => join2(m, r)) },
  { weight: 1, arbitrary: fc.constantFrom(...FIXTURES) },
)

const fileName = fc.oneof(fc.constantFrom('Maria_Lopez_Garcia.jpg', '../../etc/passwd', 'nómina.pdf', 'a\r\nb.wav', ''), anyText)
const files = fc.array(fc.tuple(fileBytes, fileName), { maxLength: 5 })

/** A multipart body with these text fields and files (as a browser sends it). */
function upload(fields: Record<string, string | undefined>, fs: [Uint8Array, string][]): Raw {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) body.append(k, v)
  for (const [bytes, name] of fs) body.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name || 'x'))
  return { body }
}

/** Mostly well-formed uploads, sometimes any other body a client may send. */
const uploadOr = (ok: fc.Arbitrary<Raw>) =>
  fc.oneof({ weight: 6, arbitrary: ok }, { weight: 1, arbitrary: formBody(fc.constant({ receipt: ['1'] }), 8 * 1024) })

const API = { refusal: 'json' } as const
const COUNTED = {
  rate_limits: 'wrong receipts and files over the hourly limit count against the source: the count is the refusal',
}

describe('fuzz: evidence uploads', () => {
  let fuzz: Fuzz
  let receipts: string[]
  let caseIds: string[]
  let token: string
  const objects = () => {
    try {
      return readdirSync(join(fuzz.rt.dir, 'evidence')).length
    } catch {
      return 0
    }
  }
  /** The harness's send, plus: a refusal leaves no object in the evidence folder. */
  async function send(p: Property, path: string, init: RequestInit, check: Parameters<Fuzz['send']>[3]) {
    const before = objects()
    const answer = await fuzz.send(p, path, init, check)
    // A web follow-up upload that worked answers 303 to its case page (redirect after POST).
    const done = answer.status === 303 && /^\/(en|es|fr)\/follow-up\/case\?done=attached/.test(answer.headers.get('location') ?? '')
    if ((answer.status < 200 || answer.status > 299) && !done) expect(objects(), `${path} → ${answer.status} stored an object`).toBe(before)
    return answer
  }

  beforeAll(async () => {
    fuzz = await startFuzz()
    receipts = []
    for (let i = 0; i < 6; i++) {
      const res = await fuzz.rt.app.request('/api/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fuzz-source': `192.0.2.${i}` },
        body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Planta', description: 'No pagan.' }),
      })
      expect(res.status).toBe(201)
      receipts.push(((await res.json()) as { receipt: string }).receipt)
    }
    caseIds = (await fuzz.rt.deps.sql.all<{ id: string }>('SELECT id FROM cases')).map((r) => r.id)
    const staffId = await addStaff(fuzz.rt.deps, { email: 'monitor@example.org', role: 'monitor', scopes: [parseScope('right:*@MX')] })
    token = await issueApiToken(fuzz.rt.deps, staffId, 'fuzz')
  })
  afterAll(() => {
    console.log(fuzz.summary('evidence uploads'))
    fuzz.close()
  })

  const p1: Property = 'api.follow-up.attachments'
  it('POST /api/v1/follow-up/attachments', { timeout: timeoutFor(p1) }, async () => {
    const receipt = fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...receiptsList()) },
      { weight: 2, arbitrary: fc.stringMatching(/^\d{16}$/) },
      { weight: 1, arbitrary: anyText },
      { weight: 1, arbitrary: fc.constant(undefined) },
    )
    const body = uploadOr(fc.tuple(receipt, fc.constantFrom('es', 'fr', 'en', 'xx', undefined), files).map(([r, l, fs]) => upload({ receipt: r, language: l }, fs)))
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(body, visitorHeaders, source, async (raw, headers, from) => {
        await send(p1, '/api/v1/follow-up/attachments', postInit(raw, headers, from), { ...API, refusalWrites: COUNTED })
      }),
    )
  })
  const receiptsList = () => receipts

  const p2: Property = 'api.cases.attachments'
  it('POST /api/v1/cases/:id/attachments', { timeout: timeoutFor(p2) }, async () => {
    const auth = fc.oneof(
      { weight: 5, arbitrary: fc.constant(() => `Bearer ${token}`) },
      { weight: 1, arbitrary: fc.constantFrom(() => 'Bearer hl_wrong', () => '', () => 'Basic x') },
    )
    const id = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...caseIdsList()) }, { weight: 1, arbitrary: fc.constantFrom('nope', '%2e%2e', 'x'.repeat(200)) })
    const body = uploadOr(files.map((fs) => upload({}, fs)))
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(auth, id, body, async (a, caseId, raw) => {
        const headers: Record<string, string> = a() ? { authorization: a() } : {}
        await send(p2, `/api/v1/cases/${encodeURIComponent(caseId)}/attachments`, postInit(raw, headers, undefined), { ...API, refusalWrites: COUNTED })
      }),
    )
  })
  const caseIdsList = () => (caseIds.length > 0 ? caseIds : ['none'])

  const p3: Property = 'web.attachments'
  it('POST /{lang}/report and /{lang}/follow-up/attachments with files', { timeout: timeoutFor(p3) }, async () => {
    const report = {
      country: 'MX', employer: 'Autopartes del Bajío', occurredOn: 'earlier',
      description: 'Despidieron a 12 compañeros por apoyar al sindicato independiente.',
    }
    const web = fc.tuple(fc.boolean(), fc.constantFrom('es', 'fr', 'en'), fc.constantFrom(...receiptsList()), files, fc.boolean())
    await assertSent(
      fuzz,
      p3,
      fc.asyncProperty(web, visitorHeaders, source, async ([toReport, lang, receipt, fs, withToken], headers, from) => {
        const form = toReport ? 'report' : 'attach'
        const t = withToken ? issueToken(fuzz.rt.deps, form) : undefined
        const raw = toReport ? upload({ ...report, token: t }, fs) : upload({ receipt, token: t }, fs)
        const path = toReport ? `/${lang}/report` : `/${lang}/follow-up/attachments`
        await send(p3, path, postInit(raw, headers, from), { refusal: 'page', refusalWrites: COUNTED })
      }),
    )
  })

  it('whatever the strippers accept has nothing left to strip', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const once = await stripMetadata(bytes)
        if (!once.ok) return
        // The fixtures' tags (device, author, name, software) never survive, whatever was damaged.
        const out = Buffer.from(once.file.bytes)
        expect(SECRETS.filter((x) => out.includes(Buffer.from(x)))).toEqual([])
        const twice = await stripMetadata(once.file.bytes)
        expect(twice.ok).toBe(true)
        if (!twice.ok) return
        if (once.file.mime === 'application/pdf') {
          expect(Buffer.from(twice.file.bytes).toString('latin1')).not.toMatch(/\/Info|\/Metadata|\/Author/)
        } else {
          expect(Buffer.from(twice.file.bytes).equals(Buffer.from(once.file.bytes))).toBe(true)
        }
      }),
      { numRuns: Math.max(50, Math.ceil(FUZZ_TOTAL / 10)) },
    )
  })

  it('sent every property its share', () => {
    expectAllSent(fuzz, [p1, p2, p3])
  })
})
