/**
 * @module cases/scope
 * Who may see which case: the one place that decides. Every staff route and query goes through
 * `visibleWhere` (SQL) and `excludedEmployers` (conflict of interest, checked on the keyed hash
 * of the folded employer name the reporter typed: the stored name is redacted).
 * - admin: every case, including the unrouted ones (assigned_to NULL);
 * - monitor: cases assigned to them, or matching one of their scopes (a commitment or a right, in
 *   the case's country or '*', in its sector or '*'), never a case about an employer they are
 *   excluded from;
 * - ngo: cases it filed (cases.filed_by) or was granted (case_grants);
 * - custodian: no case content (only access requests, by reference).
 * Purged cases are never visible.
 */
import type { Deps } from '../deps.js'
import { foldKey } from '../routing/employer-key.js'
import { scopeMatchSql } from '../routing/scope-sql.js'
import type { Role } from '../staff/accounts.js'
import type { SqlValue } from '../store/port.js'

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

const MONITOR_SCOPE = `(c.assigned_to = ? OR ${scopeMatchSql('?', {
  country: 'c.country',
  sector: 'c.sector',
  commitments: 'c.commitments',
  rights: 'c.rights',
})})`

/** A SQL condition on alias `c` (cases) selecting what the actor may see. */
export function visibleWhere(actor: Actor): { sql: string; params: SqlValue[] } {
  switch (actor.role) {
    case 'admin':
      return { sql: 'c.purged_at IS NULL', params: [] }
    case 'monitor':
      return { sql: `c.purged_at IS NULL AND ${MONITOR_SCOPE}`, params: [actor.id, actor.id] }
    case 'ngo':
      return {
        sql: `c.purged_at IS NULL AND (c.filed_by = ? OR EXISTS (
          SELECT 1 FROM case_grants g WHERE g.case_id = c.id AND g.staff_id = ?))`,
        params: [actor.id, actor.id],
      }
    default:
      return { sql: '0', params: [] }
  }
}

/** The keyed hashes of the employers the actor is excluded from (monitors only). */
export async function excludedEmployers(deps: Deps, actor: Pick<Actor, 'id' | 'role'>): Promise<Set<string>> {
  if (actor.role !== 'monitor') return new Set()
  const rows = await deps.sql.all<{ employer_key: string }>(
    'SELECT employer_key FROM staff_exclusions WHERE staff_id = ?',
    actor.id,
  )
  return new Set(rows.map((r) => deps.crypto.blindIndex('employer', r.employer_key)))
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
  const v = visibleWhere(actor)
  const row = await deps.sql.get<{ employer: string; employer_hash: string | null }>(
    `SELECT c.employer, c.employer_hash FROM cases c WHERE c.id = ? AND ${v.sql}`,
    caseId,
    ...v.params,
  )
  if (!row) return false
  return withoutExcluded(deps, [row], await excludedEmployers(deps, actor)).length === 1
}
