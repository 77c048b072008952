/**
 * @module store/queue
 * What staff may read, as SQL: the scope rule (`visibleWhere`, built on `scopeMatch`), the
 * queue's pages, one case's redacted columns, and the monitor a new case is routed to.
 * Only columns that hold redacted or non-identifying data are ever selected here: never
 * original_enc, identity_sealed, body_enc or receipt_hash. The policy these queries carry is
 * described in cases/scope.ts.
 */
import { type Condition, type Sql } from './port.js'
import { pageKeys, type ScopeRow } from './queue-ranges.js'

/** Who reads: a staff account's id and role. */
export interface Viewer {
  id: string
  role: string
}

/** SQL expressions (a column or `?`) for a case's country, sector, and JSON arrays. */
interface CaseTerms {
  country: string
  sector: string
  commitments: string
  rights: string
}

/**
 * The one SQL rule for "this monitor's scopes cover this case": a scope names a commitment or a
 * right ('*' for every right), in the case's country or '*', in its sector or '*'. Routing binds
 * the new case's values as parameters; the queue compares against the `cases` columns.
 */
function scopeMatch(staffExpr: string, c: CaseTerms): string {
  return `EXISTS (
    SELECT 1 FROM staff_scopes sc
    WHERE sc.staff_id = ${staffExpr}
      AND (sc.country = ${c.country} OR sc.country = '*')
      AND (sc.sector = '*' OR sc.sector = ${c.sector})
      AND ((sc.kind = 'commitment' AND sc.value IN (SELECT value FROM json_each(${c.commitments})))
        OR (sc.kind = 'right' AND (sc.value = '*' OR sc.value IN (SELECT value FROM json_each(${c.rights}))))))`
}

const MONITOR_SCOPE = `(c.assigned_to = ? OR ${scopeMatch('?', {
  country: 'c.country',
  sector: 'c.sector',
  commitments: 'c.commitments',
  rights: 'c.rights',
})})`

/** A SQL condition on alias `c` (cases) selecting what the viewer may see. */
export function visibleWhere(viewer: Viewer): Condition {
  switch (viewer.role) {
    case 'admin':
      return { sql: 'c.purged_at IS NULL', params: [] }
    case 'monitor':
      return { sql: `c.purged_at IS NULL AND ${MONITOR_SCOPE}`, params: [viewer.id, viewer.id] }
    case 'ngo':
      return {
        // Filed or granted by this account, or filed by or shared with its organisation.
        sql: `c.purged_at IS NULL AND (c.filed_by = ? OR EXISTS (
          SELECT 1 FROM case_grants g WHERE g.case_id = c.id AND g.staff_id = ?)
          OR c.filed_by_org = (SELECT s.org_id FROM staff s WHERE s.id = ?)
          OR EXISTS (SELECT 1 FROM case_shares sh JOIN staff s ON s.org_id = sh.org_id
            WHERE sh.case_id = c.id AND s.id = ?))`,
        params: [viewer.id, viewer.id, viewer.id, viewer.id],
      }
    default:
      return { sql: '0', params: [] }
  }
}

/** The employer columns conflict-of-interest checks read (cases/scope.ts). */
export interface EmployerColumns {
  employer: string
  employer_hash: string | null
}

/** The case's employer columns if the viewer's scope covers it, else undefined. */
export function visibleCase(sql: Sql, viewer: Viewer, caseId: string): Promise<EmployerColumns | undefined> {
  const v = visibleWhere(viewer)
  return sql.get<EmployerColumns>(
    `SELECT c.employer, c.employer_hash FROM cases c WHERE c.id = ? AND ${v.sql}`,
    caseId,
    ...v.params,
  )
}

/** The columns staff may read (redacted text only). */
const COLUMNS = `c.id, c.rowid AS seq, c.reference, c.channel, c.language, c.country, c.sector, c.employer,
  c.employer_hash, c.facility,
  c.facility_id, c.location, c.rights, c.commitments, c.status, c.outcome, c.priority, c.assigned_to,
  c.merged_into, c.filed_by, c.created_at, c.updated_at, c.ack_due_at,
  (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('status', 'question'))
    AS acknowledged_at,
  (SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status'
    AND json_extract(e.data, '$.to') = 'escalated') AS escalated_at,
  (SELECT MAX(json_extract(e.data, '$.at')) FROM case_events e WHERE e.case_id = c.id
    AND e.kind = 'review_request') AS review_requested_at`

