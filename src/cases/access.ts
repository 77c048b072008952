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
import { stmt } from '../store/port.js'
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
}

/** Pending requests first (oldest first), then the 50 latest decisions. */
export async function listAccessRequests(deps: Deps, actor: Actor): Promise<PendingRequest[]> {
  if (actor.role !== 'custodian') throw new AppError('forbidden')
  const rows = await deps.sql.all<{
    id: string
    reference: string
    what: string
    reason: string
    email: string | null
    requested_at: number
    decision: string | null
    decision_reason: string | null
    decided_at: number | null
    expires_at: number | null
    used_at: number | null
  }>(
    `SELECT r.id, c.reference, r.what, r.reason, s.email, r.requested_at, r.decision,
       r.decision_reason, r.decided_at, r.expires_at, r.used_at
     FROM access_requests r JOIN cases c ON c.id = r.case_id LEFT JOIN staff s ON s.id = r.requested_by
     WHERE r.decision IS NULL OR r.id IN (
       SELECT id FROM access_requests WHERE decision IS NOT NULL ORDER BY decided_at DESC LIMIT 50)
     ORDER BY r.decision IS NOT NULL, CASE WHEN r.decision IS NULL THEN r.requested_at ELSE -r.decided_at END`,
  )
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
  const req = await deps.sql.get<{ case_id: string; decision: string | null; what: string }>(
    'SELECT case_id, decision, what FROM access_requests WHERE id = ?',
    requestId,
  )
  if (!req) throw new AppError('not_found')
  if (req.decision) throw new AppError('conflict')
  const now = deps.clock.now()
  const pending = {
    sql: 'EXISTS (SELECT 1 FROM access_requests WHERE id = ? AND decision IS NULL)',
    params: [requestId],
  }
  const [, update] = await withAudit(
    deps,
    {
      actorId: actor.id,
      action: 'access_decision',
      caseId: req.case_id,
      data: { id: requestId, what: req.what, decision },
    },
    [
      stmt(
        `INSERT INTO case_events (id, case_id, at, kind, actor_id, data)
         SELECT ?, ?, ?, 'access_decision', ?, ? WHERE ${pending.sql}`,
        deps.crypto.randomToken(16),
        req.case_id,
        now,
        actor.id,
        JSON.stringify({ id: requestId, decision }),
        ...pending.params,
      ),
      stmt(
        `UPDATE access_requests SET decision = ?, decision_reason = ?, decided_by = ?, decided_at = ?,
           expires_at = ?
         WHERE id = ? AND decision IS NULL`,
        decision,
        why,
        actor.id,
        now,
        decision === 'approved' ? now + deps.config.accessApprovalDays * 86_400_000 : null,
        requestId,
      ),
    ],
    pending,
  )
  if (update?.changes !== 1) throw new AppError('conflict')
}

export type AccessItem = 'original' | 'identity' | 'voice'

/** Why there is no usable approval: none at all, the last one was used, or it expired. */
export type NoApproval = { problem: 'none' } | { problem: 'used' | 'expired'; id: string; at: number }

/** Approvals decided before expiry existed last the default 7 days from their decision. */
const EXPIRES = 'COALESCE(expires_at, decided_at + 604800000)'

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
  const usable = await deps.sql.get<{ id: string }>(
    `SELECT id FROM access_requests WHERE case_id = ? AND what = ? AND decision = 'approved'
       AND used_at IS NULL AND ${EXPIRES} > ?
     ORDER BY decided_at, id LIMIT 1`,
    caseId,
    what,
    now,
  )
  if (usable) return usable
  const last = await deps.sql.get<{ id: string; used_at: number | null; expires: number }>(
    `SELECT id, used_at, ${EXPIRES} AS expires FROM access_requests
     WHERE case_id = ? AND what = ? AND decision = 'approved' ORDER BY decided_at DESC, id LIMIT 1`,
    caseId,
    what,
  )
  if (!last) return { problem: 'none' }
  return last.used_at !== null
    ? { problem: 'used', id: last.id, at: last.used_at }
    : { problem: 'expired', id: last.id, at: last.expires }
}

/**
 * Use an approval: mark it used and append its `access_opened` audit row, in one batch, only
 * while it is still approved, unused and unexpired. False when another use got there first
 * (or it expired meanwhile): then nothing is written and nothing may be opened.
 */
export async function useApproval(
  deps: Deps,
  actorId: string | null,
  caseId: string,
  what: AccessItem,
  requestId: string,
): Promise<boolean> {
  const now = deps.clock.now()
  const usable = {
    sql: `EXISTS (SELECT 1 FROM access_requests WHERE id = ? AND case_id = ? AND what = ?
            AND decision = 'approved' AND used_at IS NULL AND ${EXPIRES} > ?)`,
    params: [requestId, caseId, what, now],
  }
  const [r] = await withAudit(
    deps,
    { actorId, action: 'access_opened', caseId, data: { what, requestId } },
    [
      stmt(
        `UPDATE access_requests SET used_at = ?
         WHERE id = ? AND case_id = ? AND what = ? AND decision = 'approved' AND used_at IS NULL
           AND ${EXPIRES} > ?`,
        now,
        requestId,
        caseId,
        what,
        now,
      ),
    ],
    usable,
  )
  return r?.changes === 1
}
