/**
 * @module facilities/links
 * A case's facility: what matching suggested, and what staff decided. Monitors, admins and NGO
 * staff who can see the case confirm a suggestion, reject it, or set (group) the case under a
 * facility by hand — which is also how a wrong suggestion is corrected. Each decision writes a
 * timeline event and an audit row in the same batch as the change. A case has at most one
 * confirmed facility; `cases.facility_id` mirrors it (the queue filters on it).
 *
 * `caseRefsOfFacility` and `facilityOfCase` are what escalation and statistics call.
 */
import { withAudit } from '../audit/log.js'
import { dayOf } from '../clock.js'
import { canSee, CASE_READERS, type Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as events from '../store/events.js'
import * as store from '../store/facilities.js'
import type { Sql } from '../store/port.js'

export const LINK_ACTIONS = ['confirm', 'reject', 'set'] as const
export type LinkAction = (typeof LINK_ACTIONS)[number]

/** A case's link to a facility, as the console and the API show it. */
export interface CaseFacilityLink {
  facilityId: string
  name: string
  code: string
  covered: boolean
  prioritySector: boolean
  state: store.LinkState
  matchedBy: store.MatchedBy
  decidedAt: number | null
}

const toLink = (r: store.LinkRow): CaseFacilityLink => ({
  facilityId: r.facility_id,
  name: r.name,
  code: r.code,
  covered: r.covered === 1,
  prioritySector: r.priority_sector === 1,
  state: r.state,
  matchedBy: r.matched_by,
  decidedAt: r.decided_at,
})

/** The case's confirmed facility, else its suggestions; undefined when it has neither. */
export async function facilityOfCase(
  sql: Sql,
  caseId: string,
): Promise<{ facilityId: string; state: 'confirmed' | 'suggested' } | undefined> {
  const first = (await store.linksOfCase(sql, caseId))[0]
  return first && first.state !== 'rejected' ? { facilityId: first.facility_id, state: first.state } : undefined
}

/** References of the facility's cases (oldest first): confirmed only, or suggested ones too. */
export function caseRefsOfFacility(sql: Sql, facilityId: string, opts: { confirmedOnly: boolean }): Promise<string[]> {
  return store.caseRefs(sql, facilityId, opts.confirmedOnly)
}

/** Every link of a case the actor can see (404 otherwise). */
export async function linksForStaff(deps: Deps, actor: Actor, caseId: string): Promise<CaseFacilityLink[]> {
  if (!CASE_READERS.includes(actor.role)) throw new AppError('forbidden')
  if (!(await canSee(deps, actor, caseId))) throw new AppError('not_found')
  return (await store.linksOfCase(deps.sql, caseId)).map(toLink)
}

const invalid = (field: string, key: string) => new AppError('validation', { [field]: { key: `console:facility.errors.${key}` } })

/**
 * Confirm a suggested facility, reject a suggested or confirmed one, or set one by hand (any
 * facility of the registry; the case's other links are rejected). Unknown or unseen cases are 404.
 */
export async function decideFacility(
  deps: Deps,
  actor: Actor,
  caseId: string,
  action: string,
  facilityId: string,
): Promise<CaseFacilityLink[]> {
  if (!CASE_READERS.includes(actor.role)) throw new AppError('forbidden')
  if (!(await canSee(deps, actor, caseId))) throw new AppError('not_found')
  if (!(LINK_ACTIONS as readonly string[]).includes(action)) throw invalid('action', 'action')
  if (!facilityId || !(await store.byId(deps.sql, facilityId))) throw invalid('facilityId', 'unknownFacility')
  const links = await store.linksOfCase(deps.sql, caseId)
  const link = links.find((l) => l.facility_id === facilityId)
  const at = dayOf(deps.clock.now())
  let changes
  if (action === 'confirm') {
    if (!link || link.state !== 'suggested') throw invalid('facilityId', 'notSuggested')
    changes = store.confirm(caseId, facilityId, link.matched_by, actor.id, at)
  } else if (action === 'reject') {
    if (!link || link.state === 'rejected') throw invalid('facilityId', 'notLinked')
    changes = store.reject(caseId, facilityId, actor.id, at)
  } else {
    if (link?.state === 'confirmed') return links.map(toLink)
    changes = store.confirm(caseId, facilityId, 'hand', actor.id, at)
  }
  const data = { facilityId, action, from: link?.state ?? null }
  await withAudit(deps, { actorId: actor.id, action: 'case_facility', caseId, data }, [
    events.append({ id: deps.crypto.randomToken(16), caseId, at, kind: 'facility', actorId: actor.id, data }),
    ...changes,
  ])
  return (await store.linksOfCase(deps.sql, caseId)).map(toLink)
}