/** A case as the queue reads it. */
export interface QueueRow extends EmployerColumns {
  id: string
  /** Insertion sequence: orders the cases of one day. */
  seq: number
  reference: string
  channel: string
  language: string
  country: string
  sector: string | null
  facility: string | null
  facility_id: string | null
  location: string | null
  rights: string
  commitments: string
  status: string
  outcome: string | null
  priority: string
  assigned_to: string | null
  merged_into: string | null
  filed_by: string | null
  created_at: number
  updated_at: number
  ack_due_at: number
  acknowledged_at: number | null
  escalated_at: number | null
  review_requested_at: number | null
}

/** The queue's filters, as SQL understands them. */
export interface QueueFilter {
  /** Any of these statuses; every status when absent. */
  statuses?: readonly string[]
  right?: string
  commitment?: string
  country?: string
  sector?: string
  channel?: string
  /** A facility id, or part of the facility name. */
  facility?: string
  /** Assigned to this staff id. */
  assignedTo?: string
  /** Assigned to nobody. */
  unrouted?: boolean
  /** Include cases merged into another. */
  includeMerged?: boolean
}

/** Where a case sorts: [priority rank (cases.rank), day of intake, rowid]. */
export type QueueCursor = [number, number, number]

/**
 * Up to `limit` visible cases matching the filter, high priority first, oldest first, after
 * `cursor` (exclusive). The page is read as a union of index ranges (store/queue-ranges.ts), then
 * its rows.
 */
export async function queueChunk(
  sql: Sql,
  viewer: Viewer,
  f: QueueFilter,
  cursor: QueueCursor | undefined,
  limit: number,
): Promise<QueueRow[]> {
  const scopes =
    viewer.role === 'monitor'
      ? await sql.all<ScopeRow>('SELECT kind, value, country, sector FROM staff_scopes WHERE staff_id = ?', viewer.id)
      : []
  const keys = pageKeys(viewer, scopes, f, cursor, limit, visibleWhere(viewer))
  return sql.all<QueueRow>(
    `${keys.sql}
     SELECT ${COLUMNS} FROM k CROSS JOIN cases c ON c.rowid = k.rid ORDER BY k.rk, k.ca, k.rid`,
    ...keys.params,
  )
}

/** One case's staff columns plus its redacted description (no scope check: see canSee). */
export function caseForStaff(
  sql: Sql,
  caseId: string,
): Promise<(QueueRow & { description_redacted: string; occurred_on: string | null }) | undefined> {
  return sql.get(`SELECT ${COLUMNS}, c.description_redacted, c.occurred_on FROM cases c WHERE c.id = ?`, caseId)
}

/** The visible cases merged into `caseId`, oldest first. */
export function visibleDuplicates(
  sql: Sql,
  viewer: Viewer,
  caseId: string,
): Promise<({ id: string; reference: string } & EmployerColumns)[]> {
  const v = visibleWhere(viewer)
  return sql.all(
    `SELECT c.id, c.reference, c.employer, c.employer_hash FROM cases c WHERE c.merged_into = ? AND ${v.sql} ORDER BY c.created_at, c.rowid`,
    caseId,
    ...v.params,
  )
}

/** What routing knows of a new case (JSON arrays as text; employer as a folded key). */
export interface RoutingTerms {
  country: string
  sector: string
  commitments: string
  rights: string
  employerKey: string
}

/**
 * The enabled monitor whose scopes cover the case, not excluded for its employer, with the
 * fewest cases in `openStatuses` (then the oldest account); undefined when there is none.
 */
export async function pickMonitor(
  sql: Sql,
  t: RoutingTerms,
  openStatuses: readonly string[],
): Promise<string | undefined> {
  const row = await sql.get<{ id: string }>(
    `SELECT s.id AS id,
      (SELECT COUNT(*) FROM cases c WHERE c.assigned_to = s.id
         AND c.status IN (${openStatuses.map((st) => `'${st}'`).join(', ')})) AS open_cases
    FROM staff s
    WHERE s.role = 'monitor' AND s.disabled = 0
      AND ${scopeMatch('s.id', { country: '?', sector: '?', commitments: '?', rights: '?' })}
      AND NOT EXISTS (
        SELECT 1 FROM staff_exclusions e WHERE e.staff_id = s.id AND e.employer_key = ?)
    ORDER BY open_cases ASC, s.created_at ASC, s.id ASC
    LIMIT 1`,
    t.country,
    t.sector,
    t.commitments,
    t.rights,
    t.employerKey,
  )
  return row?.id
}
