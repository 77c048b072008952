/**
 * @module cases/staff-actions
 * What staff do to a case: change its status, assign it, tag commitments, write internal notes,
 * ask the reporter a question, merge duplicates, record the Art. 31-A.4 request date, grant it to
 * an NGO, and request access to an original, an identity or a voice statement. Each action checks
 * role and scope, writes a timeline event and an audit row in the same batch.
 * A merge only sets `merged_into` on the duplicate: its messages, events and receipt stay where
 * they are (the reporter keeps following up with the same receipt), and both pages link each other.
 */
import { refreshDeadlines } from '../escalation/case-clocks.js'
import { dayOf } from '../clock.js'
import { withAudit, type Condition } from '../audit/log.js'
import { getCatalog } from '../catalog/index.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as accessRequests from '../store/access-requests.js'
import * as cases from '../store/cases.js'
import * as events from '../store/events.js'
import * as grants from '../store/grants.js'
import type { Statement } from '../store/port.js'
import * as staff from '../store/staff.js'
import { staffMessageStatements } from './reporter.js'
import { canSee, caseEmployerHash, CASE_READERS, CASE_WORKERS, excludedEmployers, type Actor } from './scope.js'
import type { Status } from './queue.js'

/** Allowed moves; resolved and closed need an outcome. */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  new: ['triaging', 'closed'],
  triaging: ['investigating', 'escalated', 'resolved', 'closed'],
  investigating: ['escalated', 'resolved', 'closed'],
  escalated: ['resolved', 'closed'],
  resolved: [],
  closed: [],
}
export const OUTCOMES = [
  'remedied',
  'no_violation',
  'referred',
  'duplicate',
  'withdrawn',
  'insufficient',
  'other',
] as const
export const ACCESS_KINDS = ['original', 'identity', 'voice'] as const
export const NOTE_MAX = 10_000
export const QUESTION_MAX = 2_000
const REASON_MAX = 1_000

const invalid = (field: string, key = 'console:errors.invalid') =>
  new AppError('validation', { [field]: { key } })

/** Check role and scope; unknown and out-of-scope cases are both 404. */
export async function requireCase(deps: Deps, actor: Actor, caseId: string, roles = CASE_WORKERS) {
  if (!roles.includes(actor.role)) throw new AppError('forbidden')
  if (!(await canSee(deps, actor, caseId))) throw new AppError('not_found')
  const row = await cases.forAction<Status>(deps.sql, caseId)
  if (!row) throw new AppError('not_found')
  return row
}

/** A timeline event; with `when`, written only if that condition holds. */
function event(
  deps: Deps,
  caseId: string,
  actor: Actor,
  kind: string,
  data: object,
  when?: Condition,
): Statement {
  return events.append(
    { id: deps.crypto.randomToken(16), caseId, at: dayOf(deps.clock.now()), kind, actorId: actor.id, data },
    when,
  )
}

const touch = (deps: Deps, caseId: string) => cases.touch(caseId, deps.clock.now())

/**
 * Move a case along new → triaging → investigating → escalated → resolved | closed. A
 * compare-and-swap on the status read: when another change got there first, nothing is written
 * (no event, no audit row) and the caller gets `conflict`.
 */
export async function changeStatus(
  deps: Deps,
  actor: Actor,
  caseId: string,
  to: string,
  outcome?: string,
) {
  const c = await requireCase(deps, actor, caseId)
  if (!(TRANSITIONS[c.status] as readonly string[]).includes(to))
    throw invalid('status', 'console:errors.transition')
  const final = to === 'resolved' || to === 'closed'
  if (final && !(OUTCOMES as readonly string[]).includes(outcome ?? ''))
    throw invalid('outcome', 'console:errors.outcome')
  const data = { from: c.status, to, ...(final ? { outcome } : {}) }
  const unchanged = cases.hasStatus(caseId, c.status)
  const [, update] = await withAudit(
    deps,
    { actorId: actor.id, action: 'case_status', caseId, data },
    [
      event(deps, caseId, actor, 'status', data, unchanged),
      cases.setStatus(caseId, c.status, to, final ? outcome! : null, dayOf(deps.clock.now())),
    ],
    unchanged,
  )
  // 0: the compare-and-swap lost. (On D1 a win may count more than 1: its `changes` includes the
  // rows the queue's triggers rewrite, migration 0013.)
  if (!update?.changes) throw new AppError('conflict')
}

/** Assign to a monitor (not excluded for the employer), or to nobody (null; admins only). */
export async function assignCase(deps: Deps, actor: Actor, caseId: string, staffId: string | null) {
  const c = await requireCase(deps, actor, caseId)
  if (staffId === null) {
    if (actor.role !== 'admin') throw new AppError('forbidden')
  } else {
    const isMonitor = await staff.enabledWithRole(deps.sql, staffId, 'monitor')
    const monitor = { id: staffId, role: 'monitor' as const }
    if (!isMonitor || (await excludedEmployers(deps, monitor)).has(caseEmployerHash(deps, c))) throw invalid('assignTo')
  }
  await withAudit(
    deps,
    { actorId: actor.id, action: 'case_assign', caseId, data: { to: staffId } },
    [
      cases.assign(caseId, staffId, dayOf(deps.clock.now())),
      event(deps, caseId, actor, 'assign', { to: staffId }),
    ],
  )
}

