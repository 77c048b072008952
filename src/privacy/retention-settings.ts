/**
 * @module privacy/retention-settings
 * Retention as data (issue 20): an admin may set, per status, how many days a case is kept
 * before the purge (and how long an SMS conversation lives), overriding RETENTION_<STATUS>_DAYS
 * for this deployment without a restart. The purge reads the effective values at each run.
 * Every change is audited (`retention_set`, from and to). Bounds are the environment's: 1–36500 days.
 */
import { append } from '../audit/log.js'
import type { RetentionDays } from '../config.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as store from '../store/retention-settings.js'

export type RetentionKey = keyof RetentionDays

export const RETENTION_KEYS = Object.keys({
  new: 0,
  triaging: 0,
  investigating: 0,
  escalated: 0,
  resolved: 0,
  closed: 0,
  conversation: 0,
} satisfies RetentionDays) as RetentionKey[]

const isKey = (k: string): k is RetentionKey => (RETENTION_KEYS as string[]).includes(k)

/** The days the purge uses now: the admin's settings over the environment's. */
export async function effectiveRetention(deps: Deps): Promise<RetentionDays> {
  const days = { ...deps.config.retentionDays }
  for (const r of await store.all(deps.sql)) if (isKey(r.status)) days[r.status] = r.days
  return days
}

/** The admin's overrides, by key. */
export async function retentionOverrides(deps: Deps): Promise<Partial<RetentionDays>> {
  const out: Partial<RetentionDays> = {}
  for (const r of await store.all(deps.sql)) if (isKey(r.status)) out[r.status] = r.days
  return out
}

/**
 * Set the days for each key given; '' (or null) goes back to the environment's value. Every value
 * is checked before any is written: one bad value changes nothing.
 */
export async function setRetention(
  deps: Deps,
  actorId: string,
  values: Partial<Record<string, string | null>>,
): Promise<number> {
  const plan: [RetentionKey, number | null][] = []
  for (const [k, raw] of Object.entries(values)) {
    if (!isKey(k)) throw new AppError('validation', { [k]: { key: 'console:errors.invalid' } })
    const v = (raw ?? '').trim()
    if (v === '') {
      plan.push([k, null])
      continue
    }
    const n = Number(v)
    if (!/^\d{1,5}$/.test(v) || n < 1 || n > 36500)
      throw new AppError('validation', { [k]: { key: 'console:daily.retention.range' } })
    plan.push([k, n])
  }
  const before = await effectiveRetention(deps)
  const overrides = await retentionOverrides(deps)
  let changed = 0
  for (const [k, days] of plan) {
    if (days === null) {
      if (overrides[k] === undefined) continue
      await store.clear(deps.sql, k)
    } else {
      if (overrides[k] === days) continue
      await store.set(deps.sql, k, days, actorId, deps.clock.now())
    }
    changed++
    const to = days ?? deps.config.retentionDays[k]
    await append(deps, { actorId, action: 'retention_set', data: { status: k, from: before[k], to, fromEnvironment: days === null } })
  }
  return changed
}
