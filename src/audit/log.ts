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
import { stmt, type SqlValue, type Statement } from '../store/port.js'

/** prev_hash of the first row. */
export const GENESIS = '0'.repeat(64)

/** What an audit row says: who did what, to which case, with small non-identifying details. */
export interface AuditEntry {
  actorId: string | null
  action: string
  caseId?: string | null
  data?: Record<string, unknown>
}

/** A stored audit row. */
export interface AuditRow {
  seq: number
  at: number
  actor_id: string | null
  action: string
  case_id: string | null
  data: string
  prev_hash: string
  hash: string
}

const keys = new WeakMap<Uint8Array, Uint8Array>()

function auditKey(deps: Deps): Uint8Array {
  const root = deps.config.dataKey
  let k = keys.get(root)
  // crypto_kdf contexts are exactly 8 bytes; this one is the audit log's alone.
  if (!k) keys.set(root, (k = deps.sodium.crypto_kdf_derive_from_key(32, 1, 'hl_audit', root)))
  return k
}

/** The canonical form hashed for a row: every column but the hashes, as a JSON array. */
export function canonical(r: Omit<AuditRow, 'prev_hash' | 'hash'>): string {
  return JSON.stringify([r.seq, r.at, r.actor_id, r.action, r.case_id, r.data])
}

/** The hash a row must carry, given the previous row's hash. */
export function rowHash(
  deps: Deps,
  prevHash: string,
  r: Omit<AuditRow, 'prev_hash' | 'hash'>,
): string {
  return deps.sodium.crypto_generichash(32, `${prevHash}\n${canonical(r)}`, auditKey(deps), 'hex')
}

/** A SQL condition with its parameters. */
export interface Condition {
  sql: string
  params: readonly SqlValue[]
}

/** seq and hash of one audit row: the head, the last row, or a checkpoint. */
export interface ChainPoint {
  seq: number
  hash: string
}

/** The stored head, or undefined (a new log, or one written before the head existed). */
export function readHead(deps: Deps): Promise<ChainPoint | undefined> {
  return deps.sql.get<ChainPoint>('SELECT seq, hash FROM audit_head WHERE id = 1')
}

/** The newest row in the log, or undefined when it is empty. */
export function lastRow(deps: Deps): Promise<ChainPoint | undefined> {
  return deps.sql.get<ChainPoint>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
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
  const guard = when ? ` AND (${when.sql})` : ''
  const insert = stmt(
    `INSERT INTO audit_log (seq, at, actor_id, action, case_id, data, prev_hash, hash) ${
      when ? `SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE ${when.sql}` : 'VALUES (?, ?, ?, ?, ?, ?, ?, ?)'
    }`,
    row.seq,
    row.at,
    row.actor_id,
    row.action,
    row.case_id,
    row.data,
    prev,
    hash,
    ...(when?.params ?? []),
  )
  const moveHead = head
    ? // If another writer moved the head since it was read, seq becomes NULL: the NOT NULL
      // constraint then aborts the whole batch and the append retries (D1 has no other way to
      // make a batch fail on a condition).
      stmt(
        `UPDATE audit_head SET seq = CASE WHEN seq = ? THEN ? END, hash = ? WHERE id = 1${guard}`,
        head.seq,
        row.seq,
        hash,
        ...(when?.params ?? []),
      )
    : // Two writers creating the head: the second gets a constraint error and retries.
      stmt(
        `INSERT INTO audit_head (id, seq, hash) SELECT 1, ?, ? WHERE 1${guard}`,
        row.seq,
        hash,
        ...(when?.params ?? []),
      )
  return [insert, moveHead]
}

/** Another writer appended first (same seq, or the head moved or was created meanwhile). */
const isConflict = (err: unknown) =>
  /audit_log\.seq|audit_head\.(seq|id)/.test(String((err as Error)?.message ?? err))

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
