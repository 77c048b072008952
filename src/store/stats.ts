/**
 * @module store/stats
 * The statistics' base cells as SQL (docs/analytics.md): cases counted per combination of the
 * lattice's dimensions, a chunk of rowids at a time, optionally within a viewer's scope
 * (`visibleWhere`) minus the employers the viewer is excluded from; and the snapshot table
 * `stats_cells` that holds those counts for the whole caseload, replaced in one batch.
 * Each dimension is one SQL expression on alias `c` (cases). Only non-identifying columns are read.
 */
import { stmt, type Sql, type SqlValue, type Statement } from './port.js'
import { put } from './settings.js'
import { visibleWhere, type Viewer } from './queue.js'

const DAY = 86_400_000

/** When the case was first acknowledged: its first status change or question (cases/clocks.ts). */
const ACK_AT = `(SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('status', 'question'))`
const QUESTION_AT = `(SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'question')`
const RESOLVED_AT = `(SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status'
  AND json_extract(e.data, '$.to') IN ('resolved', 'closed'))`

/** When the case was last moved to 'escalated' (the ILC review clock counts from it: cases/clocks.ts). */
const ESCALATED_AT = `(SELECT MAX(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status'
  AND json_extract(e.data, '$.to') = 'escalated')`

/** Days from intake to `at`, bucketed; `none` when it has not happened. */
const shortBuckets = (at: string) => `(SELECT CASE WHEN x IS NULL THEN 'none'
  WHEN x - c.created_at <= ${DAY} THEN '0-1' WHEN x - c.created_at <= ${7 * DAY} THEN '2-7'
  WHEN x - c.created_at <= ${30 * DAY} THEN '8-30' ELSE '31+' END FROM (SELECT ${at} AS x))`
const longBuckets = (at: string) => `(SELECT CASE WHEN x IS NULL THEN 'open'
  WHEN x - c.created_at <= ${30 * DAY} THEN '0-30' WHEN x - c.created_at <= ${90 * DAY} THEN '31-90'
  WHEN x - c.created_at <= ${365 * DAY} THEN '91-365' ELSE '366+' END FROM (SELECT ${at} AS x))`

/** A forum clock as data (catalog/forums.json): the stage that starts it, those that stop it, its length. */
export interface ForumClockDef {
  kind: string
  id: string
  starts: string
  stops: readonly string[]
  days?: number | undefined
  months?: number | undefined
}

/**
 * Each forum clock of each of the case's escalations, met or missed, as the engine counts it
 * (escalation/clocks.ts): it starts on the first day its `starts` stage was recorded and is done on
 * the first `stops` stage on or after it; met when done on or before its due day, missed when done
 * later or still running after it; stopped when the case was closed first; open while it runs.
 * Due day: start + days, or the same day `months` later (the month's last day when it has none).
 */
function forumClockSql(x: DimContext): { sql: string; params: SqlValue[] } {
  const params: SqlValue[] = []
  const parts = x.forumClocks.map((f) => {
    for (const v of [f.kind, f.id, f.starts, ...f.stops]) if (!CODE.test(v)) throw new Error(`not a catalog code: ${v}`)
    const stops = f.stops.map((v) => `'${v}'`).join(', ')
    const due =
      f.months !== undefined
        ? `MIN(CAST(strftime('%s', s0 / 1000, 'unixepoch', '+${Number(f.months)} months') AS INTEGER),
            CAST(strftime('%s', s0 / 1000, 'unixepoch', 'start of month', '+${Number(f.months) + 1} months', '-1 day') AS INTEGER)) * 1000`
        : `s0 + ${Number(f.days ?? 0) * DAY}`
    params.push(x.today)
    // A rank per escalation of this kind (missed 4, open 3, met 2, stopped 1), the largest kept.
    return `COALESCE((SELECT MAX(CASE WHEN s0 IS NULL THEN 0
        WHEN s1 IS NOT NULL AND s1 <= ${due} THEN 2 WHEN s1 IS NOT NULL THEN 4
        WHEN c.status IN ('resolved', 'closed') THEN 1 WHEN ? > ${due} THEN 4 ELSE 3 END)
      FROM (SELECT s0, (SELECT MIN(s.on_day) FROM escalation_stages s WHERE s.escalation_id = eid AND s.stage IN (${stops}) AND s.on_day >= s0) AS s1
        FROM (SELECT e.id AS eid, (SELECT MIN(s.on_day) FROM escalation_stages s WHERE s.escalation_id = e.id AND s.stage = '${f.starts}') AS s0
          FROM escalation_cases ec JOIN escalations e ON e.id = ec.escalation_id WHERE ec.case_id = c.id AND e.kind = '${f.kind}'))), 0)`
  })
  if (parts.length === 0) return { sql: `'none'`, params }
  // No compound SELECT (D1 allows only a few terms): the clocks' ranks are combined with max().
  return {
    sql: `(CASE MAX(${parts.join(', ')}, 0) WHEN 4 THEN 'missed' WHEN 3 THEN 'open' WHEN 2 THEN 'met' WHEN 1 THEN 'stopped' ELSE 'none' END)`,
    params,
  }
}

