/**
 * @module store/audit
 * The audit log's rows and its head (`audit_log`, `audit_head`). Hashing and chaining live in
 * `audit/log.ts`; this module only reads and writes. See that module for why the head moves in
 * the same batch as every append, and how a conflicting writer makes the batch fail.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

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

/** seq and hash of one audit row: the head, the last row, or a checkpoint. */
export interface ChainPoint {
  seq: number
  hash: string
}

/** The stored head, or undefined (a new log, or one written before the head existed). */
export function head(sql: Sql): Promise<ChainPoint | undefined> {
  return sql.get<ChainPoint>('SELECT seq, hash FROM audit_head WHERE id = 1')
}

/** The newest row in the log, or undefined when it is empty. */
export function lastRow(sql: Sql): Promise<ChainPoint | undefined> {
  return sql.get<ChainPoint>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')
}

/** The hash stored at `seq`, or undefined when the log has no such row. */
export async function hashAt(sql: Sql, seq: number): Promise<string | undefined> {
  return (await sql.get<{ hash: string }>('SELECT hash FROM audit_log WHERE seq = ?', seq))?.hash
}

/** Up to `limit` rows from `fromSeq` on, in order. */
export function page(sql: Sql, fromSeq: number, limit: number): Promise<AuditRow[]> {
  return sql.all<AuditRow>(
    `SELECT seq, at, actor_id, action, case_id, data, prev_hash, hash FROM audit_log
     WHERE seq >= ? ORDER BY seq LIMIT ?`,
    fromSeq,
    limit,
  )
}

/** A row before seq 1 (inserted by hand: the chain starts at 1), if any. */
export function strayRow(sql: Sql): Promise<{ seq: number } | undefined> {
  return sql.get<{ seq: number }>('SELECT seq FROM audit_log WHERE seq < 1 LIMIT 1')
}

/** Insert a row; with `when`, only if that condition holds. */
export function insertRow(row: AuditRow, when?: Condition): Statement {
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
    row.prev_hash,
    row.hash,
    ...(when?.params ?? []),
  )
}

/**
 * Move the head from `from` (as read) to `to`; with `when`, only if that condition holds.
 * No head yet: create it.
 */
export function moveHead(from: ChainPoint | undefined, to: ChainPoint, when?: Condition): Statement {
  const guard = when ? ` AND (${when.sql})` : ''
  return from
    ? // If another writer moved the head since it was read, seq becomes NULL: the NOT NULL
      // constraint then aborts the whole batch and the append retries (D1 has no other way to
      // make a batch fail on a condition).
      stmt(
        `UPDATE audit_head SET seq = CASE WHEN seq = ? THEN ? END, hash = ? WHERE id = 1${guard}`,
        from.seq,
        to.seq,
        to.hash,
        ...(when?.params ?? []),
      )
    : // Two writers creating the head: the second gets a constraint error and retries.
      stmt(
        `INSERT INTO audit_head (id, seq, hash) SELECT 1, ?, ? WHERE 1${guard}`,
        to.seq,
        to.hash,
        ...(when?.params ?? []),
      )
}

/** Another writer appended first (same seq, or the head moved or was created meanwhile). */
export const isConflict = (err: unknown) =>
  /audit_log\.seq|audit_head\.(seq|id)/.test(String((err as Error)?.message ?? err))
