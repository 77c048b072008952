/**
 * @module test/workers/facilities.test
 * The facility registry on real D1 inside workerd: creating and editing facilities through the
 * registry's store calls (no CSV import), a report through the Worker suggested for the facility
 * it names, confirming it, and the facility's cases by reference.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import type { Actor } from '../../src/cases/scope.js'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config.js'
import { buildDeps } from '../../src/deps.js'
import { caseRefsOfFacility, decideFacility, facilityOfCase } from '../../src/facilities/links.js'
import { createFacility, updateFacility } from '../../src/facilities/registry.js'
import { facilityReport } from '../../src/facilities/report.js'
import { silentLogger } from '../../src/log.js'
import { d1Sql } from '../../src/store/d1.js'

const vars = env as unknown as Record<string, string>
const ADMIN: Actor = { id: 'admin-d1', role: 'admin', email: 'admin@example.org', via: 'token' }

describe('facilities on D1', () => {
  it('registry, intake suggestion through the Worker, confirmation and the facility page', async () => {
    const deps = await buildDeps({ sql: d1Sql(env.DB), config: parseConfig(vars), clock: systemClock, log: silentLogger })
    const f = await createFacility(deps, ADMIN, {
      code: 'mx-d1-silao',
      name: 'GM Silao',
      aliases: ['Complejo Silao'],
      employer: 'General Motors de México, S. de R.L. de C.V.',
      country: 'MX',
      state: 'Guanajuato',
      sector: 'auto_assembly',
      covered: true,
    })
    expect(f).toMatchObject({ code: 'mx-d1-silao', covered: true, prioritySector: true, aliases: ['Complejo Silao'] })
    await updateFacility(deps, ADMIN, f.id, { aliases: ['Complejo Silao', 'Planta GM Silao'] })

    const res = await exports.default.fetch('http://hotline.test/api/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.51.100.77' },
      body: JSON.stringify({
        language: 'es',
        country: 'MX',
        employer: 'PLANTA GM SILAO, S.A. DE C.V.',
        rights: ['freedom_of_association'],
        description: 'En la votación del contrato rompieron las boletas.',
      }),
    })
    expect(res.status).toBe(201)
    const { reference } = (await res.json()) as { reference: string }
    const kase = await env.DB.prepare('SELECT id FROM cases WHERE reference = ?').bind(reference).first<{ id: string }>()
    expect(await facilityOfCase(deps.sql, kase!.id)).toEqual({ facilityId: f.id, state: 'suggested' })
    expect(await caseRefsOfFacility(deps.sql, f.id, { confirmedOnly: true })).toEqual([])

    const links = await decideFacility(deps, ADMIN, kase!.id, 'confirm', f.id)
    expect(links).toMatchObject([{ facilityId: f.id, state: 'confirmed', matchedBy: 'employer' }])
    expect(await caseRefsOfFacility(deps.sql, f.id, { confirmedOnly: true })).toEqual([reference])
    const page = await facilityReport(deps, ADMIN, f.id)
    expect(page.total).toEqual({ inScope: 1, outside: 0 })
    expect(page.rights).toContain('freedom_of_association')
  })
})
