/**
 * @module stats/facility-domain
 * The `facility` dimension's values: every facility of the registry (admin data, not case data),
 * so a table lists every facility whether or not it has cases, and their names for labels.
 */
import type { Deps } from '../deps.js'
import * as facilities from '../store/facilities.js'
import type { Domains } from './dimensions.js'

export interface FacilityDomain {
  domains: Domains
  /** Facility id → its registry name (labels on the dashboard and the public page). */
  names: Map<string, string>
}

export async function facilityDomain(deps: Deps): Promise<FacilityDomain> {
  const rows = await facilities.list(deps.sql)
  return { domains: { facility: rows.map((r) => r.id) }, names: new Map(rows.map((r) => [r.id, r.name])) }
}
