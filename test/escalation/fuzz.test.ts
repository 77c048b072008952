/**
 * Fuzz (small, local): random and malformed bodies to the escalation API never answer 500, and
 * every refusal carries a translated message. FUZZ_RUNS scales it like the main fuzz suite.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { KINDS, STAGES } from '../../src/escalation/forums.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { api } from '../console/setup.js'
import { fileFor, ORGS, world, type World } from './helpers.js'

const RUNS = Math.max(20, Math.ceil((Number(process.env.FUZZ_RUNS) || 10_000) / 50))

describe('escalation API fuzz', () => {
  let rt: TestRuntime
  let w: World
  let ref: string
  let id: string
  beforeAll(async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.65' })
    w = await world(rt)
    ref = (await fileFor(rt, w.ngo, { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'] })).reference
    id = ((await (await api(rt, 'POST', '/api/v1/escalations', w.admin.token, { kind: 'usmca-rrm', caseRefs: [ref], org: ORGS.union })).json()) as { id: string }).id
  })
  afterAll(() => rt.close())

  const value = fc.oneof(fc.string(), fc.anything(), fc.constantFrom(...KINDS, ...STAGES, '2026-11-25', '2026-02-30', ''))
  const body = (keys: string[]) =>
    fc.oneof(
      fc.dictionary(fc.constantFrom(...keys, '__proto__', 'x'), value),
      fc.anything(),
      fc.record({ kind: fc.constantFrom(...KINDS), caseRefs: fc.array(fc.oneof(fc.constant('REF'), fc.string())), details: fc.anything() }),
    )

  const check = async (path: string, b: unknown) => {
    const res = await rt.app.request(path, {
      method: 'POST',
      headers: { authorization: `Bearer ${w.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(b) ?? 'null',
    })
    expect([200, 201, 400, 404, 409]).toContain(res.status)
    if (res.status >= 400) {
      const e = ((await res.json()) as { error: { message: string; fields?: Record<string, string> } }).error
      expect(e.message.length).toBeGreaterThan(0)
      for (const m of Object.values(e.fields ?? {})) expect(m).not.toMatch(/^console:|^common:/)
    }
  }

  it('drafting, masking and tracking with random bodies: no 500, messages translated', async () => {
    await fc.assert(
      fc.asyncProperty(body(['kind', 'caseRefs', 'facilityId', 'org', 'details']), async (b) => check('/api/v1/escalations', b)),
      { numRuns: RUNS },
    )
    await fc.assert(fc.asyncProperty(body(['text', 'kind']), async (b) => check(`/api/v1/escalations/${id}/masks`, b)), { numRuns: RUNS })
    await fc.assert(fc.asyncProperty(body(['stage', 'on', 'outcome']), async (b) => check(`/api/v1/escalations/${id}/stages`, b)), { numRuns: RUNS })
  }, 300_000)
})
