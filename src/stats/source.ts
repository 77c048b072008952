/**
 * @module stats/source
 * Where the base cells come from. For the whole caseload (administrators, the public page) a
 * snapshot (`stats_cells`), rebuilt when it is older than SNAPSHOT_TTL_MS or was built over another
 * lattice, and by maintenance; for a monitor whose scopes the lattice can express and who has no
 * conflict-of-interest exclusion, the snapshot's cells within their scopes (stats/scope-cells.ts);
 * for any other monitor and for an organisation, their scope counted live (the same query with
 * their scope's condition). Counting goes a chunk of rowids at a time so that a large caseload
 * never holds the event loop or the database for long.
 */
import type { Actor } from '../cases/scope.js'
import { caseEmployerHash, excludedEmployers } from '../cases/scope.js'
import { dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { scopesOf } from '../store/staff-scopes.js'
import { baseChunk, maxCaseRowid, replaceSnapshot, snapshotCells, unhashedEmployers, type Population } from '../store/stats.js'
import { agreementMap, forumClockDefs } from './dimensions.js'
import { parseBase, type BaseCell } from './figures.js'
import { cellsWithin, scopeCellTest } from './scope-cells.js'
import { MIN_K, statsSettings, type StatsSettings } from './settings.js'

/** How old the snapshot may be before a reader rebuilds it. */
export const SNAPSHOT_TTL_MS = 10 * 60_000
/**
 * Cases read per query while counting: the chunk adapts so that each query holds the event loop
 * for about SLICE_MS (a fixed 10,000 took ~250 ms on a busy machine), between these bounds.
 */
export const COUNT_CHUNK = { first: 2_000, min: 250, max: 50_000 }
const SLICE_MS = 20

export interface Base {
  lattice: string[]
  cells: BaseCell[]
  /** When the counts were taken (Unix ms). */
  asOf: number
}

interface SnapshotMeta {
  /** A random id per rebuild: readers in this process reuse a parsed snapshot with the same id. */
  id: string
  at: number
  lattice: string[]
}

/** Count a population's base cells over the lattice, chunk by chunk. */
async function count(deps: Deps, lattice: readonly string[], population: Population, signal?: AbortSignal) {
  const x = { today: dayOf(deps.clock.now()), agreementOf: agreementMap(), forumClocks: forumClockDefs() }
  const max = await maxCaseRowid(deps.sql)
  const cells = new Map<string, number>()
  let chunk = COUNT_CHUNK.first
  for (let from = 0; from < max; ) {
    if (signal?.aborted) return undefined
    const started = performance.now()
    for (const r of await baseChunk(deps.sql, lattice, x, population, from, from + chunk)) {
      cells.set(r.cell, (cells.get(r.cell) ?? 0) + r.n)
    }
    const ms = performance.now() - started
    from += chunk
    // Let other work run between chunks (requests, the SQLite checkpointer).
    await new Promise((r) => setTimeout(r, 0))
    // The next chunk aims at SLICE_MS (workerd's clock stands still within a request: it stays put).
    if (ms > 0) chunk = Math.round(Math.min(COUNT_CHUNK.max, Math.max(COUNT_CHUNK.min, chunk * Math.min(2, SLICE_MS / ms))))
  }
  return cells
}

const metaOf = (s: StatsSettings): SnapshotMeta | undefined => {
  if (!s.snapshot) return undefined
  try {
    return JSON.parse(s.snapshot) as SnapshotMeta
  } catch {
    return undefined
  }
}

const fresh = (deps: Deps, s: StatsSettings, meta: SnapshotMeta | undefined): meta is SnapshotMeta =>
  meta !== undefined &&
  meta.lattice.join(',') === s.lattice.join(',') &&
  deps.clock.now() - meta.at < SNAPSHOT_TTL_MS

/** Rebuild the snapshot of the whole caseload now (one batch replaces it). */
export async function rebuildSnapshot(deps: Deps, signal?: AbortSignal): Promise<number | undefined> {
  const s = await statsSettings(deps)
  const cells = await count(deps, s.lattice, { kind: 'all' }, signal)
  if (!cells) return undefined
  // A cell under the smallest k allowed publishes nothing under any k: it need not be kept.
  for (const [cell, n] of cells) if (n < MIN_K) cells.delete(cell)
  const at = deps.clock.now()
  const meta: SnapshotMeta = { id: deps.crypto.randomToken(12), at, lattice: s.lattice }
  await deps.sql.batch(replaceSnapshot(cells, JSON.stringify(meta), at))
  // The process that rebuilt it (maintenance, usually) keeps it parsed for its readers.
  const base = { lattice: s.lattice, cells: parseBase([...cells].map(([cell, n]) => ({ cell, n }))), asOf: at }
  cached = { id: meta.id, base }
  return cells.size
}

/** Rebuild the snapshot if it is stale (maintenance calls this every run). */
export async function refreshSnapshotIfStale(deps: Deps, signal?: AbortSignal): Promise<boolean> {
  const s = await statsSettings(deps)
  if (fresh(deps, s, metaOf(s))) return false
  return (await rebuildSnapshot(deps, signal)) !== undefined
}

/** The last snapshot built or read in this process, parsed (readers of the same snapshot share it). */
let cached: { id: string; base: Base } | undefined

/** A rebuild in progress in this process: concurrent readers wait for it instead of starting theirs. */
let inflight: Promise<unknown> | undefined

/** The base of the whole caseload, from a fresh snapshot. */
export async function wholeBase(deps: Deps): Promise<Base> {
  let s = await statsSettings(deps)
  if (!fresh(deps, s, metaOf(s))) {
    inflight ??= rebuildSnapshot(deps).finally(() => (inflight = undefined))
    await inflight
    s = await statsSettings(deps)
  }
  const meta = metaOf(s)!
  if (cached?.id !== meta.id) {
    const base = { lattice: meta.lattice, cells: parseBase(await snapshotCells(deps.sql)), asOf: meta.at }
    cached = { id: meta.id, base }
  }
  return cached.base
}

/** Scoped bases counted lately in this process, by viewer (at most SCOPED_CACHE, each for the TTL). */
const scoped = new Map<string, Base>()
const SCOPED_CACHE = 32

/**
 * The base a staff member's figures are summed from (docs/analytics.md, "A scoped viewer"):
 * - admins: the snapshot;
 * - a monitor with no conflict-of-interest exclusion whose scopes the lattice can express: the
 *   snapshot's cells within their scopes (a filter of the parsed snapshot, a few milliseconds);
 * - any other monitor, and organisations: their scope counted live, then kept for SNAPSHOT_TTL_MS
 *   like the snapshot (so a scope changed by an admin shows in the figures within 10 minutes).
 */
export async function baseFor(deps: Deps, actor: Actor): Promise<Base> {
  if (actor.role === 'admin') return wholeBase(deps)
  // The same conflict-of-interest rule as the queue (cases/scope.ts): by the employer's keyed hash,
  // or, for a case written before the hash existed, by its stored name. The snapshot cannot leave
  // an employer out, so an excluded monitor is always counted live.
  const excluded = await excludedEmployers(deps, actor)
  if (actor.role === 'monitor' && excluded.size === 0) {
    const scopes = await scopesOf(deps.sql, actor.id)
    const s = await statsSettings(deps)
    if (scopeCellTest(scopes, s.lattice)) {
      const whole = await wholeBase(deps)
      // The snapshot's own lattice (a rebuild may have followed a change of the setting).
      const keep = scopeCellTest(scopes, whole.lattice)
      if (keep) return cellsWithin(whole, keep)
    }
  }
  return liveBase(deps, actor, excluded)
}

/** A viewer's scope counted live over the lattice (see baseFor), kept for the TTL. */
async function liveBase(deps: Deps, actor: Actor, excluded: Set<string>): Promise<Base> {
  const s = await statsSettings(deps)
  const now = deps.clock.now()
  const key = `${actor.id}|${s.lattice.join(',')}`
  const hit = scoped.get(key)
  if (hit && now - hit.asOf < SNAPSHOT_TTL_MS && now >= hit.asOf) return hit
  const legacy =
    excluded.size === 0
      ? []
      : (await unhashedEmployers(deps.sql, actor))
          .filter((r) => excluded.has(caseEmployerHash(deps, { employer: r.employer, employer_hash: null })))
          .map((r) => r.id)
  const population: Population = {
    kind: 'viewer',
    viewer: actor,
    excludedEmployerHashes: [...excluded],
    excludedCaseIds: legacy,
  }
  const cells = (await count(deps, s.lattice, population))!
  const base: Base = {
    lattice: s.lattice,
    cells: [...cells].filter(([, n]) => n >= MIN_K).map(([cell, n]) => ({ values: JSON.parse(cell) as string[], n })),
    asOf: now,
  }
  scoped.delete(key)
  scoped.set(key, base)
  while (scoped.size > SCOPED_CACHE) scoped.delete(scoped.keys().next().value!)
  return base
}
