/**
 * Fuzz: the staff routes added with facilities, escalations, statistics, the daily-work pages and
 * staff management, through the same harness as the reporter's routes (harness.ts: never a 5xx, a
 * refusal is readable and writes nothing).
 * - `staff.api`: generated JSON bodies to every staff JSON write route, with a real bearer token;
 * - `staff.forms`: generated form bodies to every console form route, with a real session and,
 *   most of the time, its CSRF token;
 * - `staff.queries`: generated query strings on every staff and public read route.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, it } from 'vitest'
import { anyText, fieldsOf, formBody, jsonBody, postInit, query, source } from './arbitraries.js'
import { assertSent, expectAllSent, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'
import { api, insertCase, login, makeStaff, type Session, type TestCase, type TestStaff } from '../console/setup.js'

/**
 * What a refused staff write may still write, and why: nothing. Staff refusals are validation,
 * authority or CSRF errors, decided before any write.
 */
const JSON_REFUSAL = { refusal: 'json' } as const
/** A console form that worked answers 303 back to its page, without `error=` (pages.tsx). */
const PAGE_REFUSAL = {
  refusal: 'page',
  accepted: (res: Response) => {
    const to = res.headers.get('location') ?? ''
    return res.status === 303 && !/[?&]error=/.test(to) && !to.startsWith('/console/login')
  },
} as const

/** A field value: mostly plausible, often anything. */
const value = (...plausible: string[]) => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...plausible) }, { weight: 1, arbitrary: anyText })
const anyJson = fc.oneof(anyText, fc.integer(), fc.boolean(), fc.constant(null), fc.array(anyText, { maxLength: 3 }), fc.anything())

