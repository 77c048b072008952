/**
 * @module cases/scope
 * Who may see which case: the one place that decides. Every staff route and query goes through
 * `visibleWhere` (SQL, in store/queue.ts) and `excludedEmployers` (conflict of interest, checked on the keyed hash
 * of the folded employer name the reporter typed: the stored name is redacted).
 * - admin: every case, including the unrouted ones (assigned_to NULL);
 * - monitor: cases assigned to them, or matching one of their scopes (a commitment or a right, in
 *   the case's country or '*', in its sector or '*'), never a case about an employer they are
 *   excluded from;
 * - ngo: cases it filed (cases.filed_by) or was granted (case_grants), and cases its organisation
 *   filed (cases.filed_by_org) or was shared (case_shares);
 * - custodian: no case content (only access requests, by reference).
 * Purged cases are never visible.
 */
import type { Deps } from '../deps.js'
import { foldKey } from '../routing/employer-key.js'
import type { Role } from '../staff/accounts.js'
import { visibleCase } from '../store/queue.js'
import { exclusionKeys } from '../store/staff.js'

/** The authenticated caller of a staff route. */
export interface Actor {
  id: string
  role: Role
  email: string
  via: 'session' | 'token'
  /** The session's CSRF token (session callers only). */
  csrf?: string
}

/** Roles that read cases. */
export const CASE_READERS: readonly Role[] = ['admin', 'monitor', 'ngo']
/** Roles that change cases (status, assignment, notes, merge, access requests). */
export const CASE_WORKERS: readonly Role[] = ['admin', 'monitor']

/** The keyed hashes of the employers the actor is excluded from (monitors only). */
export async function excludedEmployers(deps: Deps, actor: Pick<Actor, 'id' | 'role'>): Promise<Set<string>> {
  if (actor.role !== 'monitor') return new Set()
  const keys = await exclusionKeys(deps.sql, actor.id)
  return new Set(keys.map((k) => deps.crypto.blindIndex('employer', k)))
}

/** A case's employer hash; cases filed before the hash existed fall back to their stored name. */
export const caseEmployerHash = (deps: Deps, r: { employer: string; employer_hash: string | null }) =>
  r.employer_hash ?? deps.crypto.blindIndex('employer', foldKey(r.employer))

/** Drop the rows about an employer the actor is excluded from. */
export function withoutExcluded<T extends { employer: string; employer_hash: string | null }>(
  deps: Deps,
  rows: T[],
  excluded: Set<string>,
): T[] {
  return excluded.size === 0 ? rows : rows.filter((r) => !excluded.has(caseEmployerHash(deps, r)))
}

/** True when the actor may see the case (same rule as the queue). */
export async function canSee(deps: Deps, actor: Actor, caseId: string): Promise<boolean> {
  const row = await visibleCase(deps.sql, actor, caseId)
  if (!row) return false
  return withoutExcluded(deps, [row], await excludedEmployers(deps, actor)).length === 1
}
