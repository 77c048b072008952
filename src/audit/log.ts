/**
 * @module audit/log
 * The append-only, hash-chained audit log. Each row's hash is a keyed BLAKE2b (a key derived from
 * DATA_KEY, so someone who can write the database but does not hold DATA_KEY cannot rebuild the
 * chain after an edit) over the previous row's hash and the row's canonical form.
 *
 * The head (table `audit_head`, one row: seq and hash of the newest row) moves in the same batch
 * as every append, so deleting the newest rows shows: the log then ends before its head. New rows
 * chain from the head, not from the last row left, so after such a deletion they leave a gap that
 * `audit verify` keeps reporting instead of continuing a shortened log.
 *
 * The chain cannot fork: `seq` is the INTEGER PRIMARY KEY and each new row takes the head's seq + 1
 * with the head's hash as `prev_hash`. Two writers that read the same head both try to insert the
 * same seq; one wins and the other gets a constraint error, re-reads and retries.
 * The audit row is written in the same batch as the change it records, so neither exists alone;
 * a change guarded by a condition (compare-and-swap) is audited only when it applies.
 */
import type { Deps } from '../deps.js'
import * as auditStore from '../store/audit.js'
import type { AuditRow, ChainPoint } from '../store/audit.js'
import type { Condition, Statement } from '../store/port.js'

export type { AuditRow, ChainPoint } from '../store/audit.js'
export type { Condition } from '../store/port.js'

/** prev_hash of the first row. */
export const GENESIS = '0'.repeat(64)

/** What an audit row says: who did what, to which case, with small non-identifying details. */
export interface AuditEntry {
  actorId: string | null
  action: string
  caseId?: string | null
  data?: Record<string, unknown>
}

/** The canonical form hashed for a row: every column but the hashes, as a JSON array. */
export function canonical(r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([r.seq, r.at, r.actor_id, r.action, r.case_id, r.data])
}

/**
 * The hash a row must carry, given the previous row's hash: keyed BLAKE2b under the audit key
 * (derived from DATA_KEY, privacy/crypto.ts).
 */
export function rowHash(
  deps: Deps,
  prevHash: string,
  r: Omit<AuditRow, 'prev_hash' | 'hash'>,
): string {
  return deps.crypto.auditHash(`${prevHash}\n${canonical(r)}`)
}

/** The stored head, or undefined (a new log, or one written before the head existed). */
export function readHead(deps: Deps): Promise<ChainPoint | undefined> {
  return auditStore.head(deps.sql)
}

/** The newest row in the log, or undefined when it is empty. */
export function lastRow(deps: Deps): Promise<ChainPoint | undefined> {
  return auditStore.lastRow(deps.sql)
}

/**
 * The INSERT for the next row and the statement that moves the head onto it (both only when
 * `when` holds).
 */
async function nextRow(
  deps: Deps,
  entry: AuditEntry,
  when?: Condition,
): Promise<[Statement, Statement]> {
  const [head, last] = await Promise.all([readHead(deps), lastRow(deps)])
  // Chain from the head even when the log ends before it (rows deleted at the end): the gap stays
  // and verify keeps failing. Only a head behind the last row (rows exist past it, so their seq is
  // taken) or no head at all (a log from before the head) falls back to the last row.
  const from = head && (!last || head.seq >= last.seq) ? head : last
  const row = {
    seq: (from?.seq ?? 0) + 1,
    at: deps.clock.now(),
    actor_id: entry.actorId,
    action: entry.action,
    case_id: entry.caseId ?? null,
    data: JSON.stringify(entry.data ?? {}),
  }
  const prev = from?.hash ?? GENESIS
  const hash = rowHash(deps, prev, row)
  return [
    auditStore.insertRow({ ...row, prev_hash: prev, hash }, when),
    auditStore.moveHead(head, { seq: row.seq, hash }, when),
  ]
}

const isConflict = auditStore.isConflict

/**
 * Run `statements` and append one audit row, atomically (one batch). Retries when another
 * writer appended first. Returns the batch results of `statements`.
 *
 * With `when`, the audit row is written only if that condition holds, and it goes first in the
 * batch. Guard each of `statements` with the same condition (`UPDATE … WHERE`,
 * `INSERT … SELECT … WHERE`), the one that makes it false last: every statement then sees the
 * state the batch started from, so the change, its event and its audit row are all written or
 * none is. The caller reads `changes` to learn which (a lost compare-and-swap writes nothing).
 */
export async function withAudit(
  deps: Deps,
  entry: AuditEntry,
  statements: readonly Statement[] = [],
  when?: Condition,
) {
  for (let attempt = 0; ; attempt++) {
    const audit = await nextRow(deps, entry, when)
    try {
      if (!when) return (await deps.sql.batch([...statements, ...audit])).slice(0, statements.length)
      return (await deps.sql.batch([...audit, ...statements])).slice(audit.length)
    } catch (err) {
      if (attempt >= 32 || !isConflict(err)) throw err
      // Another writer took this seq: wait a little (jittered) and rebuild on the new head.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)))
    }
  }
}

/** Append one audit row on its own. */
export async function append(deps: Deps, entry: AuditEntry): Promise<void> {
  await withAudit(deps, entry)
}
