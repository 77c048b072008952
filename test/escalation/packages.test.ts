/**
 * Escalation packages through the real stack (app.request, a real SQLite file): for every kind,
 * the fields its forum asks for are present and none of the test reports' identifiers appears in
 * any export format; export waits for a human read; masks are audited and feed the redaction
 * eval; an original or an identity appears only with the custodian's approval AND the worker's
 * consent for that recipient; withdrawn consent takes a case out of an unfiled package.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getForums, KINDS, type EscalationKind } from '../../src/escalation/forums.js'
import { redactionMisses } from '../../src/escalation/service.js'
import type { Package } from '../../src/escalation/package.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { api } from '../console/setup.js'
import { approve, fileFor, NAME, NEEDLES, ORGS, world, type Filed, type World } from './helpers.js'

let rt: TestRuntime
let w: World
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '198.51.100.61' })
  w = await world(rt)
})
afterEach(() => rt.close())

const SETUP: Record<EscalationKind, { country: string; sector: string; rights: string[]; org: string; description?: string }> = {
  'usmca-rrm': { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], org: ORGS.union },
  'dol-hotline': { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], org: ORGS.union },
  'canada-31b': { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], org: ORGS.ca },
  'eu-sep': { country: 'GT', sector: 'garment', rights: ['freedom_of_association'], org: ORGS.eu },
  'mx-cfcrl': { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], org: ORGS.union },
  'cbp-307': {
    country: 'GT',
    sector: 'garment',
    rights: ['forced_labor'],
    org: ORGS.union,
    description: `Me llamo ${NAME}. Nos quitaron los pasaportes, no nos dejan salir de la fábrica y tenemos una deuda con el contratista.`,
  },
  'cafta-16': { country: 'GT', sector: 'garment', rights: ['freedom_of_association'], org: ORGS.union },
}

const DETAILS = { remedy: 'Reinstatement and back pay', evidence: 'Photos of the posted notice', goods: 'Knit shirts', supplyChain: 'Shipped to a US brand' }

async function draft(kind: EscalationKind, refs: string[], org: string, token = w.admin.token) {
  const res = await api(rt, 'POST', '/api/v1/escalations', token, { kind, caseRefs: refs, org, details: DETAILS })
  return { res, body: (await res.json()) as Package & { error?: { fields?: Record<string, string> } } }
}

async function exportAll(id: string) {
  const out: Record<string, string> = {}
  for (const format of ['md', 'json', 'html']) {
    const res = await api(rt, 'GET', `/api/v1/escalations/${id}/export?format=${format}&lang=en`, w.admin.token)
    expect(res.status, format).toBe(200)
    out[format] = await res.text()
  }
  return out
}

describe('packages, per kind', () => {
  for (const kind of KINDS) {
    it(`${kind}: the forum's fields are present; no identifier in md, json or html`, async () => {
      const s = SETUP[kind]
      const a = await fileFor(rt, w.ngo, s)
      const b = await fileFor(rt, w.ngo, s)
      const { res, body } = await draft(kind, [a.reference, b.reference], s.org)
      expect(res.status, JSON.stringify(body)).toBe(201)
      expect(body.id).toMatch(/^[\w-]{8,}$/)
      expect(body.fields.map((f) => f.key)).toEqual(getForums().forums[kind].fields)
      expect(body.cases.map((c) => c.reference)).toEqual([a.reference, b.reference])
      // Nothing leaves before a person has read it.
      const early = await api(rt, 'GET', `/api/v1/escalations/${body.id}/export?format=html`, w.admin.token)
      expect(early.status).toBe(409)
      expect(((await early.json()) as { error: { fields: Record<string, string> } }).error.fields.review).toMatch(/read the package/)
      expect((await api(rt, 'POST', `/api/v1/escalations/${body.id}/review`, w.admin.token)).status).toBe(200)
      const out = await exportAll(body.id)
      const json = JSON.parse(out.json!) as Package
      for (const f of getForums().forums[kind].fields) {
        const field = json.fields.find((x) => x.key === f)!
        expect(field.value.length, `${kind}.${f}`).toBeGreaterThan(0)
        expect(out.md).toContain(`### ${field.label}`)
        expect(out.html).toContain(`<dt>${field.label.replace(/&/g, '&amp;').replace(/'/g, '&#39;')}</dt>`)
      }
      for (const [format, text] of Object.entries(out)) {
        for (const needle of NEEDLES) expect(text, `${kind} ${format}`).not.toContain(needle)
        expect(text).toContain(a.reference)
      }
      expect(out.html).toMatch(/@media print/)
      expect(out.html).toContain('href="/console/assets/package.css"')
      // No approval was given: no original words, the identity withheld.
      expect(json.cases.every((c) => c.original === undefined && c.identity === 'withheld')).toBe(true)
    })
  }

  it('fills the forum-specific facts from the cases and the catalog', async () => {
    const fl = await fileFor(rt, w.ngo, SETUP['cbp-307'])
    const { body } = await draft('cbp-307', [fl.reference], ORGS.union)
    const value = (k: string) => body.fields.find((f) => f.key === k)!
    expect(value('forcedLabourIndicators').value).toContain('Retention of identity documents')
    expect(value('forcedLabourIndicators').value).toContain('Debt bondage')
    expect(value('goods')).toMatchObject({ value: 'Knit shirts', from: 'drafter' })
    const mx = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const rrm = (await draft('usmca-rrm', [mx.reference], ORGS.union)).body
    expect(rrm.fields.find((f) => f.key === 'coveredStatus')!.value).toMatch(/^Priority sector under Annex 31-A \(Auto parts factory\)/)
    expect(rrm.fields.find((f) => f.key === 'workersAffected')!.value).toBe('1 reports; workers affected as reported: 40')
    const cf = (await draft('mx-cfcrl', [mx.reference], ORGS.union)).body
    // "despidió": the intake started the LFT clock, and the referral carries it.
    expect(cf.fields.find((f) => f.key === 'actBefore')!.missing).toBeUndefined()
    expect(cf.fields.find((f) => f.key === 'jurisdiction')!.value).toMatch(/^Federal/)
  })

  it('refuses bad requests with a translated message and writes nothing', async () => {
    const gt = await fileFor(rt, w.ngo, SETUP['cafta-16'])
    const count = () => (rt.db.prepare('SELECT COUNT(*) AS n FROM escalations').get() as { n: number }).n
    const fieldsOf = async (body: unknown, token = w.admin.token, lang = 'en') => {
      const res = await rt.app.request('/api/v1/escalations', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'accept-language': lang },
        body: JSON.stringify(body),
      })
      expect(res.status).toBe(400)
      return ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields
    }
    expect(await fieldsOf({ kind: 'nope', caseRefs: [gt.reference] })).toEqual({ kind: 'Choose one of the forums offered for these cases.' })
    expect(await fieldsOf({ kind: 'usmca-rrm', caseRefs: [gt.reference] })).toEqual({ kind: `This forum does not take case ${gt.reference}.` })
    expect(await fieldsOf({ kind: 'cafta-16', caseRefs: ['HL-NOPE'] })).toEqual({ caseRefs: 'No case HL-NOPE that you may see.' })
    expect(await fieldsOf({ kind: 'cafta-16', caseRefs: [] }, w.admin.token, 'es')).toEqual({ caseRefs: 'Indique al menos una referencia de caso.' })
    // Only an EU-based organisation files with the EU SEP: the union's NGO account may not.
    expect(await fieldsOf({ kind: 'eu-sep', caseRefs: [gt.reference] }, w.ngo.token, 'fr')).toEqual({
      org: 'Seule une organisation basée dans l’UE peut saisir le Point d’entrée unique.',
    })
    expect(await fieldsOf({ kind: 'eu-sep', caseRefs: [gt.reference], org: ORGS.union })).toHaveProperty('org')
    expect(count()).toBe(0)
  })

  it('an NGO drafts from its own cases; another organisation cannot see the package', async () => {
    const a = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const { res, body } = await draft('usmca-rrm', [a.reference], '', w.ngo.token)
    expect(res.status).toBe(201)
    expect(body.filer).toBe(ORGS.union)
    const { makeStaff } = await import('../console/setup.js')
    const other = await makeStaff(rt, 'ngo', 'other@ngo.example', { org: 'Otra Organización AC' })
    expect((await api(rt, 'GET', `/api/v1/escalations/${body.id}`, other.token)).status).toBe(404)
    expect((await api(rt, 'GET', '/api/v1/escalations', other.token)).status).toBe(200)
    expect(((await (await api(rt, 'GET', '/api/v1/escalations', w.ngo.token)).json()) as { escalations: { id: string }[] }).escalations.map((e) => e.id)).toEqual([body.id])
    // Its case page lists its own packages, not another organisation's on the same case.
    await draft('canada-31b', [a.reference], ORGS.ca)
    const view = (await (await api(rt, 'GET', `/api/v1/cases/${a.caseId}`, w.ngo.token)).json()) as { case: { escalations: { id: string }[] } }
    expect(view.case.escalations.map((e) => e.id)).toEqual([body.id])
    // Nor draft from cases it cannot see.
    expect((await api(rt, 'POST', '/api/v1/escalations', other.token, { kind: 'usmca-rrm', caseRefs: [a.reference] })).status).toBe(400)
  })
})

describe('human read and masks', () => {
  it('a masked span is replaced in every format, audited without its text, and becomes an eval item', async () => {
    const a = await fileFor(rt, w.ngo, { ...SETUP['usmca-rrm'], facility: 'Nave Tres del Parque Sur' })
    const { body } = await draft('usmca-rrm', [a.reference], ORGS.union)
    expect(JSON.stringify(body)).toContain('Nave Tres del Parque Sur')
    const bad = await api(rt, 'POST', `/api/v1/escalations/${body.id}/masks`, w.admin.token, { text: 'not in it', kind: 'name' })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields.text).toBe('These words are not in the package.')
    await api(rt, 'POST', `/api/v1/escalations/${body.id}/review`, w.admin.token)
    const masked = await api(rt, 'POST', `/api/v1/escalations/${body.id}/masks`, w.admin.token, { text: 'Nave Tres del Parque Sur', kind: 'address' })
    expect(masked.status).toBe(201)
    const after = (await masked.json()) as Package
    expect(after.masked).toBe(1)
    expect(after.reviewed).toBe(false) // changed: read it again
    expect((await api(rt, 'GET', `/api/v1/escalations/${body.id}/export?format=md`, w.admin.token)).status).toBe(409)
    expect((await api(rt, 'POST', `/api/v1/escalations/${body.id}/masks`, w.admin.token, { text: 'Nave Tres del Parque Sur', kind: 'address' })).status).toBe(400)
    await api(rt, 'POST', `/api/v1/escalations/${body.id}/review`, w.admin.token)
    const out = await exportAll(body.id)
    for (const text of Object.values(out)) {
      expect(text).not.toContain('Nave Tres del Parque Sur')
      expect(text).toContain('[MASKED-1]')
    }
    const audit = rt.db.prepare("SELECT action, data FROM audit_log WHERE action LIKE 'escalation_%' ORDER BY seq").all() as { action: string; data: string }[]
    expect(audit.map((r) => r.action)).toEqual(['escalation_create', 'escalation_review', 'escalation_mask', 'escalation_review', 'escalation_export', 'escalation_export', 'escalation_export'])
    expect(audit.map((r) => r.data).join()).not.toContain('Nave Tres')
    // The span is kept encrypted only, and the eval can score it (npm run eval:redaction -- --corpus).
    const kept = [
      ...rt.db.prepare('SELECT * FROM escalation_masks').all(),
      ...rt.db.prepare('SELECT * FROM redaction_misses').all(),
      ...rt.db.prepare('SELECT * FROM escalations').all(),
    ].map((r) => Object.values(r as object).map((v) => Buffer.from(v instanceof Uint8Array ? v : String(v)).toString('latin1')).join('|'))
    expect(kept.join('\n')).not.toContain('Nave Tres')
    const items = (await redactionMisses(rt.deps)) as { lang: string; text: string; identifiers: { kind: string; value: string }[]; rights: string[] }[]
    expect(items).toHaveLength(1)
    expect(items[0]).toMatchObject({ lang: 'es', identifiers: [{ kind: 'address', value: 'Nave Tres del Parque Sur' }], rights: ['freedom_of_association'] })
    expect(items[0]!.text).toContain('Nave Tres del Parque Sur')
  })
})

describe('disclosure needs the custodian\u2019s approval AND the worker\u2019s consent', () => {
  const originalIn = (p: Package, ref: string) => p.cases.find((c) => c.reference === ref)?.original
  async function reviewedExport(id: string) {
    await api(rt, 'POST', `/api/v1/escalations/${id}/review`, w.admin.token)
    const res = await api(rt, 'GET', `/api/v1/escalations/${id}/export?format=json`, w.admin.token)
    expect(res.status).toBe(200)
    return (await res.json()) as Package
  }

  it('approval and consent: the original words go in; the identity stays with the custodian', async () => {
    const a = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const approval = await approve(rt, w, a.caseId, 'original')
    const identity = await approve(rt, w, a.caseId, 'identity')
    const { body } = await draft('usmca-rrm', [a.reference], ORGS.union)
    const pkg = await reviewedExport(body.id)
    expect(originalIn(pkg, a.reference)).toContain('despidió a los que apoyan')
    expect(pkg.cases[0]!.identity).toBe(`released separately by the custodian under approval ${identity}`)
    const html = await (await api(rt, 'GET', `/api/v1/escalations/${body.id}/export?format=html`, w.admin.token)).text()
    expect(html).toContain(`under approval ${identity}`)
    // The approval was used for this package (audited) and still serves it.
    expect(rt.db.prepare('SELECT used_at IS NOT NULL AS used FROM access_requests WHERE id = ?').get(approval)).toEqual({ used: 1 })
    expect(originalIn(await reviewedExport(body.id), a.reference)).toContain('despidió')
    // Exporting the original writes it nowhere: no file the server wrote (database, WAL, log) holds it.
    const written = rt.writtenBytes()
    for (const needle of NEEDLES) expect(written.includes(needle), needle).toBe(false)
  })

  it('no approval, or a consent that does not cover this forum: nothing but redacted text', async () => {
    const noApproval = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const otherForum = await fileFor(rt, w.ngo, { ...SETUP['usmca-rrm'], recipients: ['mx_cfcrl'] })
    await approve(rt, w, otherForum.caseId, 'original')
    await approve(rt, w, otherForum.caseId, 'identity')
    const { body } = await draft('usmca-rrm', [noApproval.reference, otherForum.reference], ORGS.union)
    const pkg = await reviewedExport(body.id)
    expect(pkg.cases.map((c) => [c.original, c.identity])).toEqual([
      [undefined, 'withheld'],
      [undefined, 'withheld'],
    ])
    for (const needle of NEEDLES) expect(JSON.stringify(pkg)).not.toContain(needle)
  })

  it('withdrawn consent takes the case out of a package not yet filed, and keeps its original out', async () => {
    const a = await fileFor(rt, w.ngo, { ...SETUP['usmca-rrm'], description: 'Nos cambiaron de turno por votar en la consulta del contrato.' })
    const b = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    await approve(rt, w, a.caseId, 'original')
    const { body } = await draft('usmca-rrm', [a.reference, b.reference], ORGS.union)
    expect((await api(rt, 'POST', `/api/v1/consents/${a.consentId}/withdraw`, w.ngo.token)).status).toBe(200)
    const pkg = await reviewedExport(body.id)
    expect(pkg.cases.map((c) => c.reference)).toEqual([b.reference])
    expect(pkg.removed).toEqual([{ reference: a.reference, reason: 'consent_withdrawn' }])
    expect(JSON.stringify(pkg)).not.toContain('votar en la consulta')
    // A new package cannot take it either.
    expect((await draft('usmca-rrm', [a.reference], ORGS.union)).res.status).toBe(400)
  })
})

describe('packages read the facility registry', () => {
  async function facilityWith(body: object, cases: Filed[]) {
    const res = await api(rt, 'POST', '/api/v1/facilities', w.admin.token, body)
    expect(res.status).toBe(201)
    const { facility } = (await res.json()) as { facility: { id: string } }
    for (const c of cases) {
      const set = await api(rt, 'POST', `/api/v1/cases/${c.caseId}/facility`, w.admin.token, { facilityId: facility.id, action: 'set' })
      expect(set.status).toBe(200)
    }
    return facility.id
  }

  it('usmca-rrm: facility, employer, covered and priority sector come from the registry; no identifier in any export', async () => {
    const a = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const b = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const facilityId = await facilityWith(
      { code: 'mx-frenos-sil', name: 'Frenos del Bajío, planta Silao', country: 'MX', state: 'Guanajuato', sector: 'auto_parts', employer: 'Grupo Frenos Globales', covered: true, prioritySector: true },
      [a, b],
    )
    const res = await api(rt, 'POST', '/api/v1/escalations', w.admin.token, { kind: 'usmca-rrm', facilityId, org: ORGS.union, details: DETAILS })
    expect(res.status).toBe(201)
    const body = (await res.json()) as Package
    const field = (k: string) => body.fields.find((f) => f.key === k)!
    expect(field('facility').value).toContain('Frenos del Bajío, planta Silao')
    expect(field('facility').value).toContain('Grupo Frenos Globales')
    expect(field('facility').value).toContain('Guanajuato')
    expect(field('coveredStatus').value).toMatch(/^Covered Facility in a priority sector under Annex 31-A/)
    expect(body.fields.map((f) => f.key)).toEqual(getForums().forums['usmca-rrm'].fields)
    expect((await api(rt, 'POST', `/api/v1/escalations/${body.id}/review`, w.admin.token)).status).toBe(200)
    const out = await exportAll(body.id)
    for (const [format, text] of Object.entries(out)) {
      for (const needle of NEEDLES) expect(text, format).not.toContain(needle)
      expect(text, format).toContain('Frenos del Bajío, planta Silao')
    }
  })

  it('grouped cases drafted by reference use their facility; a facility not covered says so; cases under none fall back to the catalog', async () => {
    const a = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const b = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    await facilityWith({ code: 'mx-no-cubierta', name: 'Planta Norte', country: 'MX', sector: 'auto_parts', covered: false, prioritySector: true }, [a, b])
    const grouped = (await draft('usmca-rrm', [a.reference, b.reference], ORGS.union)).body
    expect(grouped.fields.find((f) => f.key === 'facility')!.value).toContain('Planta Norte')
    expect(grouped.fields.find((f) => f.key === 'coveredStatus')!.value).toMatch(/does not record it as a Covered Facility/)
    const c = await fileFor(rt, w.ngo, SETUP['usmca-rrm'])
    const mixed = (await draft('usmca-rrm', [a.reference, c.reference], ORGS.union)).body
    expect(mixed.fields.find((f) => f.key === 'facility')!.value).not.toContain('Planta Norte')
    expect(mixed.fields.find((f) => f.key === 'coveredStatus')!.value).toMatch(/to be confirmed by the filer/)
  })
})