describe('fuzz: staff routes', () => {
  let fuzz: Fuzz
  let admin: TestStaff
  let ngo: TestStaff
  let session: Session
  let kase: TestCase
  let facilityId: string
  let escalationId: string

  beforeAll(async () => {
    fuzz = await startFuzz()
    const rt = fuzz.rt
    admin = await makeStaff(rt, 'admin', 'admin@fuzz.example')
    ngo = await makeStaff(rt, 'ngo', 'ngo@fuzz.example', { org: 'Fuzz Partner' })
    session = await login(rt, admin)
    kase = await insertCase(rt)
    const made = await api(rt, 'POST', '/api/v1/facilities', admin.token, { code: 'fuzz-plant', name: 'Planta Fuzz', country: 'MX', sector: 'auto_parts' })
    facilityId = ((await made.json()) as { facility: { id: string } }).facility.id
    const drafted = await api(rt, 'POST', '/api/v1/escalations', admin.token, { kind: 'usmca-rrm', caseRefs: [kase.reference] })
    escalationId = ((await drafted.json()) as { id: string }).id
  })
  afterAll(() => {
    console.log(fuzz.summary('staff routes'))
    fuzz.close()
  })

  const p1: Property = 'staff.api'
  it('JSON writes: facilities, case facility, escalations, case edits, NGO reports', { timeout: timeoutFor(p1) }, async () => {
    const facility = fc.record({
      code: value('mx-planta-norte', 'fuzz-plant'),
      name: value('Planta Norte', 'Usine de Soubré'),
      country: value('MX', 'CI', 'US', 'XX'),
      sector: value('auto_parts', 'cocoa', 'agriculture'),
      covered: fc.oneof(fc.boolean(), anyJson),
      aliases: fc.oneof(fc.array(anyText, { maxLength: 3 }), anyJson),
    }, { requiredKeys: [] })
    const routes: [string, string, () => string, fc.Arbitrary<unknown>, () => TestStaff][] = [
      ['POST', 'facilities', () => '/api/v1/facilities', facility, () => admin],
      ['PATCH', 'facility', () => `/api/v1/facilities/${facilityId}`, facility, () => admin],
      ['POST', 'case facility', () => `/api/v1/cases/${kase.id}/facility`, fc.record({ facilityId: fc.oneof(fc.constant(facilityId), anyJson), action: value('confirm', 'reject', 'set') }, { requiredKeys: [] }), () => admin],
      ['POST', 'escalation', () => '/api/v1/escalations', fc.record({ kind: value('usmca-rrm', 'us-dol', 'eu-sep'), caseRefs: fc.oneof(fc.constant([kase.reference]), anyJson), facilityId: anyJson, org: anyJson, details: anyJson }, { requiredKeys: [] }), () => admin],
      ['POST', 'masks', () => `/api/v1/escalations/${escalationId}/masks`, fc.record({ text: anyText, kind: value('name', 'phone', 'id', 'other') }, { requiredKeys: [] }), () => admin],
      ['POST', 'stages', () => `/api/v1/escalations/${escalationId}/stages`, fc.record({ stage: value('filed', 'accepted', 'closed'), on: value('2026-11-02', '2026-02-30', 'yesterday'), outcome: anyJson }, { requiredKeys: [] }), () => admin],
      ['POST', 'dismissal', () => '/api/v1/escalations/dismissal', fc.record({ case: fc.oneof(fc.constant(kase.reference), anyText), on: value('2026-11-02', '2026-13-01') }, { requiredKeys: [] }), () => admin],
      ['PATCH', 'case', () => `/api/v1/cases/${kase.id}`, fc.record({ status: value('triaging', 'open', 'closed', 'nope'), note: anyText, assignedTo: anyJson, commitments: anyJson }, { requiredKeys: [] }), () => admin],
      ['POST', 'question', () => `/api/v1/cases/${kase.id}/messages`, fc.record({ body: anyText }, { requiredKeys: [] }), () => admin],
      ['POST', 'ngo report', () => '/api/v1/ngo/reports', fc.record({ language: value('es', 'fr', 'xx'), country: value('MX', 'CI'), employer: anyText, description: anyText, consent: anyJson }, { requiredKeys: [] }), () => ngo],
    ]
    const call = fc.integer({ min: 0, max: routes.length - 1 }).chain((i) =>
      fc.tuple(fc.constant(i), jsonBody(routes[i]![3], 64 * 1024), source),
    )
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(call, async ([i, raw, from]) => {
        const [method, , path, , who] = routes[i]!
        const init = postInit(raw, { authorization: `Bearer ${who().token}`, accept: 'application/json' }, from)
        await fuzz.send(p1, path(), { ...init, method }, JSON_REFUSAL)
      }),
    )
  })

  const p2: Property = 'staff.forms'
  it('console forms: bulk, filters, templates, retention, staff, statistics, facilities, escalations, case actions', { timeout: timeoutFor(p2) }, async () => {
    const csrf = fc.oneof({ weight: 9, arbitrary: fc.constant(session.csrf) }, { weight: 1, arbitrary: anyText })
    const routes: [() => string, Record<string, fc.Arbitrary<string>>][] = [
      [() => '/console/bulk', { ids: fc.oneof(fc.constant(kase.id), anyText), action: value('assign', 'close', 'x'), assignTo: fc.oneof(fc.constant(admin.id), anyText), outcome: value('duplicate', 'resolved'), back: anyText }],
      [() => '/console/filters', { name: anyText, query: value('status=open', 'right=wages', 'status=nope') }],
      [() => '/console/templates', { name: anyText, body_en: anyText, body_es: anyText, body_fr: anyText }],
      [() => '/console/retention', { closedCaseDays: value('365', '0', '-1', 'x'), identityDays: value('90', '100000'), originalDays: value('30') }],
      [() => '/console/staff/add', { email: value('new@fuzz.example', 'admin@fuzz.example', 'not-an-email'), role: value('monitor', 'ngo', 'root'), scopes: value('right:wages@US', 'right:*@*', 'nonsense'), exclusions: anyText, org: anyText }],
      [() => `/console/staff/${admin.id}/scopes`, { scopes: value('right:wages@US', 'bad'), exclusions: anyText, clear: value('1', '0') }],
      [() => '/console/stats/settings', { k: value('5', '2', '3', 'x'), public: value('on', 'off'), lattice: value('month', 'right', 'country', 'nope') }],
      [() => '/console/facilities', { code: value('mx-nueva', 'fuzz-plant'), name: anyText, country: value('MX', 'XX'), sector: value('auto_parts', 'x') }],
      [() => `/console/cases/${kase.id}/facility`, { facilityId: fc.oneof(fc.constant(facilityId), anyText), action: value('confirm', 'reject', 'set') }],
      [() => '/console/escalations', { kind: value('usmca-rrm', 'x'), refs: fc.oneof(fc.constant(kase.reference), anyText), remedy: anyText }],
      [() => '/console/escalations/dismissal', { case: fc.oneof(fc.constant(kase.reference), anyText), on: value('2026-11-02', 'x') }],
      [() => `/console/cases/${kase.id}/status`, { status: value('triaging', 'nope'), outcome: anyText }],
      [() => `/console/cases/${kase.id}/note`, { note: anyText }],
      [() => `/console/cases/${kase.id}/review-request`, { on: value('2026-11-20', '2026-02-31') }],
    ]
    const call = fc.integer({ min: 0, max: routes.length - 1 }).chain((i) =>
      fc.tuple(fc.constant(i), formBody(fieldsOf({ ...routes[i]![1], _csrf: csrf }), 64 * 1024), source),
    )
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(call, async ([i, raw, from]) => {
        await fuzz.send(p2, routes[i]![0](), postInit(raw, { cookie: session.cookie }, from), PAGE_REFUSAL)
      }),
    )
  })

  const p3: Property = 'staff.queries'
  it('reads with generated query strings: queue, statistics, facilities, escalations, transparency', { timeout: timeoutFor(p3) }, async () => {
    const reads: [() => string, 'json' | 'page', boolean][] = [
      [() => '/api/v1/cases', 'json', true],
      [() => '/api/v1/stats', 'json', true],
      [() => '/api/v1/facilities', 'json', true],
      [() => '/api/v1/escalations', 'json', true],
      [() => '/api/v1/escalations/forums', 'json', true],
      [() => `/api/v1/escalations/${escalationId}/export`, 'json', true],
      [() => '/console/queue', 'page', false],
      [() => '/console/stats', 'page', false],
      [() => '/console/facilities', 'page', false],
      [() => '/console/escalations/new', 'page', false],
      [() => '/console/audit', 'page', false],
      [() => '/es/transparency', 'page', false],
      [() => '/fr/transparency/figures.csv', 'any' as 'page', false],
    ]
    const call = fc.tuple(fc.integer({ min: 0, max: reads.length - 1 }), query, source)
    await assertSent(
      fuzz,
      p3,
      fc.asyncProperty(call, async ([i, q, from]) => {
        const [path, refusal, bearer] = reads[i]!
        const headers: Record<string, string> = bearer ? { authorization: `Bearer ${admin.token}` } : { cookie: session.cookie }
        if (from) headers['x-fuzz-source'] = from
        await fuzz.send(p3, `${path()}${q}`, { headers }, { refusal })
      }),
    )
  })

  it('sent every generated request and still answers /health', async () => {
    await fuzz.health()
    expectAllSent(fuzz, [p1, p2, p3])
  })
})
