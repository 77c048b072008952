/**
 * @module audit/verify
 * Walks the audit chain in order and names the first entry that does not fit: a changed row
 * (its hash no longer matches), a removed row (a gap in seq, or a prev_hash that points
 * nowhere), or a re-linked row. Rows are read in pages so a long log does not fill memory.
 * Then compares the last row with the stored head: a log that ends before its head lost its
 * newest rows. Someone who can write the database can move the head back too; only a checkpoint
 * kept off the server (audit/checkpoint) proves how long the log was.
 */
import type { Deps } from '../deps.js'
import * as auditStore from '../store/audit.js'
import { GENESIS, readHead, rowHash, type ChainPoint } from './log.js'

/**
 * - `hash`: the entry was edited; `prev_hash`: it does not follow the entry before it;
 * - `missing`: the entry is gone, with entries after it;
 * - `truncated`: the entry is gone, and every entry after it up to the head too;
 * - `head`: the head does not match the last entry (no head, a head behind the log, or another
 *   hash at the head's seq).
 */
export type AuditProblem = 'hash' | 'prev_hash' | 'missing' | 'truncated' | 'head'

export interface VerifyResult {
  ok: boolean
  /** Rows checked. */
  count: number
  /** The first broken entry's seq, or null. */
  brokenSeq: number | null
  problem: AuditProblem | null
  /** seq and hash of the last row checked (what a checkpoint records). */
  head: ChainPoint | null
  /** The stored head (`audit_head`), or null when there is none. */
  storedHead: ChainPoint | null
}

const PAGE = 1000

/** Verify the whole chain, then its end against the stored head. */
export async function verify(deps: Deps): Promise<VerifyResult> {
  let prevHash = GENESIS
  let expected = 1
  let count = 0
  let head: VerifyResult['head'] = null
  const storedHead = (await readHead(deps)) ?? null
  const broken = (seq: number, problem: AuditProblem): VerifyResult => ({
    ok: false,
    count,
    brokenSeq: seq,
    problem,
    head,
    storedHead,
  })
  for (;;) {
    const rows = await auditStore.page(deps.sql, expected, PAGE)
    for (const r of rows) {
      if (r.seq !== expected) return broken(expected, 'missing')
      if (r.prev_hash !== prevHash) return broken(r.seq, 'prev_hash')
      if (rowHash(deps, prevHash, r) !== r.hash) return broken(r.seq, 'hash')
      prevHash = r.hash
      expected = r.seq + 1
      count++
      head = { seq: r.seq, hash: r.hash }
    }
    if (rows.length < PAGE) break
  }
  // Rows before seq 1 (seq 0 or negative) were inserted by hand: the chain starts at 1.
  const stray = await auditStore.strayRow(deps.sql)
  if (stray) return broken(stray.seq, 'prev_hash')
  if (storedHead && storedHead.seq > (head?.seq ?? 0)) return broken(expected, 'truncated')
  if (head && !storedHead) return broken(head.seq, 'head')
  if (head && storedHead && (storedHead.seq < head.seq || storedHead.hash !== head.hash)) {
    return broken(Math.min(storedHead.seq + 1, head.seq), 'head')
  }
  return { ok: true, count, brokenSeq: null, problem: null, head, storedHead }
}
