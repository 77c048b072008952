/**
 * @module evidence/list
 * What other parts may list of a case's evidence without opening it (escalation packages list
 * type, size, hash; the files themselves go only under the consent and approval rules).
 */
import type { Sql } from '../store/port.js'
import * as evidence from '../store/evidence.js'

export interface EvidenceListing {
  id: string
  kind: string
  mime: string
  size: number
  pages: number | null
  durationS: number | null
  /** Keyed BLAKE2b of the stripped file (hex): equal files have equal hashes on one install. */
  hash: string
  /** Who attached it: the worker (`reporter`), staff or an organisation (`ngo`). */
  source: string
  /** The UTC day it was attached (epoch ms). */
  at: number
}

export async function listEvidence(store: Sql, caseId: string): Promise<EvidenceListing[]> {
  const rows = await evidence.forCase(store, caseId)
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    mime: r.mime,
    size: r.size,
    pages: r.pages,
    durationS: r.duration_s,
    hash: r.content_hash,
    source: r.source,
    at: r.created_at,
  }))
}
