/**
 * @module store/queue-ranges
 * The queue's page as a union of index ranges (migration 0013). The queue order is
 * (rank, created_at, rowid). A viewer's visible set is a union of *drivers*: index ranges already
 * in that order (all live cases of a status; a monitor's assigned cases; the cases of one right or
 * commitment in `case_rights` / `case_commitments`, sought per country, place or assignee on the
 * indexes of migration 0014; the cases an NGO account or its organisation filed, and those shared
 * with it or granted to it, in `case_access`). For each driver and each
 * wanted status, SQLite walks its range from the cursor and stops after `limit` rows that pass
 * the filters; the union of those short lists, sorted, gives the page. The first `limit` of a
 * union are among the first `limit` of each part, so the page is exactly the page of one sorted
 * query over the whole visible set (test/queue-equivalence.test.ts compares them), and nothing
 * walks the open set. Merged cases (no join rows, not in the partial indexes) come from one more
 * source, read the old way: they are few.
 *
 * Every value the viewer or the filter brings is bound once, in the `p` row at the top, and read
 * as `(SELECT x FROM p)`: D1 binds at most 100 parameters, and a monitor with many scopes makes
 * many ranges. Scope values (the viewer's own rows in staff_scopes) are written as SQL literals,
 * so the statement differs per scope set and filter shape, never per value a request brings.
 */
import { searchWords, textMatches, type QueueCursor, type QueueFilter, type Viewer } from './queue.js'
import type { SqlValue } from './port.js'

/** A row of staff_scopes. */
export interface ScopeRow {
  kind: string
  value: string
  country: string
  sector: string
}

/** A SQL text literal (SQLite: quotes doubled; there is no other escape). */
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The bound values, in the order of P's columns. */
/** Statuses a page can ask for at once (six exist); a longer list reads the unsorted way. */
const MAX_STATUSES = 8
const P_COLUMNS = [
  'rk', 'ca', 'rid', 'lim', 'viewer', 'country', 'sector', 'channel', 'facility', 'facility_like', 'assigned', 'right_code',
  'commitment', 'due_by', 'st0', 'st1', 'st2', 'st3', 'st4', 'st5', 'st6', 'st7', 'st_list',
  'w0', 'w1', 'w2', 'w3', 'w4', 'w5', 'w6', 'w7',
] as const
type PName = (typeof P_COLUMNS)[number]
const p = (name: PName) => `(SELECT ${name} FROM p)`

/**
 * The order a page walks: 'priority' (rank, created_at, rowid) or 'due' (due_key, rowid: the
 * soonest running clock first, migration 0017). Every range yields `rid, rk, ca`; in the due order
 * `rk` is the due key and `ca` is 0, so the union is sorted and cut the same way.
 */
export type Order = 'priority' | 'due'

/** A join table in queue order (migrations 0013, 0014). */
type TermsTable = 'case_rights' | 'case_commitments' | 'case_access'

/** Where a range comes from. */
type Driver =
  /**
   * Live cases (partial indexes of 0013) whose columns equal values (SQL expressions). `own`: the
   * column has an index of its own (assignee, filing account).
   */
  | { kind: 'cases'; eq: [column: string, value: string][]; own?: OwnIndex }
  /**
   * A join table's rows for one code (a literal or a bound value) whose carried columns equal
   * values (`eq`, sought on an index of 0014 when one has them), with other conditions on `d`
   * (`where`); `by`: the code is the filter's right or commitment (no need to check it again);
   * `fixed`: a short list of its own (shares, grants), never traded for the filter's rows.
   */
  | {
      kind: 'terms'
      table: TermsTable
      code: string
      eq: [column: string, value: string][]
      where: string[]
      by?: 'right' | 'commitment'
      fixed?: boolean
    }

/** The index of a driver on a column of its own (it carries the filtered columns too). */
type OwnIndex = 'cases_q_assigned' | 'cases_q_filed_by' | 'cases_q_org'

/**
 * The index a range of live cases walks: its own, else the one the filter narrows most (an
 * assignee, a facility name, a country), else the status order. Named, because an index that
 * carries more columns needs a small sort per day, and the planner would rather walk one that
 * needs none however far it has to go.
 */
