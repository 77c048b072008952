/**
 * @module privacy/rate-limit
 * Expiring counters keyed by a keyed hash of (bucket, source): no IP address or number is
 * stored in the clear, and a counter disappears when its window ends.
 */
import { minuteCeil } from '../clock.js'
import type { Deps } from '../deps.js'
import type { Statement } from '../store/port.js'
import * as rateLimits from '../store/rate-limits.js'

export interface Limit {
  bucket: string
  max: number
  windowMs: number
}

/**
 * Wrong receipts from one phone (SMS sender, caller): ten an hour. A phone is one person.
 * Sized in docs/security.md ("Receipt guessing").
 */
export const RECEIPT_FAILURES: Limit = { bucket: 'receipt', max: 10, windowMs: 3_600_000 }

/**
 * Wrong receipts from one network (web, API): sixty an hour. Hundreds of workers can share one
 * address (factory Wi-Fi, carrier NAT), and one worker's typo must not lock out the others;
 * against 10^16 receipts the budget still leaves guessing hopeless (docs/security.md).
 */
export const RECEIPT_FAILURES_NETWORK: Limit = { bucket: 'receipt-net', max: 60, windowMs: 3_600_000 }

/**
 * The unit a network source is counted in: an IPv4 address, or an IPv6 /64 (one subscriber gets a
 * whole /64, so counting single IPv6 addresses would give an attacker 2^64 budgets). Other
 * sources (a keyed phone hash) are counted as they are.
 */
export function sourceUnit(source: string): string {
  const v4mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(source)
  if (v4mapped) return v4mapped[1]!
  if (!/^[0-9a-f:]+(%.+)?$/i.test(source) || !source.includes(':')) return source
  const [head = '', tail = ''] = source.replace(/%.*$/, '').toLowerCase().split('::')
  const left = head ? head.split(':') : []
  const right = source.includes('::') ? (tail ? tail.split(':') : []) : []
  const groups = source.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left
  if (groups.length !== 8) return source
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`
}

const keyFor = (deps: Deps, limit: Limit, source: string) =>
  deps.crypto.blindIndex('ratelimit', `${limit.bucket}\u0000${sourceUnit(source)}`)

/**
 * Count one attempt and say whether it is allowed (at most `max` in the window). Atomic: the
 * increment and the check are one statement, so a burst of parallel attempts cannot slip past.
 */
export async function consume(deps: Deps, limit: Limit, source: string): Promise<boolean> {
  const now = deps.clock.now()
  const count = await rateLimits.countOne(deps.sql, keyFor(deps, limit, source), minuteCeil(now + limit.windowMs), now)
  return count <= limit.max
}

/**
 * Count one attempt inside the batch that acts on it: `check` refuses early (a read) when the
 * source is already at its limit; `statement` counts one in the batch and, should parallel
 * attempts have reached the limit meanwhile, makes the whole batch fail (`isOverLimit`). One
 * write transaction instead of two, and still nothing past the limit commits.
 */
export function batchedLimit(deps: Deps, limit: Limit, source: string) {
  const key = keyFor(deps, limit, source)
  const now = deps.clock.now()
  return {
    async check(): Promise<boolean> {
      return (await rateLimits.liveCount(deps.sql, key, now)) < limit.max
    },
    statement(): Statement {
      return rateLimits.countOneAtMost(key, minuteCeil(now + limit.windowMs), now, limit.max)
    },
  }
}

export const isOverLimit = rateLimits.isOverLimit

/** Give back an attempt that turned out legitimate (a receipt that opened a case). */
export async function refund(deps: Deps, limit: Limit, source: string): Promise<void> {
  await rateLimits.giveBack(deps.sql, keyFor(deps, limit, source), deps.clock.now())
}

/** Count one more event for the source; a counter past its window starts again at 1. */
export async function hit(deps: Deps, limit: Limit, source: string): Promise<void> {
  const now = deps.clock.now()
  await rateLimits.add(deps.sql, keyFor(deps, limit, source), minuteCeil(now + limit.windowMs), now)
}
