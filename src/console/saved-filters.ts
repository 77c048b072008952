/**
 * @module console/saved-filters
 * A staff member's saved queue filters: a name and the queue's query string, re-read through
 * the same filter parser as any queue URL (a saved filter never bypasses validation).
 */
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as store from '../store/saved-filters.js'
import { filtersFrom } from './api.js'

export const SAVED_MAX = 30
const NAME_MAX = 60

/** The query string kept: only known filters, in a stable order (no cursor). */
function cleanQuery(query: string, isAdmin: boolean): string {
  const q = new URLSearchParams(query.slice(0, 1000))
  const f = filtersFrom((k) => q.get(k) ?? undefined, isAdmin)
  const out = new URLSearchParams()
  for (const [k, v] of Object.entries(f)) {
    if (k === 'after' || v === undefined || v === false) continue
    out.set(k, v === true ? '1' : String(v))
  }
  return out.toString()
}

export const savedFilters = (deps: Deps, staffId: string) => store.listFor(deps.sql, staffId)

export async function saveFilter(
  deps: Deps,
  actor: { id: string; role: string },
  name: string,
  query: string,
): Promise<void> {
  const n = name.replace(/\s+/g, ' ').trim()
  if (!n || n.length > NAME_MAX) throw new AppError('validation', { name: { key: 'console:errors.invalid' } })
  const clean = cleanQuery(query, actor.role === 'admin')
  if ((await store.countFor(deps.sql, actor.id)) >= SAVED_MAX)
    throw new AppError('validation', { name: { key: 'console:daily.saved.tooMany' } })
  await store.save(deps.sql, { id: deps.crypto.randomToken(12), staffId: actor.id, name: n, query: clean, at: deps.clock.now() })
}

export async function deleteFilter(deps: Deps, staffId: string, id: string): Promise<void> {
  if (!(await store.remove(deps.sql, staffId, id))) throw new AppError('not_found')
}
