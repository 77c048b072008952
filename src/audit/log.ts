/**
 * @module audit/log
 * The append-only, hash-chained audit log. Each row's hash is a keyed BLAKE2b (a key derived from
 * DATA_KEY, so someone who can write the database but does not hold DATA_KEY cannot rebuild the
 * chain after an edit) over the previous row's hash and the row's canonical form.
 *
 * The chain cannot fork: `seq` is the INTEGER PRIMARY KEY and each new row takes the last seq + 1
 * with the last row's hash as `prev_hash`. Two writers that read the same last row both try to
 * insert the same seq; one wins and the other gets a constraint error, re-reads and retries.
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

/** The INSERT for the next row, built from the current last row (only when `when` holds). */
async function nextRow(deps: Deps, entry: AuditEntry, when?: Condition): Promise<Statement> {
  const last = await deps.sql.get<{ seq: number; hash: string }>(
    'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
  )
  const row = {
    seq: (last?.seq ?? 0) + 1,
    at: deps.clock.now(),
    actor_id: entry.actorId,
    action: entry.action,
    case_id: entry.caseId ?? null,
    data: JSON.stringify(entry.data ?? {}),
  }
  const prev = last?.hash ?? GENESIS
  return stmt(
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
    rowHash(deps, prev, row),
    ...(when?.params ?? []),
  )
}

const isConflict = (err: unknown) => /audit_log\.seq/.test(String((err as Error)?.message ?? err))

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
      if (!when) return (await deps.sql.batch([...statements, audit])).slice(0, statements.length)
      return (await deps.sql.batch([audit, ...statements])).slice(1)
    } catch (err) {
      if (attempt >= 32 || !isConflict(err)) throw err
      // Another writer took this seq: wait a little (jittered) and rebuild on the new last row.
      await new Promise((r) => setTimeout(r, Math.random() * Math.min(2 ** attempt, 50)))
    }
  }
}

/** Append one audit row on its own. */
export async function append(deps: Deps, entry: AuditEntry): Promise<void> {
  await withAudit(deps, entry)
}
