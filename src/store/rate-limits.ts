/**
 * @module store/rate-limits
 * Expiring keyed counters (`rate_limits`): the key is already a keyed hash of (bucket, source).
 */
import type { Sql, Statement } from './port.js'

const COUNT_ONE = `INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN expires_at <= ? THEN 1 ELSE count + 1 END,
       expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END`

/**
 * Count one and return the count, in one statement (a burst of parallel attempts cannot slip
 * past). A counter past its window starts again at 1 and expires at `expiresAt`.
 */
export async function countOne(sql: Sql, key: string, expiresAt: number, now: number): Promise<number> {
  const row = await sql.get<{ count: number }>(`${COUNT_ONE}\n     RETURNING count`, key, expiresAt, now, now)
  return row?.count ?? 1
}

/** Count one, without reading the count back. */
export async function add(sql: Sql, key: string, expiresAt: number, now: number): Promise<void> {
  await sql.run(COUNT_ONE, key, expiresAt, now, now)
}

/** Give one back to a live counter. */
export async function giveBack(sql: Sql, key: string, now: number): Promise<void> {
  await sql.run('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND count > 0 AND expires_at > ?', key, now)
}

/**
 * Count one, as a statement of a larger batch that must not commit past `max`: a live counter
 * already at `max` is set to NULL, which its NOT NULL constraint refuses, so the whole batch
 * rolls back (on SQLite and D1 alike). `isOverLimit` recognises that error.
 */
export function countOneAtMost(key: string, expiresAt: number, now: number, max: number): Statement {
  return {
    sql: `INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN expires_at <= ? THEN 1 WHEN count >= ? THEN NULL ELSE count + 1 END,
       expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END`,
    params: [key, expiresAt, now, max, now],
  }
}

/** The error of a batch that `countOneAtMost` refused. */
export const isOverLimit = (err: unknown): boolean =>
  /NOT NULL constraint failed: rate_limits\.count/.test(String((err as Error)?.message ?? err))

/** The live count of a counter (0 when there is none or it expired). */
export async function liveCount(sql: Sql, key: string, now: number): Promise<number> {
  const row = await sql.get<{ count: number }>('SELECT count FROM rate_limits WHERE key = ? AND expires_at > ?', key, now)
  return row?.count ?? 0
}