function casesIndex(d: { eq: [string, string][]; own?: OwnIndex }, f: QueueFilter, order: Order): string {
  if (order === 'due') {
    // The due order's indexes (0017) carry no filter columns: the filters are checked per case.
    if (d.own) return d.own.replace('cases_q_', 'cases_d_')
    if (f.assignedTo !== undefined || f.unrouted) return 'cases_d_assigned'
    if (f.country || d.eq.some(([col]) => col === 'country')) return 'cases_d_country'
    return 'cases_d_status'
  }
  if (d.own) return d.own
  if (f.assignedTo !== undefined || f.unrouted) return 'cases_q_assigned'
  if (f.facility) return 'cases_q_facility'
  if (f.country || d.eq.some(([col]) => col === 'country')) return 'cases_q_country'
  return 'cases_q_status'
}

/** Columns a join-table row carries, so that filtering on them needs no case row. */
const CARRIED = new Set(['country', 'sector', 'assigned_to', 'facility', 'facility_id'])

/** The filter's conditions, on `c` (or on the driver's row `d` for what it carries). */
function filterConditions(f: QueueFilter, onTerms: boolean, merged: boolean, by?: 'right' | 'commitment'): string[] {
  const col = (name: string) => (onTerms && CARRIED.has(name) ? `d.${name}` : `c.${name}`)
  const rowid = onTerms ? 'd.case_rowid' : 'c.rowid'
  const w: string[] = []
  if (f.right && by !== 'right') {
    w.push(
      merged
        ? `EXISTS (SELECT 1 FROM json_each(c.rights) WHERE value = ${p('right_code')})`
        : `EXISTS (SELECT 1 FROM case_rights r WHERE r.case_rowid = ${rowid} AND r.code = ${p('right_code')})`,
    )
  }
  if (f.commitment && by !== 'commitment') {
    w.push(
      merged
        ? `EXISTS (SELECT 1 FROM json_each(c.commitments) WHERE value = ${p('commitment')})`
        : `EXISTS (SELECT 1 FROM case_commitments r WHERE r.case_rowid = ${rowid} AND r.code = ${p('commitment')})`,
    )
  }
  if (f.country) w.push(`${col('country')} = ${p('country')}`)
  if (f.sector) w.push(`${col('sector')} = ${p('sector')}`)
  if (f.channel) w.push(`c.channel = ${p('channel')}`)
  if (f.facility) {
    // A facility id, or part of the facility's or the employer's name (issue 20: employers too).
    w.push(`(${col('facility_id')} = ${p('facility')} OR ${col('facility')} LIKE ${p('facility_like')} ESCAPE '\\'
      OR c.employer LIKE ${p('facility_like')} ESCAPE '\\')`)
  }
  if (f.assignedTo !== undefined) w.push(`${col('assigned_to')} = ${p('assigned')}`)
  if (f.unrouted) w.push(`${col('assigned_to')} IS NULL`)
  // The due filter on the stored due key (0017; join rows carry it).
  if (f.dueBy !== undefined) w.push(`${onTerms ? 'd' : 'c'}.due_key <= ${p('due_by')}`)
  // Every word of a search somewhere in the redacted text (the same test as store/queue.ts).
  searchWords(f.text).forEach((_, i) => w.push(textMatches(p(`w${i}` as PName))))
  return w
}

/** Does the filter need the case row on a join-table range? */
const needsCase = (f: QueueFilter) => Boolean(f.channel || f.facility || searchWords(f.text).length) // employer, text: on the case row

const CURSOR = (r: string, c: string, id: string) => `(${r}, ${c}, ${id}) > (${p('rk')}, ${p('ca')}, ${p('rid')})`

