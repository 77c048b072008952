/**
 * @module escalation/facility-cases
 * The cases of a facility, for `POST /api/v1/escalations {kind, facilityId}`: those under a
 * confirmed link of the facility registry (src/facilities/links.ts), which the registry mirrors
 * into `cases.facility_id` in the same batch. Read from that column so that cases merged into
 * another (duplicates) stay out of a package.
 */
import type { Deps } from '../deps.js'
import * as escalations from '../store/escalations.js'

/** References of the facility's cases that are not merged into another (oldest first). */
export async function caseRefsOfFacility(deps: Deps, facilityId: string): Promise<string[]> {
  return escalations.refsOfFacility(deps.sql, facilityId)
}
