/**
 * @module evidence/access
 * Opening evidence. Staff see that a file exists (kind, type, size, pages, duration); its bytes
 * are opened only
 * - under an access request for that one file, approved by the custodian, unused and unexpired,
 *   by the staff member who asked for it, once the custodian has released the file's key for
 *   that request (evidence/release.ts; a reporter's file has no key the server can open without
 *   it): opening uses the approval and deletes the release (marked used with its `access_opened`
 *   audit row in one batch, cases/access.ts) and the console serves the stripped file once;
 * - or by staff of the organisation that uploaded it, with the key the server keeps for an
 *   organisation's own upload (audited as `evidence_opened`).
 */
import { withAudit } from '../audit/log.js'
import { useApproval } from '../cases/access.js'
import { canSee, CASE_WORKERS, type Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { organisationOf } from '../partners/organisations.js'
import * as accessRequests from '../store/access-requests.js'
import * as events from '../store/events.js'
import * as evidence from '../store/evidence.js'
import * as releases from '../store/evidence-releases.js'
import type { EvidenceInfo } from './attach.js'
import { releaseAad } from './release.js'

/** A file as the case page shows it, with what the viewer may do with it. */
export interface EvidenceView extends EvidenceInfo {
  source: string
  at: number
  /** Uploaded by the viewer's own organisation: they may open it. */
  own: boolean
  /**
   * Where the viewer's own latest request to open it stands: none, pending, approved (usable
   * now), release (approved, waiting for the custodian to release the file's key), refused, used,
   * expired.
   */
  access: 'none' | 'pending' | 'approved' | 'release' | 'refused' | 'used' | 'expired'
}

/** The case's files for an actor allowed to see the case (checked by the caller). */
export async function evidenceForStaff(deps: Deps, actor: Actor, caseId: string): Promise<EvidenceView[]> {
  const rows = await evidence.forCase(deps.sql, caseId)
  if (rows.length === 0) return []
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  const requests = await accessRequests.itemRequests(deps.sql, caseId, 'evidence')
  const now = deps.clock.now()
  const released = await releases.releasedRequests(deps.sql, caseId, now)
  return rows.map((r) => {
    const mine = requests.filter((q) => q.item === r.id && q.requested_by === actor.id)
    const last = mine[mine.length - 1]
    const access: EvidenceView['access'] = !last
      ? 'none'
      : last.decision === null
        ? 'pending'
        : last.decision === 'refused'
          ? 'refused'
          : last.used_at !== null
            ? 'used'
            : (last.expires ?? 0) <= now
              ? 'expired'
              : r.server_key || released.has(last.id)
                ? 'approved'
                : 'release'
    return {
      id: r.id,
      kind: r.kind,
      mime: r.mime,
      size: r.size,
      pages: r.pages,
      durationS: r.duration_s,
      source: r.source,
      at: r.created_at,
      own: org !== undefined && r.uploaded_by_org === org.id,
      access,
    }
  })
}

/** Ask the custodian to open one evidence file (admin, monitor), with a reason. */
export async function requestEvidenceAccess(
  deps: Deps,
  actor: Actor,
  caseId: string,
  evidenceId: string,
  reason: string,
): Promise<string> {
  if (!CASE_WORKERS.includes(actor.role) || !(await canSee(deps, actor, caseId))) throw new AppError('not_found')
  if (!(await evidence.openable(deps.sql, caseId, evidenceId))) throw new AppError('not_found')
  const why = reason.trim()
  if (why.length < 10 || why.length > 1000) {
    throw new AppError('validation', { reason: { key: 'console:errors.reason' } })
  }
  const id = deps.crypto.randomToken(12)
  await withAudit(
    deps,
    { actorId: actor.id, action: 'access_request', caseId, data: { id, what: 'evidence', item: evidenceId } },
    [
      accessRequests.insert({ id, caseId, what: 'evidence', reason: why, requestedBy: actor.id, at: deps.clock.now(), item: evidenceId }),
      events.append({
        id: deps.crypto.randomToken(16),
        caseId,
        at: deps.clock.now(),
        kind: 'access_request',
        actorId: actor.id,
        data: { id, what: 'evidence' },
      }),
    ],
  )
  return id
}

/** The stripped file's bytes and type, opened for the actor, or a 403/404. */
export async function openEvidence(
  deps: Deps,
  actor: Actor,
  caseId: string,
  evidenceId: string,
): Promise<{ bytes: Uint8Array; mime: string }> {
  if (!(await canSee(deps, actor, caseId))) throw new AppError('not_found')
  const row = await evidence.openable(deps.sql, caseId, evidenceId)
  if (!row) throw new AppError('not_found')
  const blob = await deps.blobs.get(row.object_name)
  if (!blob) throw new AppError('not_found')
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  if (org && row.uploaded_by_org === org.id && row.key_enc) {
    const bytes = openWith(deps, blob, row.id, deps.crypto.decrypt(row.key_enc, `evidence-key:${row.id}`))
    await withAudit(deps, { actorId: actor.id, action: 'evidence_opened', caseId, data: { id: evidenceId, own: true } }, [])
    return { bytes, mime: row.mime }
  }
  if (!CASE_WORKERS.includes(actor.role)) throw new AppError('forbidden')
  // Only the staff member who asked opens it (the custodian approved their reason).
  const now = deps.clock.now()
  let requestId: string
  let key: Uint8Array
  if (row.key_enc) {
    const approval = await accessRequests.usableForItem(deps.sql, caseId, 'evidence', evidenceId, now, actor.id)
    if (!approval) throw new AppError('forbidden')
    requestId = approval.id
    key = deps.crypto.decrypt(row.key_enc, `evidence-key:${row.id}`)
  } else {
    // No key the server can open: only the custodian's release for one of this asker's approvals.
    const release = await releases.forOpening(deps.sql, caseId, row.id, actor.id, now)
    if (!release) throw new AppError('forbidden', { evidence: { key: 'console:evidence.access.release' } })
    requestId = release.request_id
    key = deps.crypto.decrypt(release.key_wrapped, releaseAad(requestId, actor.id, row.id))
  }
  // Opened before the approval is spent: a file that does not open spends nothing.
  const bytes = openWith(deps, blob, row.id, key)
  const used = await useApproval(deps, actor.id, caseId, 'evidence', requestId, (usable) => [releases.remove(requestId, usable)])
  if (!used) throw new AppError('forbidden')
  return { bytes, mime: row.mime }
}

function openWith(deps: Deps, blob: Uint8Array, id: string, key: Uint8Array): Uint8Array {
  try {
    return deps.crypto.decryptFile(blob, key, `evidence:${id}`)
  } finally {
    key.fill(0)
  }
}
