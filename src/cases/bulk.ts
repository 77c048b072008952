/**
 * @module cases/bulk
 * Bulk assign and bulk close from the queue: the same single-case actions (scope check, event
 * and audit row in one batch each), applied case by case. A case the actor may not touch, or
 * whose status moved meanwhile, is counted as failed and left as it was; the others apply.
 */
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import type { Actor } from './scope.js'
import { assignCase, changeStatus, OUTCOMES } from './staff-actions.js'

/** The most cases one bulk action takes (a queue page). */
export const BULK_MAX = 200

export type BulkAction = { kind: 'assign'; to: string | null } | { kind: 'close'; outcome: string }

export interface BulkResult {
  done: number
  failed: number
}

/** Apply one action to each case; a bad request (no case, unknown outcome) changes nothing. */
export async function bulkApply(
  deps: Deps,
  actor: Actor,
  ids: readonly string[],
  action: BulkAction,
): Promise<BulkResult> {
  const unique = [...new Set(ids.map((x) => x.trim()).filter(Boolean))]
  if (unique.length === 0 || unique.length > BULK_MAX)
    throw new AppError('validation', { ids: { key: 'console:daily.bulk.none' } })
  if (action.kind === 'close' && !(OUTCOMES as readonly string[]).includes(action.outcome))
    throw new AppError('validation', { outcome: { key: 'console:errors.outcome' } })
  if (actor.role !== 'admin' && actor.role !== 'monitor') throw new AppError('forbidden')
  let done = 0
  let failed = 0
  for (const id of unique) {
    try {
      if (action.kind === 'assign') await assignCase(deps, actor, id, action.to)
      else await changeStatus(deps, actor, id, 'closed', action.outcome)
      done++
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'server') throw err
      failed++
    }
  }
  return { done, failed }
}
