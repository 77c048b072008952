/**
 * Escalation test helpers: organisations with their flags, reports filed by an NGO for workers
 * (through the real intake, with identifiers that must never reach a package), and the
 * custodian's approval of an access request.
 */
import { expect } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { requestAccess } from '../../src/cases/staff-actions.js'
import { ensureOrganisation } from '../../src/partners/organisations.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { api, makeStaff, type TestStaff } from '../console/setup.js'

export const NAME = 'Eulalia Quispe Marroquín'
export const PHONE = '+52 477 555 0123'
export const EMAIL = 'eulalia.quispe@correo.example'
/** Every identifier string the test reports carry, and pieces of them. */
export const NEEDLES = [NAME, 'Eulalia', 'Quispe', 'Marroquín', PHONE, '+524775550123', '4775550123', '477 555 0123', EMAIL]

export const ORGS = { union: 'Sindicato Independiente del Bajío', eu: 'EuroSolidarity Network', ca: 'Maple Labour Network' }

export interface World {
  admin: TestStaff
  ngo: TestStaff
  custodian: TestStaff
}

export async function world(rt: TestRuntime): Promise<World> {
  await ensureOrganisation(rt.deps, null, { name: ORGS.union, kind: 'union', countries: ['MX', 'GT'] })
  await ensureOrganisation(rt.deps, null, { name: ORGS.eu, kind: 'ngo', euBased: true })
  await ensureOrganisation(rt.deps, null, { name: ORGS.ca, kind: 'ngo', caBased: true })
  return {
    admin: await makeStaff(rt, 'admin', 'admin@hotline.example'),
    ngo: await makeStaff(rt, 'ngo', 'filer@union.example', { org: ORGS.union }),
    custodian: await makeStaff(rt, 'custodian', 'custodian@hotline.example'),
  }
}

export const actorOf = (s: TestStaff): Actor => ({ id: s.id, role: s.role, email: s.email, via: 'token' })

export interface Filed {
  reference: string
  caseId: string
  consentId: string
  receipt: string
}

/** File a report for a worker through the NGO API, with a name, a phone and an e-mail in it. */
export async function fileFor(
  rt: TestRuntime,
  ngo: TestStaff,
  o: { country: string; sector: string; rights: string[]; description?: string; facility?: string; recipients?: string[]; disclose?: string[] },
): Promise<Filed> {
  const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, {
    language: 'es',
    country: o.country,
    sector: o.sector,
    rights: o.rights,
    employer: 'Confecciones y Autopartes del Norte',
    ...(o.facility ? { facility: o.facility } : {}),
    description:
      o.description ??
      `Me llamo ${NAME}, mi teléfono es ${PHONE} y mi correo ${EMAIL}. El gerente despidió a los que apoyan al sindicato independiente.`,
    workersAffected: 40,
    contact: { name: NAME, phone: PHONE, email: EMAIL },
    consentToContact: true,
    consent: {
      disclose: o.disclose ?? ['redacted', 'original', 'identity'],
      recipients: o.recipients ?? ['us_dol', 'ca_nao', 'eu_sep', 'mx_cfcrl', 'cbp'],
      until: '2027-12-31',
      method: 'written',
    },
  })
  expect(res.status, await res.clone().text()).toBe(201)
  const body = (await res.json()) as { reference: string; consentId: string; receipt: string }
  const row = rt.db.prepare('SELECT id FROM cases WHERE reference = ?').get(body.reference) as { id: string }
  return { reference: body.reference, caseId: row.id, consentId: body.consentId, receipt: body.receipt }
}

/** A monitor-side request to open `what`, approved by the custodian. */
export async function approve(rt: TestRuntime, w: World, caseId: string, what: 'original' | 'identity'): Promise<string> {
  const id = await requestAccess(rt.deps, actorOf(w.admin), caseId, what, 'Needed for the petition to the forum')
  await decideAccess(rt.deps, actorOf(w.custodian), id, 'approved', 'Consent on file')
  return id
}
