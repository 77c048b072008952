/**
 * Fuzz: the reporter's web forms (POST /{lang}/report, /{lang}/follow-up, /{lang}/follow-up/reply,
 * the consent forms /{lang}/follow-up/withdraw and /{lang}/follow-up/consent)
 * with the signed form tokens the pages use (fresh, reused, for another form, expired, tampered,
 * random, missing), random and malformed fields, foreign origins, and every body problem of
 * arbitraries.ts. See harness.ts for what every request is checked for.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { RIGHTS } from '../../src/catalog/schema.js'
import { issueToken, TOKEN_TTL_MS, type FormKind } from '../../src/channels/web/csrf.js'
import { intakeVocabulary } from '../../src/intake/vocabulary.js'
import {
  anyText,
  fieldsOf,
  formBody,
  postInit,
  query,
  reportFieldValues,
  source,
  visitorHeaders,
  type Fields,
  type Raw,
} from './arbitraries.js'
import { expectAllSent, assertSent, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'

const vocab = intakeVocabulary(getCatalog())
const reportFields = reportFieldValues([...vocab.countries], [...vocab.sectors], RIGHTS)

/** What token a generated form carries; made against the runtime when the request is sent. */
const TOKEN_KINDS = [
  ...['fresh', 'fresh', 'fresh', 'fresh', 'fresh', 'fresh'],
  ...['reused', 'other-form', 'expired', 'too-far', 'tampered', 'random', 'missing'],
] as const
type TokenKind = (typeof TOKEN_KINDS)[number]

/** Mostly the language prefixes the site has; now and then one it has not. */
const lang = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('es', 'fr', 'en') },
  { weight: 1, arbitrary: fc.constantFrom('de', 'ES', 'xx') },
)

/** A page refusal is a page (or JSON, when asked for); the web report form refuses nothing else. */
const FILING = {
  rate_limits: 'a report refused for its source being over the hourly limit (429) counts that try',
}
/** Wrong receipts are counted per source: the counter is what limits guessing. */
const RECEIPTS = {
  rate_limits: 'each wrong receipt counts against the source (10 an hour): the count is the refusal',
}

