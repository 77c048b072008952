/**
 * Facilities in the console and the JSON API: admins create and edit them (a page that works
 * without JavaScript, CSRF as every console form; POST/PATCH /api/v1/facilities); staff who can
 * see a case confirm, reject or set its facility (POST /api/v1/cases/:id/facility and the case
 * page's forms), audited, with the same scope checks as the case itself.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { caseRefsOfFacility, facilityOfCase } from '../../src/facilities/links.js'
import { api, consoleRuntime, insertCase, login, makeStaff, postForm, type TestStaff } from '../console/setup.js'
import { postJson, type TestRuntime } from '../helpers/runtime.js'
import { loadSample } from './sample.js'

describe('facilities: registry and case links', () => {
  let rt: TestRuntime
  let ids: Record<string, string>
  let admin: TestStaff
  let monitor: TestStaff
  let outsider: TestStaff
  let ngo: TestStaff
  beforeEach(async () => {
    rt = await consoleRuntime()
    ids = await loadSample(rt)
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:freedom_of_association@MX'] })
    outsider = await makeStaff(rt, 'monitor', 'other@example.org', { scopes: ['right:wages@US'] })
    ngo = await makeStaff(rt, 'ngo', 'ngo@union.example', { org: 'Sindicato Independiente' })
  })
  afterEach(() => rt.close())

  /** A report through the API naming Tridonex: a case with a suggested link. */
  const tridonexReport = async () => {
    const res = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      employer: 'Tridonex SA de CV',
      rights: ['freedom_of_association'],
      description: 'Despidieron a compañeros por apoyar al sindicato independiente.',
    })
    const { reference } = (await res.json()) as { reference: string }
    return (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases WHERE reference = ?', reference))!.id
  }
  const audits = (action: string) => rt.deps.sql.all<{ actor_id: string; case_id: string; data: string }>('SELECT actor_id, case_id, data FROM audit_log WHERE action = ?', action)

  it('API: everyone on staff lists facilities; only admins create and edit them; bad fields are 400 and change nothing', async () => {
    const list = await api(rt, 'GET', '/api/v1/facilities?country=MX', monitor.token)
    expect(list.status).toBe(200)
    expect(((await list.json()) as { facilities: unknown[] }).facilities).toHaveLength(8)
    const body = { code: 'mx-nueva', name: 'Planta Nueva', country: 'MX', sector: 'auto_parts', covered: true, aliases: ['La Nueva'] }
    expect((await api(rt, 'POST', '/api/v1/facilities', monitor.token, body)).status).toBe(403)
    expect((await api(rt, 'POST', '/api/v1/facilities', ngo.token, body)).status).toBe(403)
    const created = await api(rt, 'POST', '/api/v1/facilities', admin.token, body)
    expect(created.status).toBe(201)
    const { facility } = (await created.json()) as { facility: { id: string; prioritySector: boolean; covered: boolean } }
    expect(facility).toMatchObject({ covered: true, prioritySector: true })

    const before = await rt.deps.sql.all('SELECT * FROM facilities ORDER BY id')
    const bad = await rt.app.request('/api/v1/facilities', {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json', 'accept-language': 'es' },
      body: JSON.stringify({ code: 'mx-nueva', name: 'Otra', country: 'XX', sector: 'agriculture', covered: true }),
    })
    expect(bad.status).toBe(400)
    const err = (await bad.json()) as { error: { fields: Record<string, string> } }
    expect(err.error.fields).toEqual({
      country: 'Elija un país de la lista.',
      covered: 'Una Instalación Cubierta debe estar en un sector prioritario.',
    })
    const taken = await api(rt, 'POST', '/api/v1/facilities', admin.token, { code: 'mx-nueva', name: 'Otra', country: 'MX' })
    expect(((await taken.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ code: 'Another facility already has this code.' })
    const unknown = await api(rt, 'POST', '/api/v1/facilities', admin.token, { ...body, code: 'x', owner: 'y' })
    expect(unknown.status).toBe(400)
    expect(await rt.deps.sql.all('SELECT * FROM facilities ORDER BY id')).toEqual(before)

    const patched = await api(rt, 'PATCH', `/api/v1/facilities/${facility.id}`, admin.token, { state: 'Coahuila', aliases: ['Nueva Coahuila'] })
    expect(patched.status).toBe(200)
    expect(((await patched.json()) as { facility: unknown }).facility).toMatchObject({ state: 'Coahuila', aliases: ['Nueva Coahuila'], name: 'Planta Nueva' })
    expect((await api(rt, 'PATCH', `/api/v1/facilities/${facility.id}`, monitor.token, { state: 'X' })).status).toBe(403)
    expect((await api(rt, 'PATCH', '/api/v1/facilities/nope', admin.token, { state: 'X' })).status).toBe(404)
    const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    expect((await api(rt, 'GET', '/api/v1/facilities', custodian.token)).status).toBe(403)
    expect((await api(rt, 'GET', `/api/v1/facilities/${facility.id}`, custodian.token)).status).toBe(403)
    expect((await audits('facility_create')).map((a) => a.actor_id)).toEqual([admin.id])
    expect((await audits('facility_update')).map((a) => a.actor_id)).toEqual([admin.id])
  })

  it('API: confirm, reject and set, with the case scope, audited, with a timeline event', async () => {
    const caseId = await tridonexReport()
    const tridonex = ids['mx-tridonex-matamoros']!
    const path = `/api/v1/cases/${caseId}/facility`
    // Out of scope, or not this NGO's case: 404, like a case that does not exist.
    expect((await api(rt, 'POST', path, outsider.token, { facilityId: tridonex, action: 'confirm' })).status).toBe(404)
    expect((await api(rt, 'POST', path, ngo.token, { facilityId: tridonex, action: 'confirm' })).status).toBe(404)
    expect((await api(rt, 'GET', path, outsider.token)).status).toBe(404)
    const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    expect((await api(rt, 'POST', path, custodian.token, { facilityId: tridonex, action: 'confirm' })).status).toBe(403)
    // Bad requests change nothing.
    expect((await api(rt, 'POST', path, monitor.token, { facilityId: tridonex, action: 'merge' })).status).toBe(400)
    expect((await api(rt, 'POST', path, monitor.token, { facilityId: 'nope', action: 'set' })).status).toBe(400)
    expect((await api(rt, 'POST', path, monitor.token, { facilityId: ids['mx-gm-silao'], action: 'confirm' })).status).toBe(400)
    expect(await facilityOfCase(rt.deps.sql, caseId)).toEqual({ facilityId: tridonex, state: 'suggested' })
    expect(await audits('case_facility')).toEqual([])

    const confirmed = await api(rt, 'POST', path, monitor.token, { facilityId: tridonex, action: 'confirm' })
    expect(confirmed.status).toBe(200)
    expect(((await confirmed.json()) as { links: { state: string }[] }).links).toMatchObject([{ facilityId: tridonex, state: 'confirmed', matchedBy: 'employer' }])
    expect(await caseRefsOfFacility(rt.deps.sql, tridonex, { confirmedOnly: true })).toHaveLength(1)
    expect((await rt.deps.sql.get<{ facility_id: string }>('SELECT facility_id FROM cases WHERE id = ?', caseId))!.facility_id).toBe(tridonex)
    // The queue filters by the confirmed facility.
    const queue = await api(rt, 'GET', `/api/v1/cases?facility=${tridonex}`, monitor.token)
    expect(((await queue.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)).toEqual([caseId])

    // Correct it: set another facility by hand; the first becomes rejected.
    const silao = ids['mx-gm-silao']!
    const set = await api(rt, 'POST', path, monitor.token, { facilityId: silao, action: 'set' })
    expect(((await set.json()) as { links: unknown[] }).links).toMatchObject([
      { facilityId: silao, state: 'confirmed', matchedBy: 'hand' },
      { facilityId: tridonex, state: 'rejected' },
    ])
    expect(await facilityOfCase(rt.deps.sql, caseId)).toEqual({ facilityId: silao, state: 'confirmed' })
    expect(await caseRefsOfFacility(rt.deps.sql, tridonex, { confirmedOnly: false })).toEqual([])

    const rejected = await api(rt, 'POST', path, monitor.token, { facilityId: silao, action: 'reject' })
    expect(rejected.status).toBe(200)
    expect(await facilityOfCase(rt.deps.sql, caseId)).toBeUndefined()
    expect((await rt.deps.sql.get<{ facility_id: string | null }>('SELECT facility_id FROM cases WHERE id = ?', caseId))!.facility_id).toBeNull()
    expect((await api(rt, 'POST', path, monitor.token, { facilityId: silao, action: 'reject' })).status).toBe(400)

    const trail = await audits('case_facility')
    expect(trail.map((a) => [a.actor_id, a.case_id, JSON.parse(a.data).action])).toEqual([
      [monitor.id, caseId, 'confirm'],
      [monitor.id, caseId, 'set'],
      [monitor.id, caseId, 'reject'],
    ])
    const events = await rt.deps.sql.all<{ kind: string }>("SELECT kind FROM case_events WHERE case_id = ? AND kind = 'facility'", caseId)
    expect(events).toHaveLength(3)
  })

  it('an NGO groups the reports it filed under one facility by hand', async () => {
    const a = await insertCase(rt, { filedBy: ngo.id, employer: 'Planta norte' })
    const b = await insertCase(rt, { filedBy: ngo.id, employer: 'La planta de frenos' })
    const tridonex = ids['mx-tridonex-matamoros']!
    for (const c of [a, b]) {
      const res = await api(rt, 'POST', `/api/v1/cases/${c.id}/facility`, ngo.token, { facilityId: tridonex, action: 'set' })
      expect(res.status).toBe(200)
    }
    expect(await caseRefsOfFacility(rt.deps.sql, tridonex, { confirmedOnly: true })).toEqual([a.reference, b.reference])
  })

  it('pages: a monitor confirms on the case page (CSRF checked); an admin adds and edits a facility by form', async () => {
    const caseId = await tridonexReport()
    const tridonex = ids['mx-tridonex-matamoros']!
    const s = await login(rt, monitor)
    const page = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: s.cookie } })).text()
    expect(page).toContain('id="facility"')
    expect(page).toMatch(/data-state="suggested" data-facility="[^"]+"/)
    expect(page).toContain('href="/console/facilities"')
    expect((await postForm(rt, `/console/cases/${caseId}/facility`, s, { facilityId: tridonex, action: 'confirm' }, false)).status).toBe(403)
    const bad = await postForm(rt, `/console/cases/${caseId}/facility`, s, { facilityId: ids['mx-gm-silao']!, action: 'confirm' })
    expect(bad.headers.get('location')).toBe(`/console/cases/${caseId}?facilityError=notSuggested#facility`)
    const shown = await (await rt.app.request(bad.headers.get('location')!, { headers: { cookie: s.cookie } })).text()
    expect(shown).toContain('This facility is not suggested for this case.')
    const ok = await postForm(rt, `/console/cases/${caseId}/facility`, s, { facilityId: tridonex, action: 'confirm' })
    expect(ok.status).toBe(303)
    expect(ok.headers.get('location')).toBe(`/console/cases/${caseId}?done=facility`)
    const after = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: s.cookie } })).text()
    expect(after).toMatch(/data-state="confirmed"/)
    // A monitor sees the registry but gets no form to add to it, and cannot post one.
    const list = await (await rt.app.request('/console/facilities', { headers: { cookie: s.cookie } })).text()
    expect(list).toContain('Tridonex')
    expect(list).not.toContain('id="facility-form"')
    expect((await postForm(rt, '/console/facilities', s, { code: 'x', name: 'X', country: 'MX' })).status).toBe(403)

    const sa = await login(rt, admin)
    const form = { code: 'mx-frenos', name: 'Frenos del Norte', aliases: 'Frenos Norte\nPlanta de frenos', employer: '', country: 'MX', state: 'Tamaulipas', location: 'Matamoros', sector: 'auto_parts', prioritySector: '', covered: 'yes' }
    const invalid = await postForm(rt, '/console/facilities', sa, { ...form, country: '' })
    expect(invalid.status).toBe(400)
    const invalidPage = await invalid.text()
    expect(invalidPage).toContain('id="facility-errors"')
    expect(invalidPage).toContain('This is required.')
    expect(invalidPage).toContain('value="Frenos del Norte"')
    expect(await rt.deps.sql.get("SELECT id FROM facilities WHERE code = 'mx-frenos'")).toBeUndefined()
    const created = await postForm(rt, '/console/facilities', sa, form)
    expect(created.status).toBe(303)
    const where = created.headers.get('location')!
    expect(where).toMatch(/^\/console\/facilities\/[\w-]+\?done=created$/)
    const id = where.split('/')[3]!.split('?')[0]!
    const row = await rt.deps.sql.get<{ aliases: string; covered: number; priority_sector: number }>('SELECT aliases, covered, priority_sector FROM facilities WHERE id = ?', id)
    expect(row).toEqual({ aliases: '["Frenos Norte","Planta de frenos"]', covered: 1, priority_sector: 1 })
    const edited = await postForm(rt, `/console/facilities/${id}`, sa, { ...form, name: 'Frenos del Norte (Matamoros)', covered: '' })
    expect(edited.status).toBe(303)
    const view = await (await rt.app.request(`/console/facilities/${id}`, { headers: { cookie: sa.cookie } })).text()
    expect(view).toContain('Frenos del Norte (Matamoros)')
    expect(view).toContain('id="facility-form"')
    expect((await rt.deps.sql.get<{ covered: number }>('SELECT covered FROM facilities WHERE id = ?', id))!.covered).toBe(0)
    // "Decided by the sector": moving it to a non-priority sector clears the flag.
    await postForm(rt, `/console/facilities/${id}`, sa, { ...form, covered: '', sector: 'agriculture', prioritySector: '' })
    expect(await rt.deps.sql.get('SELECT sector, priority_sector FROM facilities WHERE id = ?', id)).toEqual({ sector: 'agriculture', priority_sector: 0 })
    // A report naming the new alias is suggested for it.
    const res = await postJson(rt, '/api/v1/reports', { language: 'es', country: 'MX', employer: 'PLANTA DE FRENOS S.A.', description: 'No pagan las horas extra.' })
    expect(res.status).toBe(201)
    expect(await caseRefsOfFacility(rt.deps.sql, id, { confirmedOnly: false })).toHaveLength(1)
  })
})