/** A range's key columns, cursor condition and ORDER BY on alias `t` (row id column `id`). */
function keyOf(order: Order, t: string, id: string): { select: string; cursor: string; orderBy: string } {
  if (order === 'due') {
    return {
      select: `${t}.due_key AS rk, 0 AS ca`,
      cursor: `(${t}.due_key, ${id}) > (${p('rk')}, ${p('rid')})`,
      orderBy: `${t}.due_key, ${id}`,
    }
  }
  return {
    select: `${t}.rank AS rk, ${t}.created_at AS ca`,
    cursor: CURSOR(`${t}.rank`, `${t}.created_at`, id),
    orderBy: `${t}.rank, ${t}.created_at, ${id}`,
  }
}

/**
 * With a right or commitment filter, every range that a join row can check is read from that
 * right's (or commitment's) rows instead (live cases whose conditions the row carries; a scope's
 * right or commitment everywhere, probed per row): the filter is usually the narrower order to
 * walk. A scope narrowed to a place is sought on its place index and the filter probed per row.
 */
function narrowed(d: Driver, f: QueueFilter): Driver {
  if (!(f.right || f.commitment)) return d
  let eq: [string, string][] = []
  const where: string[] = []
  if (d.kind === 'cases') {
    if (!d.eq.every(([col]) => CARRIED.has(col))) return d
    eq = d.eq
  } else {
    if (d.fixed) return d
    const same = d.table === (f.right ? 'case_rights' : 'case_commitments') && d.code === lit(f.right ?? f.commitment!)
    if (same) return { ...d, by: f.right ? 'right' : 'commitment' }
    // A scope in one country or sector is narrow: walk it, probing the filter on each row.
    if (d.eq.length > 0 || d.where.length > 0) return d
    // A scope everywhere: walk the filter's rows, probing the scope's right or commitment.
    where.push(`EXISTS (SELECT 1 FROM ${d.table} x WHERE x.case_rowid = d.case_rowid AND x.code = ${d.code})`)
  }
  return f.right
    ? { kind: 'terms', table: 'case_rights', code: p('right_code'), eq, where, by: 'right' }
    : { kind: 'terms', table: 'case_commitments', code: p('commitment'), eq, where, by: 'commitment' }
}

/**
 * The index a join-table range seeks (migration 0014), from the columns it compares for equality
 * (its own and the filter's): a place, a country, an assignee; else the table's key (code, status).
 * Named, so that the plan does not depend on the planner's guesses.
 */
function termsIndex(table: TermsTable, cols: ReadonlySet<string>, order: Order): string {
  // The due order (0017): by code, status and due key, or (rights, commitments) by code, country,
  // status and due key; the rest is checked on the row.
  if (order === 'due') return `INDEXED BY ${table}_due${table !== 'case_access' && cols.has('country') ? '_country' : ''}`
  if (table === 'case_access') return ''
  if (cols.has('country') && cols.has('sector')) return `INDEXED BY ${table}_place`
  if (cols.has('country')) return `INDEXED BY ${table}_country`
  if (cols.has('assigned_to')) return `INDEXED BY ${table}_assigned`
  return ''
}

/**
 * One range: a driver's cases of one status (its bound value; `null`: any, or those of `statusIn`),
 * filtered, from the cursor.
 */
