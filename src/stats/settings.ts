/**
 * @module stats/settings
 * The statistics' settings (table `settings`, keys `stats.*`), changed by an administrator in the
 * console or with the CLI, each change audited (`stats_setting`):
 * - `stats.k`: the threshold, 5 by default, never below 3;
 * - `stats.public`: the public transparency page, `off` by default;
 * - `stats.lattice`: the base dimensions every figure is summed from (docs/analytics.md).
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { put, withPrefix } from '../store/settings.js'
import { BASE_DIMENSIONS, DEFAULT_LATTICE } from './dimensions.js'

export const DEFAULT_K = 5
export const MIN_K = 3
export const MAX_K = 100
/** The public page's facility figures use k × this (a higher threshold; docs/analytics.md). */
export const PUBLIC_FACILITY_FACTOR = 2

export interface StatsSettings {
  k: number
  public: boolean
  lattice: string[]
  /** JSON of the snapshot's description ({at, lattice}), if one was built. */
  snapshot?: string
}

/** The settings in force (defaults where none was set; a stored k below 3 counts as 3). */
export async function statsSettings(deps: Deps): Promise<StatsSettings> {
  const rows = new Map((await withPrefix(deps.sql, 'stats.')).map((r) => [r.key, r.value]))
  const k = Number(rows.get('stats.k') ?? DEFAULT_K)
  const lattice = (rows.get('stats.lattice') ?? '').split(',').filter((d) => BASE_DIMENSIONS.includes(d))
  const snapshot = rows.get('stats.snapshot')
  return {
    k: Number.isInteger(k) ? Math.min(MAX_K, Math.max(MIN_K, k)) : DEFAULT_K,
    public: rows.get('stats.public') === 'on',
    lattice: lattice.length > 0 ? lattice : [...DEFAULT_LATTICE],
    ...(snapshot ? { snapshot } : {}),
  }
}

const invalid = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('validation', { [field]: { key, ...(params ? { params } : {}) } })

async function save(deps: Deps, actorId: string | null, key: string, value: string) {
  await withAudit(deps, { actorId, action: 'stats_setting', data: { key, value } }, [
    put(key, value, deps.clock.now(), actorId),
  ])
}

/** Set k (an integer from 3 to 100). */
export async function setK(deps: Deps, actorId: string | null, raw: string | number): Promise<number> {
  const k = typeof raw === 'number' ? raw : /^\d{1,3}$/.test(raw.trim()) ? Number(raw.trim()) : NaN
  if (!Number.isInteger(k) || k < MIN_K || k > MAX_K) {
    throw invalid('k', 'console:stats.errors.k', { min: MIN_K, max: MAX_K })
  }
  await save(deps, actorId, 'stats.k', String(k))
  return k
}

/** Switch the public transparency page on or off. */
export async function setPublic(deps: Deps, actorId: string | null, on: boolean): Promise<void> {
  await save(deps, actorId, 'stats.public', on ? 'on' : 'off')
}

/** Set the lattice: one or more base dimensions, each once. */
export async function setLattice(deps: Deps, actorId: string | null, dims: readonly string[]): Promise<string[]> {
  const list = [...new Set(dims.map((d) => d.trim()).filter(Boolean))]
  if (list.length === 0 || list.some((d) => !BASE_DIMENSIONS.includes(d))) {
    throw invalid('lattice', 'console:stats.errors.latticeSetting', { dims: BASE_DIMENSIONS.join(', ') })
  }
  await save(deps, actorId, 'stats.lattice', list.join(','))
  return list
}
