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
import * as queue from '../store/queue.js'
import { foldKey } from './employer-key.js'

export interface RoutingInput {
  country: string
  sector?: string | undefined
  employer: string
  commitments: readonly string[]
  rights: readonly string[]
}

/** The id of the monitor who should receive the case, or null (unrouted). */
export async function pickMonitor(sql: Sql, input: RoutingInput): Promise<string | null> {
  const id = await queue.pickMonitor(
    sql,
    {
      country: input.country,
      sector: input.sector ?? '',
      commitments: JSON.stringify(input.commitments),
      rights: JSON.stringify(input.rights),
      employerKey: foldKey(input.employer),
    },
    OPEN_STATUSES,
  )
  return id ?? null
}

/** 'high' when any right is severe in the catalog (violence, forced labour, child labour). */
export function priorityFor(catalog: Catalog, rights: readonly string[]): 'high' | 'normal' {
  return rights.some((r) => isRight(r) && catalog.rights[r].severe) ? 'high' : 'normal'
}
