/**
 * Fuzz (fast-check) on the facility API: generated facility bodies, valid or broken field by
 * field, and generated case decisions. Never a 5xx; a refusal is a 4xx with a translated message
 * per field and changes nothing (facilities, their name hashes, links, audit log); an accepted
 * body is stored as checked.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { anyText } from '../fuzz/arbitraries.js'
import { api, consoleRuntime, insertCase, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { loadSample } from './sample.js'

const RUNS = Math.max(50, Math.ceil((Number(process.env.FUZZ_RUNS) || 10_000) / 40))
const catalog = getCatalog()
const value = fc.oneof(anyText, fc.anything(), fc.boolean(), fc.integer(), fc.constant(null))
const validFacility = fc.record(
  {
    code: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}$/),
    name: fc.oneof(fc.constantFrom('Planta Norte', 'Zacarías Benítez e Hijos SA de CV', 'Usine de Soubré'), anyText),
    aliases: fc.array(anyText, { maxLength: 4 }),
    employer: anyText,
    country: fc.constantFrom(...Object.keys(catalog.countries)),
    state: anyText,
    sector: fc.constantFrom(...Object.keys(catalog.sectors)),
    covered: fc.boolean(),
    prioritySector: fc.boolean(),
  },
  { requiredKeys: ['code', 'name', 'country'] },
)
const body = fc.oneof(
  validFacility,
  fc.tuple(validFacility, fc.constantFrom('code', 'name', 'aliases', 'employer', 'country', 'state', 'location', 'sector', 'covered', 'prioritySector', 'owner'), value).map(
    ([f, k, v]) => ({ ...f, [k]: v }),
  ),
  fc.dictionary(anyText, value, { maxKeys: 4 }),
)

describe('fuzz: the facility API', () => {
  let rt: TestRuntime
  let admin: TestStaff
  let ids: Record<string, string>
  let caseId: string
  beforeAll(async () => {
    rt = await consoleRuntime()
    ids = await loadSample(rt)
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    caseId = (await insertCase(rt)).id
  })
  afterAll(() => rt.close())

  const counts = async () =>
    rt.deps.sql.get<Record<string, number>>(
      `SELECT (SELECT COUNT(*) FROM facilities) AS facilities, (SELECT COUNT(*) FROM facility_names) AS names,
        (SELECT COUNT(*) FROM case_facilities) AS links, (SELECT COUNT(*) FROM audit_log) AS audit`,
    )

  it('POST /api/v1/facilities: 201 as checked, or 400 with a message per field and nothing written', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(body, async (b) => {
        const before = await counts()
        const res = await api(rt, 'POST', '/api/v1/facilities', admin.token, b)
        expect(res.status).toBeLessThan(500)
        const json = (await res.json()) as { facility?: { id: string }; error?: { message: string; fields?: Record<string, string> } }
        if (res.status === 201) {
          const row = await rt.deps.sql.get<{ country: string; name: string }>('SELECT country, name FROM facilities WHERE id = ?', json.facility!.id)
          expect(catalog.countries[row!.country]).toBeDefined()
          expect(row!.name.trim().length).toBeGreaterThan(0)
        } else {
          expect([400, 413]).toContain(res.status)
          expect(json.error!.message.length).toBeGreaterThan(0)
          for (const m of Object.values(json.error!.fields ?? {})) expect(m).not.toMatch(/console:|errors\./)
          expect(await counts()).toEqual(before)
        }
      }),
      { numRuns: RUNS },
    )
  })

  it('POST /api/v1/cases/:id/facility: generated decisions never fail the server and a refusal changes nothing', { timeout: 120_000 }, async () => {
    const facility = fc.oneof(fc.constantFrom(...Object.values(ids)), anyText, value)
    const action = fc.oneof(fc.constantFrom('confirm', 'reject', 'set'), anyText, value)
    await fc.assert(
      fc.asyncProperty(facility, action, async (facilityId, act) => {
        const before = await counts()
        const res = await api(rt, 'POST', `/api/v1/cases/${caseId}/facility`, admin.token, { facilityId, action: act })
        expect(res.status).toBeLessThan(500)
        if (res.status !== 200) {
          expect([400, 413]).toContain(res.status)
          expect(await counts()).toEqual(before)
        }
      }),
      { numRuns: RUNS },
    )
  })
})
