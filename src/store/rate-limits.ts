/**
 * @module store/rate-limits
 * Expiring keyed counters (`rate_limits`): the key is already a keyed hash of (bucket, source).
 */
import type { Sql } from './port.js'

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
