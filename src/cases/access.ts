/**
 * @module cases/access
 * The custodian's side of access requests. The server holds no key that opens an identity: an
 * approval is only recorded (with the audit row); the custodian then runs `identity open` offline
 * and shares only what was approved. The custodian sees the case reference, never its content.
 * An approval opens once, and only before it expires (ACCESS_APPROVAL_DAYS, 7 by default):
 * `useApproval` marks it used in the same batch as its `access_opened` audit row.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as accessRequests from '../store/access-requests.js'
import * as events from '../store/events.js'
import type { Condition, Statement } from '../store/port.js'
import type { Actor } from './scope.js'

export interface PendingRequest {
  id: string
  reference: string
  what: string
  reason: string
  requestedBy: string
  requestedAt: number
  decision: string | null
  decisionReason: string | null
  decidedAt: number | null
  /** Approvals only: when it stops being usable, and when it was used (it opens once). */
  expiresAt: number | null
  usedAt: number | null
  /** Evidence: the file opens only once the custodian releases its key; and whether they did. */
  needsRelease: boolean
  released: boolean
}

/** Pending requests first (oldest first), then the 50 latest decisions. */
export async function listAccessRequests(deps: Deps, actor: Actor): Promise<PendingRequest[]> {
  if (actor.role !== 'custodian') throw new AppError('forbidden')
  const rows = await accessRequests.forCustodian(deps.sql)
  return rows.map((r) => ({
    id: r.id,
    reference: r.reference,
    what: r.what,
    reason: r.reason,
    requestedBy: r.email ?? '?',
    requestedAt: r.requested_at,
    decision: r.decision,
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    needsRelease: r.needs_release === 1,
    released: r.released === 1,
  }))
}

/**
 * Approve or refuse a pending request, with a reason. A decided request cannot change: the
 * decision, its event and its audit row are written together, only while the request is still
 * pending (a concurrent second decision answers `conflict` and writes nothing).
 */
export async function decideAccess(
  deps: Deps,
  actor: Actor,
  requestId: string,
  decision: string,
  reason: string,
): Promise<void> {
  if (actor.role !== 'custodian') throw new AppError('forbidden')
  if (decision !== 'approved' && decision !== 'refused') {
    throw new AppError('validation', { decision: { key: 'console:errors.invalid' } })
  }
  const why = reason.trim()
  if (why.length < 3 || why.length > 1000) {
    throw new AppError('validation', { reason: { key: 'console:errors.reason' } })
  }
  const req = await accessRequests.byId(deps.sql, requestId)
  if (!req) throw new AppError('not_found')
  if (req.decision) throw new AppError('conflict')
  const now = deps.clock.now()
  const pending = accessRequests.isPending(requestId)
  const [, update] = await withAudit(
    deps,
    {
      actorId: actor.id,
      action: 'access_decision',
      caseId: req.case_id,
      data: { id: requestId, what: req.what, decision },
    },
    [
      events.append(
        {
          id: deps.crypto.randomToken(16),
          caseId: req.case_id,
          at: now,
          kind: 'access_decision',
          actorId: actor.id,
          data: { id: requestId, decision },
        },
        pending,
      ),
      accessRequests.decide({
        id: requestId,
        decision,
        reason: why,
        decidedBy: actor.id,
        at: now,
        expiresAt: decision === 'approved' ? now + deps.config.accessApprovalDays * 86_400_000 : null,
      }),
    ],
    pending,
  )
  if (update?.changes !== 1) throw new AppError('conflict')
}

export type AccessItem = 'original' | 'identity' | 'voice' | 'evidence'

/** Why there is no usable approval: none at all, the last one was used, or it expired. */
export type NoApproval = { problem: 'none' } | { problem: 'used' | 'expired'; id: string; at: number }

/**
 * The approval that lets the custodian open `what` for a case now (approved, unused, not
 * expired; the oldest such first), or why there is none.
 */
export async function usableApproval(
  deps: Deps,
  caseId: string,
  what: AccessItem,
): Promise<{ id: string } | NoApproval> {
  const now = deps.clock.now()
  const usable = await accessRequests.usable(deps.sql, caseId, what, now)
  if (usable) return usable
  const last = await accessRequests.latestApproval(deps.sql, caseId, what)
  if (!last) return { problem: 'none' }
  return last.used_at !== null
    ? { problem: 'used', id: last.id, at: last.used_at }
    : { problem: 'expired', id: last.id, at: last.expires }
}

/**
 * Use an approval: mark it used and append its `access_opened` audit row, in one batch, only
 * while it is still approved, unused and unexpired. False when another use got there first
 * (or it expired meanwhile): then nothing is written and nothing may be opened.
 * `also` adds statements to the same batch, each guarded by the condition it is given (the
 * evidence release the opening consumes).
 */
export async function useApproval(
  deps: Deps,
  actorId: string | null,
  caseId: string,
  what: AccessItem,
  requestId: string,
  also: (usable: Condition) => Statement[] = () => [],
): Promise<boolean> {
  const now = deps.clock.now()
  const usable = accessRequests.isUsable(requestId, caseId, what, now)
  const extra = also(usable)
  const results = await withAudit(
    deps,
    { actorId, action: 'access_opened', caseId, data: { what, requestId } },
    // markUsed last: it is the statement that makes the guard false (audit/log.ts).
    [...extra, accessRequests.markUsed(requestId, caseId, what, now)],
    usable,
  )
  return results[extra.length]?.changes === 1
}
