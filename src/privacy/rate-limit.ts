/**
 * @module privacy/rate-limit
 * Expiring counters keyed by a keyed hash of (bucket, source): no IP address or number is
 * stored in the clear, and a counter disappears when its window ends.
 */
import type { Deps } from '../deps.js'

export interface Limit {
  bucket: string
  max: number
  windowMs: number
}

/** Failed receipts: ten wrong tries an hour from one source; the eleventh is refused. */
export const RECEIPT_FAILURES: Limit = { bucket: 'receipt', max: 10, windowMs: 3_600_000 }

const keyFor = (deps: Deps, limit: Limit, source: string) =>
  deps.crypto.blindIndex('ratelimit', `${limit.bucket}\u0000${source}`)

/**
 * Count one attempt and say whether it is allowed (at most `max` in the window). Atomic: the
 * increment and the check are one statement, so a burst of parallel attempts cannot slip past.
 */
export async function consume(deps: Deps, limit: Limit, source: string): Promise<boolean> {
  const now = deps.clock.now()
  const row = await deps.sql.get<{ count: number }>(
    `INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN expires_at <= ? THEN 1 ELSE count + 1 END,
       expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END
     RETURNING count`,
    keyFor(deps, limit, source),
    now + limit.windowMs,
    now,
    now,
  )
  return (row?.count ?? 1) <= limit.max
}

/** Give back an attempt that turned out legitimate (a receipt that opened a case). */
export async function refund(deps: Deps, limit: Limit, source: string): Promise<void> {
  await deps.sql.run(
    'UPDATE rate_limits SET count = count - 1 WHERE key = ? AND count > 0 AND expires_at > ?',
    keyFor(deps, limit, source),
    deps.clock.now(),
  )
}

/** Count one more event for the source; a counter past its window starts again at 1. */
export async function hit(deps: Deps, limit: Limit, source: string): Promise<void> {
  const now = deps.clock.now()
  await deps.sql.run(
    `INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN expires_at <= ? THEN 1 ELSE count + 1 END,
       expires_at = CASE WHEN expires_at <= ? THEN excluded.expires_at ELSE expires_at END`,
    keyFor(deps, limit, source),
    now + limit.windowMs,
    now,
    now,
  )
}