/** Replace the case's commitments with catalog codes. */
export async function tagCommitments(
  deps: Deps,
  actor: Actor,
  caseId: string,
  codes: readonly string[],
) {
  const c = await requireCase(deps, actor, caseId)
  const catalog = getCatalog()
  const clean = [...new Set(codes.map((s) => s.trim()).filter(Boolean))]
  if (clean.some((code) => !catalog.byCode.has(code))) throw invalid('commitments')
  const data = { from: JSON.parse(c.commitments) as string[], to: clean }
  await withAudit(deps, { actorId: actor.id, action: 'case_commitments', caseId, data }, [
    cases.setCommitments(caseId, JSON.stringify(clean), dayOf(deps.clock.now())),
    event(deps, caseId, actor, 'commitments', data),
  ])
}

/** An internal note, encrypted at rest (case_events.data_enc; AAD binds it to its event id). */
export async function addNote(deps: Deps, actor: Actor, caseId: string, text: string) {
  await requireCase(deps, actor, caseId)
  const body = text.trim()
  if (!body || body.length > NOTE_MAX) throw invalid('note')
  const id = deps.crypto.randomToken(16)
  await withAudit(deps, { actorId: actor.id, action: 'case_note', caseId }, [
    events.append({
      id,
      caseId,
      at: dayOf(deps.clock.now()),
      kind: 'note',
      actorId: actor.id,
      dataEnc: deps.crypto.encrypt(body, `note:${id}`),
    }),
    touch(deps, caseId),
  ])
}

/**
 * A question to the reporter: shown on web follow-up, SMS STATUS and voice status. The message,
 * its timeline event and the audit row are one batch.
 */
export async function askReporter(
  deps: Deps,
  actor: Actor,
  caseId: string,
  text: string,
): Promise<string> {
  await requireCase(deps, actor, caseId, CASE_READERS)
  const body = text.trim()
  if (!body || body.length > QUESTION_MAX) throw invalid('body')
  const id = deps.crypto.randomToken(16)
  await withAudit(
    deps,
    { actorId: actor.id, action: 'case_question', caseId, data: { messageId: id } },
    staffMessageStatements(deps, { id, caseId, authorId: actor.id, body }),
  )
  return id
}

/** Mark `caseId` as a duplicate of the case with reference `intoRef` (both in the actor's scope). */
export async function mergeCase(deps: Deps, actor: Actor, caseId: string, intoRef: string) {
  await requireCase(deps, actor, caseId)
  const into = await cases.byReferenceOrId(deps.sql, intoRef.trim().toUpperCase(), intoRef.trim())
  if (!into || into.id === caseId || into.merged_into || !(await canSee(deps, actor, into.id)))
    throw invalid('into')
  await withAudit(
    deps,
    { actorId: actor.id, action: 'case_merge', caseId, data: { into: into.id } },
    [
      ...cases.mergeInto(caseId, into.id, dayOf(deps.clock.now())),
      event(deps, caseId, actor, 'merged_into', { into: into.id }),
      event(deps, into.id, actor, 'merged_from', { from: caseId }),
    ],
  )
}

/** Record when the Art. 31-A.4 request for review was made (starts the 10- and 45-day clocks). */
export async function recordReviewRequest(deps: Deps, actor: Actor, caseId: string, on: string) {
  await requireCase(deps, actor, caseId)
  const at = /^\d{4}-\d{2}-\d{2}$/.test(on) ? Date.parse(`${on}T00:00:00Z`) : NaN
  if (!Number.isFinite(at)) throw invalid('on')
  await withAudit(
    deps,
    { actorId: actor.id, action: 'case_review_request', caseId, data: { on } },
    [event(deps, caseId, actor, 'review_request', { at, on }), touch(deps, caseId)],
  )
  await refreshDeadlines(deps, [caseId])
}

/** Let an NGO account see the case. */
export async function grantToNgo(deps: Deps, actor: Actor, caseId: string, ngoId: string) {
  await requireCase(deps, actor, caseId)
  if (!(await staff.hasRole(deps.sql, ngoId, 'ngo'))) throw invalid('ngo')
  await withAudit(deps, { actorId: actor.id, action: 'case_grant', caseId, data: { to: ngoId } }, [
    grants.insert({ caseId, staffId: ngoId, grantedBy: actor.id, at: deps.clock.now() }),
    event(deps, caseId, actor, 'grant', { to: ngoId }),
  ])
}

/** Ask the custodian to open the original text, the identity or a voice statement. */
export async function requestAccess(
  deps: Deps,
  actor: Actor,
  caseId: string,
  what: string,
  reason: string,
): Promise<string> {
  await requireCase(deps, actor, caseId)
  if (!(ACCESS_KINDS as readonly string[]).includes(what)) throw invalid('what')
  const why = reason.trim()
  if (why.length < 10 || why.length > REASON_MAX) throw invalid('reason', 'console:errors.reason')
  const id = deps.crypto.randomToken(12)
  await withAudit(
    deps,
    { actorId: actor.id, action: 'access_request', caseId, data: { id, what } },
    [
      accessRequests.insert({ id, caseId, what, reason: why, requestedBy: actor.id, at: deps.clock.now() }),
      event(deps, caseId, actor, 'access_request', { id, what }),
    ],
  )
  return id
}
