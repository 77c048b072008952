/**
 * @module escalation/facility-cases
 * The cases of a facility, for `POST /api/v1/escalations {kind, facilityId}`. The facility
 * registry (branch `facilities`) provides `caseRefsOfFacility(store, facilityId)` over its
 * case↔facility link; until it is merged, this reads the `cases.facility_id` column that intake
 * has always had. The lead replaces the body with a call to the registry's function.
 */
import type { Deps } from '../deps.js'
import * as escalations from '../store/escalations.js'

/** References of the facility's cases that are not merged into another (oldest first). */
export async function caseRefsOfFacility(deps: Deps, facilityId: string): Promise<string[]> {
  return escalations.refsOfFacility(deps.sql, facilityId)
}