function range(driver: Driver, status: string | null, f: QueueFilter, cursor: boolean, order: Order, statusIn?: string): string {
  const d = narrowed(driver, f)
  if (d.kind === 'terms') {
    const joinCase = needsCase(f)
    const cols = new Set(d.eq.map(([col]) => col))
    if (f.country) cols.add('country')
    if (f.sector) cols.add('sector')
    if (f.assignedTo !== undefined || f.unrouted) cols.add('assigned_to')
    const where = [
      `d.code = ${d.code}`,
      ...(status === null ? [] : [`d.status = ${status}`]),
      ...(statusIn ? [`d.status IN (${statusIn})`] : []),
      ...d.eq.map(([col, v]) => `d.${col} = ${v}`),
      ...d.where,
      ...filterConditions(f, true, false, d.by),
      ...(cursor ? [keyOf(order, 'd', 'd.case_rowid').cursor] : []),
    ]
    const k = keyOf(order, 'd', 'd.case_rowid')
    return `SELECT d.case_rowid AS rid, ${k.select} FROM ${d.table} d ${status === null ? '' : termsIndex(d.table, cols, order)}
      ${joinCase ? 'CROSS JOIN cases c ON c.rowid = d.case_rowid' : ''}
      WHERE ${where.join(' AND ')} ORDER BY ${k.orderBy} LIMIT ${p('lim')}`
  }
  const where = [
    ...(status === null ? [] : [`c.status = ${status}`]),
    ...(statusIn ? [`c.status IN (${statusIn})`] : []),
    'c.purged_at IS NULL AND c.merged_into IS NULL',
    ...d.eq.map(([col, v]) => `c.${col} = ${v}`),
    ...filterConditions(f, false, false),
    ...(cursor ? [keyOf(order, 'c', 'c.rowid').cursor] : []),
  ]
  const k = keyOf(order, 'c', 'c.rowid')
  const from = status === null ? 'cases c' : `cases c INDEXED BY ${casesIndex(d, f, order)}`
  return `SELECT c.rowid AS rid, ${k.select} FROM ${from}
    WHERE ${where.join(' AND ')} ORDER BY ${k.orderBy} LIMIT ${p('lim')}`
}

/** The ranges whose union is what the viewer may see (live cases), narrowed by the filter. */
function drivers(viewer: Viewer, scopes: readonly ScopeRow[], f: QueueFilter): Driver[] {
  switch (viewer.role) {
    case 'admin':
      return [{ kind: 'cases', eq: [] }]
    case 'monitor': {
      const assigned: Driver = { kind: 'cases', eq: [['assigned_to', p('viewer')]], own: 'cases_q_assigned' }
      // Cases assigned to the viewer are visible whatever the scopes.
      if (f.assignedTo !== undefined && f.assignedTo === viewer.id) return [assigned]
      const out: Driver[] = [assigned]
      for (const s of scopes) {
        // A scope in another country or sector than the filter's has nothing to add.
        if ((f.country && s.country !== '*' && s.country !== f.country) || (f.sector && s.sector !== '*' && s.sector !== f.sector)) continue
        const eq: [string, string][] = [
          ...(s.country === '*' ? [] : [['country', lit(s.country)] as [string, string]]),
          ...(s.sector === '*' ? [] : [['sector', lit(s.sector)] as [string, string]]),
        ]
        if (s.kind === 'right' && s.value === '*') out.push({ kind: 'cases', eq })
        else if (s.kind === 'right') out.push({ kind: 'terms', table: 'case_rights', code: lit(s.value), eq, where: [] })
        else if (s.kind === 'commitment') out.push({ kind: 'terms', table: 'case_commitments', code: lit(s.value), eq, where: [] })
      }
      return out
    }
    case 'ngo':
      return [
        { kind: 'cases', eq: [['filed_by', p('viewer')]], own: 'cases_q_filed_by' },
        {
          kind: 'cases',
          eq: [['filed_by_org', `(SELECT s.org_id FROM staff s WHERE s.id = ${p('viewer')})`]],
          own: 'cases_q_org',
        },
        // Granted to the account, shared with its organisation (migration 0014's case_access).
        { kind: 'terms', table: 'case_access', code: `'g:' || ${p('viewer')}`, eq: [], where: [], fixed: true },
        {
          kind: 'terms',
          table: 'case_access',
          code: `'s:' || (SELECT s.org_id FROM staff s WHERE s.id = ${p('viewer')})`,
          eq: [],
          where: [],
          fixed: true,
        },
      ]
    default:
      return []
  }
}

/**
 * D1 allows at most 5 terms in a compound SELECT (SQLite's default is 500); a subquery counts
 * its own. Unions of more are nested five at a time.
 */
const MAX_TERMS = 5
function nestedUnion(terms: string[]): string {
  if (terms.length <= MAX_TERMS) return terms.join('\nUNION ')
  const groups: string[] = []
  for (let i = 0; i < terms.length; i += MAX_TERMS) {
    const group = terms.slice(i, i + MAX_TERMS)
    groups.push(group.length === 1 ? group[0]! : `SELECT rid, rk, ca FROM (${group.join('\nUNION ')})`)
  }
  return nestedUnion(groups)
}

