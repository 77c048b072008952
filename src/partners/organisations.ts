/**
 * @module partners/organisations
 * NGO and union partners. Each organisation has a name (unique, case-insensitive), a kind,
 * countries of work and the flags that decide which forums it may file in (an EU-based
 * organisation may use the EU Single Entry Point, a Canada-based one Canada's Annex 31-B
 * mechanism, a US-based one the USMCA Rapid Response petitions). Staff with role ngo belong to
 * one organisation, and a case shared with it is visible to all its staff.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import * as organisations from '../store/organisations.js'

export const ORG_KINDS = ['union', 'ngo', 'legal_aid', 'worker_centre'] as const
export type OrgKind = (typeof ORG_KINDS)[number]

export interface Organisation {
  id: string
  name: string
  kind: OrgKind
  countries: string[]
  euBased: boolean
  caBased: boolean
  usBased: boolean
}

export const toOrganisation = (r: organisations.OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  kind: r.kind as OrgKind,
  countries: JSON.parse(r.countries) as string[],
  euBased: r.eu_based === 1,
  caBased: r.ca_based === 1,
  usBased: r.us_based === 1,
})

/** A name as stored: trimmed, inner spaces collapsed. */
export const cleanOrgName = (name: string) => name.trim().replace(/\s+/g, ' ')

export interface NewOrganisation {
  name: string
  kind?: OrgKind
  countries?: string[]
  euBased?: boolean
  caBased?: boolean
  usBased?: boolean
}

/**
 * The organisation with this name, created (and audited) when it is new. Returns it and whether
 * it was created. An existing organisation is returned as it is.
 */
export async function ensureOrganisation(
  deps: Deps,
  actorId: string | null,
  o: NewOrganisation,
): Promise<{ org: Organisation; created: boolean }> {
  const name = cleanOrgName(o.name)
  if (name.length < 2 || name.length > 120) throw new Error('an organisation name has 2 to 120 characters')
  const found = await organisations.byName(deps.sql, name)
  if (found) return { org: toOrganisation(found), created: false }
  const id = deps.crypto.randomToken(12)
  await withAudit(deps, { actorId, action: 'organisation_added', data: { id, name } }, [
    organisations.insert({
      id,
      name,
      kind: o.kind ?? 'ngo',
      countries: o.countries ?? [],
      euBased: o.euBased ?? false,
      caBased: o.caBased ?? false,
      usBased: o.usBased ?? false,
      at: deps.clock.now(),
    }),
  ])
  const row = await organisations.byId(deps.sql, id)
  return { org: toOrganisation(row!), created: true }
}

/** Every organisation, by name. */
export async function listOrganisations(deps: Deps): Promise<Organisation[]> {
  return (await organisations.list(deps.sql)).map(toOrganisation)
}

/** The organisation of a staff account (ngo accounts), or undefined. */
export async function organisationOf(deps: Deps, staffId: string): Promise<Organisation | undefined> {
  const r = await organisations.ofStaff(deps.sql, staffId)
  return r ? toOrganisation(r) : undefined
}