/** What a dimension's expression needs besides the row: today's UTC day, commitment → agreement. */
export interface DimContext {
  /** Start of today (UTC), for clocks. */
  today: number
  /** Primary commitment code → agreement code (from the catalog; codes are [a-z0-9.-]). */
  agreementOf: ReadonlyMap<string, string>
  /** Every forum clock of the escalation engine (catalog/forums.json). */
  forumClocks: readonly ForumClockDef[]
}

const CODE = /^[a-z0-9][a-z0-9._-]*$/

/** A CASE over catalog codes; the codes are checked, so they are safe as literals. */
function agreementCase(map: ReadonlyMap<string, string>): string {
  const whens = [...map].map(([code, agreement]) => {
    if (!CODE.test(code) || !CODE.test(agreement)) throw new Error(`not a catalog code: ${code}`)
    return `WHEN '${code}' THEN '${agreement}'`
  })
  return `(CASE json_extract(c.commitments, '$[0]') ${whens.join(' ')} ELSE 'none' END)`
}

/** The SQL expression of each dimension a base cell can carry. */
const DIMENSIONS: Record<string, (x: DimContext) => { sql: string; params: SqlValue[] }> = {
  month: () => ({ sql: `strftime('%Y-%m', c.created_at / 1000, 'unixepoch')`, params: [] }),
  right: () => ({ sql: `COALESCE(json_extract(c.rights, '$[0]'), 'none')`, params: [] }),
  commitment: () => ({ sql: `COALESCE(json_extract(c.commitments, '$[0]'), 'none')`, params: [] }),
  agreement: (x) => ({ sql: agreementCase(x.agreementOf), params: [] }),
  country: () => ({ sql: 'c.country', params: [] }),
  sector: () => ({ sql: `COALESCE(c.sector, 'none')`, params: [] }),
  channel: () => ({ sql: 'c.channel', params: [] }),
  language: () => ({ sql: 'c.language', params: [] }),
  status: () => ({ sql: 'c.status', params: [] }),
  outcome: () => ({ sql: `COALESCE(c.outcome, 'none')`, params: [] }),
  ack: () => ({ sql: shortBuckets(ACK_AT), params: [] }),
  question: () => ({ sql: shortBuckets(QUESTION_AT), params: [] }),
  resolution: () => ({ sql: longBuckets(RESOLVED_AT), params: [] }),
  // The 7-day acknowledgement clock: met on or before its due day, missed after it (or still
  // unacknowledged once it passed), open while it runs.
  ack_clock: (x) => ({
    sql: `(SELECT CASE WHEN x IS NOT NULL AND x - x % ${DAY} <= c.ack_due_at - c.ack_due_at % ${DAY} THEN 'met'
      WHEN x IS NOT NULL OR ? > c.ack_due_at - c.ack_due_at % ${DAY} THEN 'missed' ELSE 'open' END
      FROM (SELECT ${ACK_AT} AS x))`,
    params: [x.today],
  }),
  // The Annex 31-A ILC review clock (30 days from escalation, cases with usmca.31a.dor): none when
  // the case is not on that track, stopped once resolved or closed, missed after its due day.
  ilc_clock: (x) => ({
    sql: `(SELECT CASE WHEN x IS NULL OR NOT EXISTS (SELECT 1 FROM json_each(c.commitments) j WHERE j.value = 'usmca.31a.dor') THEN 'none'
      WHEN c.status IN ('resolved', 'closed') THEN 'stopped'
      WHEN ? > x - x % ${DAY} + ${30 * DAY} THEN 'missed' ELSE 'open' END
      FROM (SELECT ${ESCALATED_AT} AS x))`,
    params: [x.today],
  }),
  // The facility a case is confirmed to be about (facility registry, `case_facilities`). A case
  // confirmed for several facilities counts once, under the smallest id (every breakdown is a
  // partition). The case's own redacted facility text and employer hash are never a dimension.
  facility: () => ({
    sql: `COALESCE((SELECT MIN(cf.facility_id) FROM case_facilities cf WHERE cf.case_id = c.id AND cf.state = 'confirmed'), 'none')`,
    params: [],
  }),
  // The forum clocks of the case's escalations (escalation engine, catalog/forums.json): see
  // forumClockSql. One value per case: missed, else open, else met, else stopped, else none.
  forum_clock: (x) => forumClockSql(x),
}

