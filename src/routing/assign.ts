/**
 * @module routing/assign
 * Picks the monitor for a new case: eligible by scope (a commitment or a right, in the case's
 * country, optionally its sector), not excluded for the employer (conflict of interest), with the
 * fewest open cases. No eligible monitor: the case stays unassigned, in the admins' "unrouted"
 * queue. It is never dropped.
 */
import { isRight, type Catalog } from '../catalog/index.js'
import { OPEN_STATUSES } from '../cases/statuses.js'
import type { Sql } from '../store/port.js'
import { scopeMatchSql } from './scope-sql.js'
import { foldKey } from './employer-key.js'

export interface RoutingInput {
  country: string
  sector?: string | undefined
  employer: string
  commitments: readonly string[]
  rights: readonly string[]
}

const PICK_MONITOR = `
SELECT s.id AS id,
  (SELECT COUNT(*) FROM cases c WHERE c.assigned_to = s.id
     AND c.status IN (${OPEN_STATUSES.map((st) => `'${st}'`).join(', ')})) AS open_cases
FROM staff s
WHERE s.role = 'monitor' AND s.disabled = 0
  AND ${scopeMatchSql('s.id', { country: '?', sector: '?', commitments: '?', rights: '?' })}
  AND NOT EXISTS (
    SELECT 1 FROM staff_exclusions e WHERE e.staff_id = s.id AND e.employer_key = ?)
ORDER BY open_cases ASC, s.created_at ASC, s.id ASC
LIMIT 1`

/** The id of the monitor who should receive the case, or null (unrouted). */
export async function pickMonitor(sql: Sql, input: RoutingInput): Promise<string | null> {
  const row = await sql.get<{ id: string }>(
    PICK_MONITOR,
    input.country,
    input.sector ?? '',
    JSON.stringify(input.commitments),
    JSON.stringify(input.rights),
    foldKey(input.employer),
  )
  return row?.id ?? null
}

/** 'high' when any right is severe in the catalog (violence, forced labour, child labour). */
export function priorityFor(catalog: Catalog, rights: readonly string[]): 'high' | 'normal' {
  return rights.some((r) => isRight(r) && catalog.rights[r].severe) ? 'high' : 'normal'
}
