/**
 * @module audit/verify
 * Walks the audit chain in order and names the first entry that does not fit: a changed row
 * (its hash no longer matches), a removed row (a gap in seq, or a prev_hash that points
 * nowhere), or a re-linked row. Rows are read in pages so a long log does not fill memory.
 * Removing rows at the very end leaves no gap; `head` is returned so an operator can keep it
 * elsewhere and compare (docs/console.md).
 */
import type { Deps } from '../deps.js'
import { GENESIS, rowHash, type AuditRow } from './log.js'

export type AuditProblem = 'hash' | 'prev_hash' | 'missing'

export interface VerifyResult {
  ok: boolean
  /** Rows checked. */
  count: number
  /** The first broken entry's seq, or null. */
  brokenSeq: number | null
  problem: AuditProblem | null
  /** seq and hash of the last row (the head to record elsewhere). */
  head: { seq: number; hash: string } | null
}

const PAGE = 1000

/** Verify the whole chain. */
export async function verify(deps: Deps): Promise<VerifyResult> {
  let prevHash = GENESIS
  let expected = 1
  let count = 0
  let head: VerifyResult['head'] = null
  const broken = (seq: number, problem: AuditProblem): VerifyResult => ({
    ok: false,
    count,
    brokenSeq: seq,
    problem,
    head,
  })
  for (;;) {
    const rows = await deps.sql.all<AuditRow>(
      `SELECT seq, at, actor_id, action, case_id, data, prev_hash, hash FROM audit_log
       WHERE seq >= ? ORDER BY seq LIMIT ?`,
      expected,
      PAGE,
    )
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
  const stray = await deps.sql.get<{ seq: number }>(
    'SELECT seq FROM audit_log WHERE seq < 1 LIMIT 1',
  )
  if (stray) return broken(stray.seq, 'prev_hash')
  return { ok: true, count, brokenSeq: null, problem: null, head }
}
