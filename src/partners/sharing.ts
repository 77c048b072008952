/**
 * @module partners/sharing
 * Sharing a case with an organisation, by its name, and revoking the share. A shared case is
 * visible to all the organisation's staff (store/queue.ts). Admins and monitors share cases in
 * their scope; each share and revocation is written with its timeline event and audit row.
 */
import { dayOf } from '../clock.js'
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { requireCase } from '../cases/staff-actions.js'
import type { Actor } from '../cases/scope.js'
import * as events from '../store/events.js'
import * as organisations from '../store/organisations.js'
import { cleanOrgName } from './organisations.js'

const invalidOrg = () => new AppError('validation', { org: { key: 'console:errors.org' } })

async function orgByName(deps: Deps, name: string) {
  const clean = cleanOrgName(name)
  const org = clean ? await organisations.byName(deps.sql, clean) : undefined
  if (!org) throw invalidOrg()
  return org
}

function shareEvent(deps: Deps, actor: Actor, caseId: string, kind: 'share' | 'unshare', org: { id: string; name: string }) {
  return events.append({
    id: deps.crypto.randomToken(16),
    caseId,
    at: dayOf(deps.clock.now()),
    kind,
    actorId: actor.id,
    data: { org: org.id, name: org.name },
  })
}

/** Share the case with the organisation of this name (a repeat changes nothing). */
export async function shareWithOrganisation(deps: Deps, actor: Actor, caseId: string, orgName: string) {
  await requireCase(deps, actor, caseId)
  const org = await orgByName(deps, orgName)
  const shared = await organisations.sharesOf(deps.sql, caseId)
  if (shared.some((s) => s.id === org.id)) return
  await withAudit(deps, { actorId: actor.id, action: 'case_share', caseId, data: { org: org.id } }, [
    organisations.share({ caseId, orgId: org.id, sharedBy: actor.id, at: deps.clock.now() }),
    shareEvent(deps, actor, caseId, 'share', org),
  ])
}

/** Stop sharing the case with the organisation of this name. */
export async function revokeShare(deps: Deps, actor: Actor, caseId: string, orgName: string) {
  await requireCase(deps, actor, caseId)
  const org = await orgByName(deps, orgName)
  const shared = await organisations.sharesOf(deps.sql, caseId)
  if (!shared.some((s) => s.id === org.id)) throw invalidOrg()
  await withAudit(deps, { actorId: actor.id, action: 'case_unshare', caseId, data: { org: org.id } }, [
    organisations.unshare(caseId, org.id),
    shareEvent(deps, actor, caseId, 'unshare', org),
  ])
}

/** The organisations a case is shared with (names), for the case page. */
export async function sharesOf(deps: Deps, caseId: string): Promise<{ name: string; sharedAt: number }[]> {
  return (await organisations.sharesOf(deps.sql, caseId)).map((s) => ({ name: s.name, sharedAt: s.shared_at }))
}
