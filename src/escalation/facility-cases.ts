/**
 * @module escalation/facility-cases
 * The cases of a facility, for `POST /api/v1/escalations {kind, facilityId}`. The facility
 * registry (branch `facilities`) provides `caseRefsOfFacility(sql, facilityId, {confirmedOnly})`
 * in src/facilities/links.ts over its case↔facility links, and mirrors the confirmed link into
 * `cases.facility_id`. Until it is merged, this reads that column. The lead replaces the body
 * with `caseRefsOfFacility(deps.sql, facilityId, { confirmedOnly: true })`.
 */
import type { Deps } from '../deps.js'
import * as escalations from '../store/escalations.js'

/** References of the facility's cases that are not merged into another (oldest first). */
export async function caseRefsOfFacility(deps: Deps, facilityId: string): Promise<string[]> {
  return escalations.refsOfFacility(deps.sql, facilityId)
}