/** The dimensions this module can group by. */
export const BASE_DIMENSIONS = Object.keys(DIMENSIONS)

/** Who the counts are for: everyone (the snapshot) or one viewer's scope. */
export type Population =
  | { kind: 'all' }
  | {
      kind: 'viewer'
      viewer: Viewer
      /** Keyed hashes of the employers the viewer is excluded from (cases/scope.ts). */
      excludedEmployerHashes: readonly string[]
      /** Cases without an employer hash (written before it existed) found to be about them. */
      excludedCaseIds: readonly string[]
    }

/** The largest rowid of `cases` (0 when empty): chunks run over (from, to]. */
export async function maxCaseRowid(sql: Sql): Promise<number> {
  return (await sql.get<{ m: number | null }>('SELECT MAX(rowid) AS m FROM cases'))?.m ?? 0
}

/**
 * Counts per combination of `dims` (cell: a JSON array of their values, in order) among the cases
 * with rowid in (from, to] of the population.
 */
export function baseChunk(
  sql: Sql,
  dims: readonly string[],
  x: DimContext,
  population: Population,
  from: number,
  to: number,
): Promise<{ cell: string; n: number }[]> {
  const exprs = dims.map((d) => {
    const f = DIMENSIONS[d]
    if (!f) throw new Error(`unknown dimension ${d}`)
    return f(x)
  })
  const params: SqlValue[] = []
  for (const e of exprs) params.push(...e.params)
  const where = ['c.rowid > ?', 'c.rowid <= ?']
  const whereParams: SqlValue[] = [from, to]
  if (population.kind === 'viewer') {
    const v = visibleWhere(population.viewer)
    where.push(v.sql)
    whereParams.push(...v.params)
    // One JSON parameter each (D1 binds at most 100 parameters).
    if (population.excludedEmployerHashes.length > 0) {
      where.push('(c.employer_hash IS NULL OR c.employer_hash NOT IN (SELECT value FROM json_each(?)))')
      whereParams.push(JSON.stringify(population.excludedEmployerHashes))
    }
    if (population.excludedCaseIds.length > 0) {
      where.push('c.id NOT IN (SELECT value FROM json_each(?))')
      whereParams.push(JSON.stringify(population.excludedCaseIds))
    }
  }
  const cell = dims.length === 0 ? `'[]'` : `json_array(${exprs.map((e) => e.sql).join(', ')})`
  return sql.all(
    `SELECT ${cell} AS cell, COUNT(*) AS n FROM cases c WHERE ${where.join(' AND ')} GROUP BY 1`,
    ...params,
    ...whereParams,
  )
}

/** The viewer's visible cases that have no employer hash: their stored employer name, to check. */
export function unhashedEmployers(sql: Sql, viewer: Viewer): Promise<{ id: string; employer: string }[]> {
  const v = visibleWhere(viewer)
  return sql.all(`SELECT c.id, c.employer FROM cases c WHERE c.employer_hash IS NULL AND ${v.sql}`, ...v.params)
}

/** The snapshot's cells. */
export function snapshotCells(sql: Sql): Promise<{ cell: string; n: number }[]> {
  return sql.all('SELECT cell, n FROM stats_cells')
}

/** Cells per INSERT statement (one JSON parameter each). */
const INSERT_CHUNK = 2_000

/**
 * Statements that replace the snapshot with `cells` and record its description (`meta`, JSON) in
 * the setting `stats.snapshot`: run them in one batch, so readers see the old or the new whole.
 */
export function replaceSnapshot(cells: ReadonlyMap<string, number>, meta: string, at: number): Statement[] {
  const out: Statement[] = [stmt('DELETE FROM stats_cells')]
  const entries = [...cells]
  for (let i = 0; i < entries.length; i += INSERT_CHUNK) {
    const obj = Object.fromEntries(entries.slice(i, i + INSERT_CHUNK))
    out.push(stmt('INSERT INTO stats_cells (cell, n) SELECT key, value FROM json_each(?)', JSON.stringify(obj)))
  }
  out.push(put('stats.snapshot', meta, at, null))
  return out
}