/** `%text%` for LIKE, with its wildcards escaped. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/** The statement reading up to `limit` rowids of the page (as `rid, rk, ca`), and its parameters. */
export function pageKeys(
  viewer: Viewer,
  scopes: readonly ScopeRow[],
  f: QueueFilter,
  cursor: QueueCursor | undefined,
  limit: number,
  /** The full visibility rule on `c` (store/queue.ts visibleWhere), for the merged cases. */
  visible: { sql: string; params: readonly SqlValue[] },
  order: Order = 'priority',
): { sql: string; params: SqlValue[] } {
  // The due order's cursor is [due key, rowid].
  const c3 = order === 'due' && cursor ? [cursor[0], 0, cursor[1]] : cursor
  const values: Record<PName, SqlValue> = {
    rk: c3?.[0] ?? null,
    ca: c3?.[1] ?? null,
    rid: c3?.[2] ?? null,
    lim: limit,
    viewer: viewer.id,
    country: f.country ?? null,
    sector: f.sector ?? null,
    channel: f.channel ?? null,
    facility: f.facility ?? null,
    facility_like: f.facility ? likePattern(f.facility) : null,
    assigned: f.assignedTo ?? null,
    right_code: f.right ?? null,
    commitment: f.commitment ?? null,
    due_by: f.dueBy ?? null,
    st0: null, st1: null, st2: null, st3: null, st4: null, st5: null, st6: null, st7: null,
    st_list: f.statuses ? JSON.stringify(f.statuses) : null,
    w0: null, w1: null, w2: null, w3: null, w4: null, w5: null, w6: null, w7: null,
  }
  searchWords(f.text).forEach((word, i) => (values[`w${i}` as PName] = likePattern(word)))
  // Each wanted status is bound (st0…): the statement's text depends on how many, not which.
  const wanted = f.statuses ? [...new Set(f.statuses)] : undefined
  const bound = wanted && wanted.length <= MAX_STATUSES ? wanted : undefined
  bound?.forEach((st, i) => (values[`st${i}` as PName] = st))
  const statuses: (string | null)[] = bound ? bound.map((_, i) => p(`st${i}` as PName)) : [null]
  const parts: string[] = []
  // Too many statuses to bind one by one: one sorted range per driver over the list.
  const list = wanted && !bound ? `SELECT value FROM json_each(${p('st_list')})` : undefined
  for (const d of drivers(viewer, scopes, f)) {
    for (const s of statuses) parts.push(range(d, s, f, cursor !== undefined, order, list))
  }
  const extra: SqlValue[] = []
  if (f.includeMerged && viewer.role !== 'custodian') {
    // Merged cases are few and have no index rows: read them the way the queue always did.
    const where = [
      'c.merged_into IS NOT NULL',
      visible.sql,
      ...(f.statuses ? [`c.status IN (SELECT value FROM json_each(${p('st_list')}))`] : []),
      ...filterConditions(f, false, true),
      ...(cursor ? [keyOf(order, 'c', 'c.rowid').cursor] : []),
    ]
    const k = keyOf(order, 'c', 'c.rowid')
    parts.push(`SELECT c.rowid AS rid, ${k.select} FROM cases c INDEXED BY ${order === 'due' ? 'cases_d_merged' : 'cases_merged'}
      WHERE ${where.join(' AND ')} ORDER BY ${k.orderBy} LIMIT ${p('lim')}`)
    extra.push(...visible.params)
  }
  const union = parts.length
    ? nestedUnion(parts.map((s) => `SELECT rid, rk, ca FROM (${s})`))
    : 'SELECT NULL AS rid, NULL AS rk, NULL AS ca WHERE 0'
  return {
    sql: `WITH p (${P_COLUMNS.join(', ')}) AS (VALUES (${P_COLUMNS.map(() => '?').join(', ')})),
      k AS (${union}
        ORDER BY rk, ca, rid LIMIT ${p('lim')})`,
    params: [...P_COLUMNS.map((n) => values[n]), ...extra],
  }
}
