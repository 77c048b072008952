/**
 * @module partners/org-notes
 * Notes an organisation keeps on a case it can see: encrypted at rest like staff notes
 * (case_events.data_enc, bound to the event id), readable only by the staff of that
 * organisation (the event names it), never shown in the case's timeline to anyone.
 */
import { dayOf } from '../clock.js'
import { withAudit } from '../audit/log.js'
import { requireCase, NOTE_MAX } from '../cases/staff-actions.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as events from '../store/events.js'
import { organisationOf } from './organisations.js'

/** The timeline kind of an organisation's note (cases/queue.ts keeps it out of the timeline). */
export const ORG_NOTE = 'org_note'

const aad = (id: string) => `org-note:${id}`

async function orgOfNgo(deps: Deps, actor: Actor) {
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  if (!org) throw new AppError('forbidden')
  return org
}

/** Add a note for the actor's organisation. */
export async function addOrgNote(deps: Deps, actor: Actor, caseId: string, text: string) {
  const org = await orgOfNgo(deps, actor)
  await requireCase(deps, actor, caseId, ['ngo'])
  const body = text.trim()
  if (!body || body.length > NOTE_MAX) throw new AppError('validation', { note: { key: 'console:errors.invalid' } })
  const id = deps.crypto.randomToken(16)
  await withAudit(deps, { actorId: actor.id, action: 'case_org_note', caseId, data: { org: org.id } }, [
    events.append({
      id,
      caseId,
      at: dayOf(deps.clock.now()),
      kind: ORG_NOTE,
      actorId: actor.id,
      data: { org: org.id },
      dataEnc: deps.crypto.encrypt(body, aad(id)),
    }),
  ])
}

/** The notes of the actor's organisation on a case it can see, oldest first. */
export async function orgNotes(deps: Deps, actor: Actor, caseId: string): Promise<{ at: number; text: string }[]> {
  const org = await orgOfNgo(deps, actor)
  await requireCase(deps, actor, caseId, ['ngo'])
  return (await events.forCase(deps.sql, caseId))
    .filter((e) => e.kind === ORG_NOTE && e.data_enc && (JSON.parse(e.data) as { org?: string }).org === org.id)
    .map((e) => ({ at: e.at, text: deps.crypto.decryptText(e.data_enc!, aad(e.id)) }))
}
