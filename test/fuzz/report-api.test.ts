/**
 * Fuzz: the reporter's JSON API (POST /api/v1/reports, /api/v1/follow-up,
 * /api/v1/follow-up/messages) with random and malformed bodies, wrong content types, bytes that
 * are not UTF-8, deep nesting, bodies over the limit, and random, repeated and malformed
 * Idempotency-Keys. See harness.ts for what every request is checked for.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { RIGHTS } from '../../src/catalog/schema.js'
import { intakeVocabulary } from '../../src/intake/vocabulary.js'
import { anyText, headerText, jsonBody, postInit, reportFieldValues, source, visitorHeaders } from './arbitraries.js'
import { expectAllSent, assertSent, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'

const vocab = intakeVocabulary(getCatalog())
const f = reportFieldValues([...vocab.countries], [...vocab.sectors], RIGHTS)

/** A report in the intake shape that should be filed (its free text still random). */
const validReport = fc.record(
  {
    language: fc.constantFrom('es', 'en', 'fr'),
    country: fc.constantFrom(...vocab.countries),
    employer: fc.oneof(f.employer, anyText).filter((s) => s.trim() !== '' && s.length <= 200),
    facility: f.facility.filter((s) => s.length <= 200),
    sector: fc.constantFrom(...vocab.sectors),
    description: fc.oneof(f.description, anyText).filter((s) => s.trim() !== '' && s.length <= 25_000),
    rights: fc.subarray([...RIGHTS]),
    workersAffected: fc.integer({ min: 1, max: 1_000_000 }),
    retaliationFeared: fc.boolean(),
    contact: fc.record(
      { phone: fc.constant('+52 477 555 0123'), email: fc.constant('maria@example.org') },
      { requiredKeys: [] },
    ),
    consentToContact: fc.constant(true),
  },
  { requiredKeys: ['language', 'country', 'employer', 'description', 'consentToContact'] },
)

/** A report as a client might send it: valid, valid but for one field, or anything at all. */
const report: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: validReport },
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        validReport,
        fc.oneof(
          fc.constantFrom('language', 'country', 'employer', 'facility', 'location', 'sector', 'description', 'rights',
            'occurredOn', 'workersAffected', 'retaliationFeared', 'authoritiesNotified', 'contact', 'consentToContact',
            'channel', '__proto__'),
          anyText,
        ),
        fc.option(fc.oneof(anyText, fc.anything(), fc.double()), { freq: 6, nil: undefined }),
      )
      .map(([r, key, value]) => {
        const out: Record<string, unknown> = { ...r }
        if (value === undefined) delete out[key]
        else Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
        return out
      }),
  },
  { weight: 1, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.dictionary(anyText, fc.anything(), { maxKeys: 5 }) },
)

/** A receipt: a real one (in its shapes), a wrong one, or not a receipt at all. */
const receiptOf = (real: string[]) =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.constantFrom(...real.flatMap((r) => [r, r.replace(/ /g, ''), r.replace(/ /g, '-')])),
    },
    { weight: 3, arbitrary: fc.stringMatching(/^\d{16}$/) },
    { weight: 2, arbitrary: anyText },
    { weight: 1, arbitrary: fc.anything() },
  )

/** Idempotency-Keys: a few reused ones, fresh ones, and malformed ones. */
const idempotencyKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('key-1', 'key-2', 'key-3') },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'x'.repeat(129), 'a b', 'clé') },
  { weight: 1, arbitrary: headerText },
)

const API = { refusal: 'json' } as const
/** Why a refused request may write to rate_limits: a try over the limit still counts. */
const FILING = {
  rate_limits: 'a report refused for its source being over the hourly limit (429) counts that try',
}
/** Wrong receipts are counted per source: the counter is what limits guessing. */
const RECEIPTS = {
  rate_limits: 'each wrong receipt counts against the source (10 an hour): the count is the refusal',
}

describe('fuzz: reporter JSON API', () => {
  let fuzz: Fuzz
  let receipts: string[]
  beforeAll(async () => {
    fuzz = await startFuzz()
    receipts = []
    for (const lang of ['es', 'fr', 'en']) {
      const res = await fuzz.rt.app.request('/api/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fuzz-source': `192.0.2.${receipts.length}` },
        body: JSON.stringify({ language: lang, country: 'MX', employer: 'Planta', description: 'No pagan.' }),
      })
      expect(res.status).toBe(201)
      receipts.push(((await res.json()) as { receipt: string }).receipt)
    }
  })
  afterAll(() => {
    console.log(fuzz.summary('reporter API'))
    fuzz.close()
  })


  const p1: Property = 'api.reports'
  it('POST /api/v1/reports', { timeout: timeoutFor(p1) }, async () => {
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(jsonBody(report, 64 * 1024), visitorHeaders, source, async (raw, headers, from) => {
        await fuzz.send(p1, '/api/v1/reports', postInit(raw, headers, from), { ...API, refusalWrites: FILING })
      }),
    )
  })

  const p2: Property = 'api.reports.idempotency'
  it('POST /api/v1/reports with Idempotency-Keys, reused with the same or another body', { timeout: timeoutFor(p2) }, async () => {
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(idempotencyKey, jsonBody(report, 64 * 1024), source, async (key, raw, from) => {
        const init = postInit(raw, { 'idempotency-key': key }, from)
        await fuzz.send(p2, '/api/v1/reports', init, { ...API, refusalWrites: FILING })
      }),
    )
  })

  const p3: Property = 'api.follow-up'
  it('POST /api/v1/follow-up', { timeout: timeoutFor(p3) }, async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          { receipt: receiptOf(receipts), language: fc.constantFrom('es', 'fr', 'en', 'xx') },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.anything() },
    )
    await assertSent(
      fuzz,
      p3,
      fc.asyncProperty(jsonBody(body, 4 * 1024), visitorHeaders, source, async (raw, headers, from) => {
        await fuzz.send(p3, '/api/v1/follow-up', postInit(raw, headers, from), { ...API, refusalWrites: RECEIPTS })
      }),
    )
  })

  const p4: Property = 'api.follow-up.messages'
  it('POST /api/v1/follow-up/messages', { timeout: timeoutFor(p4) }, async () => {
    const body = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            receipt: receiptOf(receipts),
            body: fc.oneof(anyText, fc.anything()),
            language: fc.constantFrom('es', 'fr', 'en'),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.anything() },
    )
    await assertSent(
      fuzz,
      p4,
      fc.asyncProperty(jsonBody(body, 32 * 1024), visitorHeaders, source, async (raw, headers, from) => {
        await fuzz.send(p4, '/api/v1/follow-up/messages', postInit(raw, headers, from), { ...API, refusalWrites: RECEIPTS })
      }),
    )
  })

  it('sent every generated request and still answers /health', async () => {
    await fuzz.health()
    expectAllSent(fuzz, [p1, p2, p3, p4])
  })
})