describe('fuzz: reporter web forms', () => {
  let fuzz: Fuzz
  let receipts: string[]
  const reused: Partial<Record<FormKind, string[]>> = {}

  /** A token of this kind for `form`, signed by the runtime as the page would. */
  function token(form: FormKind, kind: TokenKind, pick: number, garbage: string): string | undefined {
    const { rt } = fuzz
    const at = (shift: number) => {
      rt.clock.advance(shift)
      try {
        return issueToken(rt.deps, form)
      } finally {
        rt.clock.advance(-shift)
      }
    }
    switch (kind) {
      case 'fresh':
        return issueToken(rt.deps, form)
      case 'reused': {
        const pool = (reused[form] ??= [0, 1, 2].map(() => issueToken(rt.deps, form)))
        return pool[pick % pool.length]
      }
      case 'other-form':
        return issueToken(rt.deps, form === 'report' ? 'reply' : 'report')
      case 'expired':
        return at(-(TOKEN_TTL_MS + 60_000))
      case 'too-far':
        return at(2 * TOKEN_TTL_MS)
      case 'tampered': {
        const t = issueToken(rt.deps, form)
        const i = pick % t.length
        return t.slice(0, i) + (t[i] === 'a' ? 'b' : 'a') + t.slice(i + 1)
      }
      case 'random':
        return garbage
      case 'missing':
        return undefined
    }
  }

  /**
   * The generated fields with a token of a generated kind, signed by the runtime when the value
   * is generated (just before its request), as a page would have.
   */
  const withToken = (form: FormKind, fields: fc.Arbitrary<Fields>) =>
    fc.tuple(fields, fc.constantFrom(...TOKEN_KINDS), fc.nat(), anyText).map(([f, kind, pick, garbage]) => {
      const t = token(form, kind, pick, garbage)
      const out: Fields = Object.assign(Object.create(null), f)
      if (t !== undefined) out.token = [t, ...(pick % 10 === 0 ? [garbage] : [])]
      return out
    })

  beforeAll(async () => {
    fuzz = await startFuzz()
    receipts = []
    for (const l of ['es', 'fr', 'en']) {
      const res = await fuzz.rt.app.request('/api/v1/reports', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-fuzz-source': `192.0.2.${receipts.length}` },
        body: JSON.stringify({ language: l, country: 'CI', employer: 'Coopérative', description: 'On ne nous paie pas.' }),
      })
      expect(res.status).toBe(201)
      receipts.push(((await res.json()) as { receipt: string }).receipt)
    }
  })
  afterAll(() => {
    console.log(fuzz.summary('web forms'))
    fuzz.close()
  })

  const receipt = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...receipts, ...receipts.map((r) => r.replace(/ /g, ''))) },
      { weight: 3, arbitrary: fc.stringMatching(/^\d{4} \d{4} \d{4} \d{4}$/) },
      { weight: 2, arbitrary: anyText },
    )

  const send = (
    p: Property,
    path: string,
    raw: Raw,
    headers: Record<string, string>,
    from: string | undefined,
    refusalWrites: Record<string, string>,
  ) => fuzz.send(p, path, postInit(raw, headers, from), { refusal: 'page', refusalWrites })

  /** A report form as the page sends it, or nearly (one field from anywhere). */
  const validReport = fc
    .record({
      country: fc.constantFrom(...vocab.countries),
      sector: fc.constantFrom(...vocab.sectors, ''),
      employer: reportFields.employer.filter((s) => s.trim() !== '' && s.length <= 200),
      description: fc.oneof(reportFields.description, anyText).filter((s) => s.trim() !== '' && s.length <= 25_000),
      rights: fc.subarray([...RIGHTS]),
      workersAffected: fc.constantFrom('', '12', '1 200'),
      retaliationFeared: fc.constantFrom('yes', 'no', ''),
      contactPhone: fc.constantFrom('', '+52 477 555 0123'),
      consentToContact: fc.constant('yes'),
    })
    .map(({ rights, ...one }) => {
      const out: Fields = Object.create(null)
      for (const [k, v] of Object.entries(one)) out[k] = [v]
      out.rights = rights
      return out
    })
  const reportForm = fc.oneof({ weight: 3, arbitrary: validReport }, { weight: 2, arbitrary: fieldsOf(reportFields) })

  const p1: Property = 'web.report'
  it('POST /{lang}/report', { timeout: timeoutFor(p1) }, async () => {
    const body = formBody(withToken('report', reportForm), 256 * 1024)
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(lang, query, body, visitorHeaders, source, async (l, q, raw, headers, from) => {
        await send(p1, `/${l}/report${q}`, raw, headers, from, FILING)
      }),
    )
  })

  const p2: Property = 'web.follow-up'
  it('POST /{lang}/follow-up', { timeout: timeoutFor(p2) }, async () => {
    const body = formBody(withToken('follow-up', fieldsOf({ receipt: receipt() })), 8 * 1024)
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(lang, body, visitorHeaders, source, async (l, raw, headers, from) => {
        await send(p2, `/${l}/follow-up`, raw, headers, from, RECEIPTS)
      }),
    )
  })

  const p3: Property = 'web.follow-up.reply'
  it('POST /{lang}/follow-up/reply', { timeout: timeoutFor(p3) }, async () => {
    const body = formBody(withToken('reply', fieldsOf({ receipt: receipt(), body: anyText })), 64 * 1024)
    await assertSent(
      fuzz,
      p3,
      fc.asyncProperty(lang, body, visitorHeaders, source, async (l, raw, headers, from) => {
        await send(p3, `/${l}/follow-up/reply`, raw, headers, from, RECEIPTS)
      }),
    )
  })

  const p4: Property = 'web.follow-up.consent'
  it('POST /{lang}/follow-up/withdraw and /{lang}/follow-up/consent', { timeout: timeoutFor(p4) }, async () => {
    const answer = fc.oneof(fc.constantFrom('yes', 'no'), anyText)
    const body = formBody(withToken('withdraw', fieldsOf({ receipt: receipt(), answer })), 8 * 1024)
    const path = fc.constantFrom('withdraw', 'consent')
    await assertSent(
      fuzz,
      p4,
      fc.asyncProperty(lang, path, body, visitorHeaders, source, async (l, which, raw, headers, from) => {
        await send(p4, `/${l}/follow-up/${which}`, raw, headers, from, RECEIPTS)
      }),
    )
  })

  it('sent every generated request and still answers /health', async () => {
    await fuzz.health()
    expectAllSent(fuzz, [p1, p2, p3, p4])
  })
})
