/**
 * @module cases/reassign
 * When a monitor leaves (their account is disabled), each of their open cases goes to the monitor
 * the router would pick for it now (scope, conflict-of-interest exclusions, fewest open cases:
 * routing/assign.ts), or to nobody when no enabled monitor fits, where admins find it under
 * "Unrouted". Each move is an `assign` event and a `case_assign` audit row (reason
 * `staff_disabled`), written only while the case is still assigned to the departing account.
 * GlobaLeaks #4676 asks for this: cases of a departed recipient should not sit unseen.
 */
import { withAudit } from '../audit/log.js'
import { dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { pickMonitor } from '../routing/assign.js'
import * as store from '../store/case-reassign.js'
import * as events from '../store/events.js'
import { OPEN_STATUSES } from './statuses.js'

export interface Reassigned {
  /** Cases given to another monitor. */
  moved: number
  /** Cases left with nobody (no enabled monitor covers them). */
  left: number
}

export async function reassignOpenCases(deps: Deps, actorId: string | null, staffId: string): Promise<Reassigned> {
  const out: Reassigned = { moved: 0, left: 0 }
  for (const c of await store.openAssignedTo(deps.sql, staffId, OPEN_STATUSES)) {
    const to = await pickMonitor(deps.sql, {
      country: c.country,
      sector: c.sector ?? undefined,
      employer: c.employer,
      commitments: JSON.parse(c.commitments) as string[],
      rights: JSON.parse(c.rights) as string[],
    })
    const data = { to, from: staffId, reason: 'staff_disabled' }
    const at = dayOf(deps.clock.now())
    await withAudit(deps, { actorId, action: 'case_assign', caseId: c.id, data }, [
      store.moveAssignment(c.id, staffId, to, deps.clock.now()),
      events.append({ id: deps.crypto.randomToken(16), caseId: c.id, at, kind: 'assign', actorId, data }),
    ])
    if (to) out.moved++
    else out.left++
  }
  return out
}
