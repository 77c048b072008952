/**
 * Matching reports to the registry at intake, on every channel that takes an employer (API, web
 * form, NGO filing, SMS): the typed employer or facility name, folded (accents, case, legal
 * suffixes), compared as a keyed hash, becomes a `suggested` link. The typed name itself is never
 * written: where redaction changed it, neither the typed form nor its fold is in the database,
 * its WAL or the log.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Actor } from '../../src/cases/scope.js'
import { caseRefsOfFacility, facilityOfCase } from '../../src/facilities/links.js'
import { createFacility } from '../../src/facilities/registry.js'
import { seedDemo } from '../../src/seed.js'
import { api, makeStaff } from '../console/setup.js'
import { getForm, postForm, VALID_REPORT } from '../helpers/forms.js'
import { makeRuntime, postJson, type TestRuntime } from '../helpers/runtime.js'
import { Phone } from '../sms/phone.js'
import { loadSample } from './sample.js'

const ADMIN: Actor = { id: 'admin-test', role: 'admin', email: 'admin@example.org', via: 'token' }

describe('intake suggests the facility a report names', () => {
  let rt: TestRuntime
  let ids: Record<string, string>
  beforeEach(async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.30' })
    ids = await loadSample(rt)
  })
  afterEach(() => rt.close())

  const report = async (body: Record<string, unknown>) => {
    const res = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      description: 'Despidieron a compañeros por apoyar al sindicato independiente.',
      ...body,
    })
    expect(res.status).toBe(201)
    const { reference } = (await res.json()) as { reference: string }
    return (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases WHERE reference = ?', reference))!.id
  }
  const links = (caseId: string) =>
    rt.deps.sql.all<{ code: string; state: string; matched_by: string }>(
      `SELECT f.code, l.state, l.matched_by FROM case_facilities l JOIN facilities f ON f.id = l.facility_id
       WHERE l.case_id = ? ORDER BY f.code`,
      caseId,
    )

  it('API: the employer, whatever its accents, case and legal suffix', async () => {
    for (const employer of ['TRIDONEX, S.A. DE C.V.', 'tridonex sa de cv', 'Tridonex S. de R.L.']) {
      const id = await report({ employer })
      expect(await links(id), employer).toEqual([{ code: 'mx-tridonex-matamoros', state: 'suggested', matched_by: 'employer' }])
      expect(await facilityOfCase(rt.deps.sql, id)).toEqual({ facilityId: ids['mx-tridonex-matamoros'], state: 'suggested' })
    }
    const silao = await report({ employer: 'Complejo Silao' })
    expect(await links(silao)).toEqual([{ code: 'mx-gm-silao', state: 'suggested', matched_by: 'employer' }])
    const mina = await report({ employer: 'mina san martin' })
    expect(await links(mina)).toEqual([{ code: 'mx-grupo-mexico-san-martin', state: 'suggested', matched_by: 'employer' }])
  })

  it('API: the facility name first; the parent company only when it has one facility in the country', async () => {
    const byFacility = await report({ employer: 'General Motors de México S de RL de CV', facility: 'planta silao' })
    expect(await links(byFacility)).toEqual([{ code: 'mx-gm-silao', state: 'suggested', matched_by: 'facility' }])
    const byParent = await report({ employer: 'CARDONE INDUSTRIES INC.' })
    expect(await links(byParent)).toEqual([{ code: 'mx-tridonex-matamoros', state: 'suggested', matched_by: 'parent' }])
    // A second facility of the same parent: the parent alone no longer says which.
    await createFacility(rt.deps, ADMIN, { code: 'mx-cardone-2', name: 'Cardone Planta Dos', employer: 'Cardone Industries', country: 'MX', sector: 'auto_parts' })
    const ambiguous = await report({ employer: 'Cardone Industries' })
    expect(await links(ambiguous)).toEqual([])
    expect(await facilityOfCase(rt.deps.sql, ambiguous)).toBeUndefined()
  })

  it('nothing for another country, another name, or a longer name', async () => {
    expect(await links(await report({ employer: 'Tridonex', country: 'US', language: 'en', description: 'They fired us for the union.' }))).toEqual([])
    expect(await links(await report({ employer: 'Autopartes del Bajío' }))).toEqual([])
    expect(await links(await report({ employer: 'Tridonex Reynosa Norte' }))).toEqual([])
  })

  it('web form, NGO filing and SMS suggest too', async () => {
    const { token } = await getForm(rt, '/es/report')
    const web = await postForm(rt, '/es/report', { ...VALID_REPORT, employer: 'Panasonic Automotive Systems de México, S.A. de C.V.', facility: '', token })
    expect(web.status).toBeLessThan(400)
    const webCase = await rt.deps.sql.get<{ id: string }>("SELECT id FROM cases WHERE channel = 'web'")
    expect(await links(webCase!.id)).toEqual([{ code: 'mx-panasonic-reynosa', state: 'suggested', matched_by: 'employer' }])

    const ngo = await makeStaff(rt, 'ngo', 'filer@union.example', { org: 'Sindicato Independiente' })
    const filed = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, {
      language: 'es',
      country: 'MX',
      sector: 'call_center',
      employer: 'Atento Mexicana, S.A. de C.V.',
      description: 'Nos obligaron a firmar la renuncia por querer un sindicato.',
      consentToContact: false,
      consent: { disclose: ['redacted'], recipients: ['us_dol'], until: '2027-06-30', method: 'oral' },
    })
    expect(filed.status).toBe(201)
    const ngoCase = await rt.deps.sql.get<{ id: string }>("SELECT id FROM cases WHERE channel = 'ngo'")
    expect(await links(ngoCase!.id)).toEqual([{ code: 'mx-atento', state: 'suggested', matched_by: 'employer' }])

    const phone = new Phone(rt, '+5214775550199', { fromCountry: 'MX', toCountry: 'MX' })
    await phone.say('HOLA')
    await phone.say('OK')
    await phone.say('1')
    await phone.say('teksid frontera')
    await phone.say('Frontera')
    await phone.say('Despidieron a los que votaron por el otro sindicato.')
    await phone.say('LISTO')
    await phone.say('no')
    const smsCase = await rt.deps.sql.get<{ id: string }>("SELECT id FROM cases WHERE channel = 'sms'")
    expect(await links(smsCase!.id)).toEqual([{ code: 'mx-teksid-frontera', state: 'suggested', matched_by: 'employer' }])
    expect(await caseRefsOfFacility(rt.deps.sql, ids['mx-teksid-frontera']!, { confirmedOnly: false })).toHaveLength(1)
    expect(await caseRefsOfFacility(rt.deps.sql, ids['mx-teksid-frontera']!, { confirmedOnly: true })).toEqual([])
  })

  it('a name that redaction changes is matched by its keyed hash, and never written', async () => {
    await createFacility(rt.deps, ADMIN, {
      code: 'mx-zb',
      name: 'Zacarías Benítez e Hijos',
      country: 'MX',
      state: 'Guanajuato',
      sector: 'auto_parts',
    })
    const id = await report({ employer: 'ZACARIAS BENITEZ E HIJOS, S.A. DE C.V.', facility: 'Taller de Zacarias Benitez' })
    expect(await links(id)).toEqual([{ code: 'mx-zb', state: 'suggested', matched_by: 'employer' }])
    const kase = await rt.deps.sql.get<{ employer: string; facility: string }>('SELECT employer, facility FROM cases WHERE id = ?', id)
    expect(kase!.employer).toMatch(/\[NAME-1\]/)
    expect(kase!.employer).not.toMatch(/ZACARIAS|BENITEZ/i)
    const hashes = await rt.deps.sql.all<{ name_hash: string }>('SELECT name_hash FROM case_name_hashes WHERE case_id = ?', id)
    expect(hashes).toHaveLength(2)
    for (const h of hashes) expect(h.name_hash).toMatch(/^[0-9a-f]{64}$/)
    const written = rt.writtenBytes()
    for (const needle of ['ZACARIAS BENITEZ', 'zacarias benitez', 'Zacarias Benitez', 'ZACARIAS', 'BENITEZ', 'Taller de Zacar'])
      expect(written.includes(Buffer.from(needle)), needle).toBe(false)
  })

  it('seed demo registers demo facilities first, so its Mexican report is suggested for its plant', async () => {
    const fresh = await makeRuntime()
    try {
      await seedDemo(fresh.deps, 'a demo password long enough')
      const rows = await fresh.deps.sql.all<{ code: string; employer: string }>(
        `SELECT f.code, c.employer FROM case_facilities l JOIN facilities f ON f.id = l.facility_id JOIN cases c ON c.id = l.case_id`,
      )
      expect(rows).toEqual([{ code: 'demo-autopartes-reynosa-2', employer: 'Autopartes del Norte' }])
    } finally {
      fresh.close()
    }
  })
})
