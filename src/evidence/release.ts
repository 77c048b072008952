/**
 * @module evidence/release
 * The custodian releases one evidence file's key for one approved request. A reporter's file key
 * is stored only sealed to the custodian (migration 0015), so an approval alone opens nothing:
 * the custodian unseals the key with the private key (the CLI, `evidence release`, on the machine
 * that holds it; the key is read for this run and never stored), checks it opens the stored file,
 * and stores it wrapped under the server's content key bound to (request, staff member who asked,
 * file). That staff member's next opening in the console uses it once (evidence/access.ts deletes
 * it with the approval's use); unused, it expires with the approval and the purge deletes it.
 * Audited as `evidence_released`, in the same batch, only while the approval is still usable.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { custodianPublicKeyOf, openSealed } from '../privacy/crypto.js'
import type { Sodium } from '../privacy/sodium.js'
import * as accessRequests from '../store/access-requests.js'
import * as evidence from '../store/evidence.js'
import * as releases from '../store/evidence-releases.js'

/** The AAD a released key is wrapped under: it opens for this request, asker and file only. */
export const releaseAad = (requestId: string, staffId: string, evidenceId: string) =>
  `evidence-release:${requestId}:${staffId}:${evidenceId}`

/** Why a release is refused (the CLI prints it; not user-facing text). */
export class ReleaseRefused extends Error {
  override name = 'ReleaseRefused'
}

export interface Released {
  reference: string
  evidenceId: string
  expiresAt: number
  /** The file needs no release: the server keeps its key (an organisation's own upload). */
  notNeeded?: true
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Release the key of the file an approved, unused, unexpired evidence request is about.
 * Refuses (ReleaseRefused, nothing written) when the request is unknown, not about evidence,
 * not approved, used, expired or already released, or when the private key does not open it.
 */
export async function releaseEvidence(
  deps: Deps,
  sodium: Sodium,
  privateKey: Uint8Array,
  requestId: string,
): Promise<Released> {
  const now = deps.clock.now()
  const req = await accessRequests.forRelease(deps.sql, requestId)
  if (!req) throw new ReleaseRefused(`no access request ${requestId}`)
  if (req.what !== 'evidence' || !req.item) throw new ReleaseRefused(`request ${requestId} is not about an evidence file`)
  if (req.decision !== 'approved') {
    throw new ReleaseRefused(`request ${requestId} is ${req.decision ?? 'pending'}: approve it on /console/custodian first`)
  }
  if (req.used_at !== null) throw new ReleaseRefused(`request ${requestId} was already used on ${day(req.used_at)}: an approval opens once`)
  if ((req.expires ?? 0) <= now) throw new ReleaseRefused(`request ${requestId} expired on ${day(req.expires ?? 0)}: a new request is needed`)
  const row = await evidence.sealedKey(deps.sql, req.case_id, req.item)
  if (!row) throw new ReleaseRefused(`the file of request ${requestId} is gone (purged)`)
  const released: Released = { reference: req.reference, evidenceId: req.item, expiresAt: req.expires! }
  if (row.server_key) return { ...released, notNeeded: true }
  if (await releases.exists(deps.sql, requestId)) {
    throw new ReleaseRefused(`request ${requestId} is already released: it waits for the staff member who asked to open it`)
  }
  const blob = await deps.blobs.get(row.object_name)
  if (!blob) throw new ReleaseRefused(`the stored file of request ${requestId} is missing`)
  let key: Uint8Array
  try {
    key = openSealed(sodium, row.key_sealed, custodianPublicKeyOf(sodium, privateKey), privateKey)
    // The key must open the stored file (a wrong key pair, or a damaged object, releases nothing).
    deps.crypto.decryptFile(blob, key, `evidence:${req.item}`)
  } catch {
    throw new ReleaseRefused(`this private key does not open the file of request ${requestId}`)
  }
  const usable = accessRequests.isUsable(requestId, req.case_id, 'evidence', now)
  const [inserted] = await withAudit(
    deps,
    { actorId: null, action: 'evidence_released', caseId: req.case_id, data: { requestId, id: req.item } },
    [
      releases.insert(
        {
          requestId,
          evidenceId: req.item,
          caseId: req.case_id,
          staffId: req.requested_by,
          keyWrapped: deps.crypto.encrypt(key, releaseAad(requestId, req.requested_by, req.item)),
          at: now,
          expiresAt: req.expires!,
        },
        usable,
      ),
    ],
    usable,
  )
  key.fill(0)
  if (inserted?.changes !== 1) throw new ReleaseRefused(`request ${requestId} was used or expired meanwhile: nothing released`)
  return released
}
