/**
 * @module store/queue
 * What staff may read, as SQL: the scope rule (`visibleWhere`, built on `scopeMatch`), the
 * queue's pages, one case's redacted columns, and the monitor a new case is routed to.
 * Only columns that hold redacted or non-identifying data are ever selected here: never
 * original_enc, identity_sealed, body_enc or receipt_hash. The policy these queries carry is
 * described in cases/scope.ts.
 */
import { placeholders, type Condition, type Sql, type SqlValue } from './port.js'
import { pageKeys, type Order, type ScopeRow } from './queue-ranges.js'

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

/** The due key of a case with no running clock (after every real day; a safe integer). */
export const NO_DUE = 8_000_000_000_000_000

/**
 * The day a case's earliest running clock falls due: the acknowledgement until the first status
 * change or question, and the forum deadlines the clock engine stored (case_deadlines); none
 * once the case is resolved or closed. Stored in cases.due_key and kept by the triggers of
 * migration 0017 (test/queue-due.test.ts compares it with the computation it replaced).
 */
const DUE = 'c.due_key'

/**
 * The due key computed from its sources, on table or alias `t`: what migration 0017's triggers
 * store (the bulk seeder recomputes it this way after dropping them; store/sqlite-bulk.ts).
 */
export const dueOf = (t: string) => `(CASE WHEN ${t}.status IN ('resolved', 'closed') THEN ${NO_DUE} ELSE MIN(
    CASE WHEN EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = ${t}.id AND e.kind IN ('status', 'question'))
      THEN ${NO_DUE} ELSE ${t}.ack_due_at END,
    COALESCE((SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = ${t}.id), ${NO_DUE})) END)`

/** The columns staff may read (redacted text only). */
const COLUMNS = `c.id, c.rowid AS seq, c.reference, c.channel, c.language, c.country, c.sector, c.employer,
  c.employer_hash, c.facility,
  c.facility_id, c.location, c.rights, c.commitments, c.status, c.outcome, c.priority, c.assigned_to,
  c.merged_into, c.filed_by, c.created_at, c.updated_at, c.ack_due_at,
  (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = c.id AND e.kind IN ('status', 'question'))
    AS acknowledged_at,
  (SELECT d.clock FROM case_deadlines d WHERE d.case_id = c.id ORDER BY d.due_at LIMIT 1) AS next_deadline_clock,
  (SELECT MIN(d.due_at) FROM case_deadlines d WHERE d.case_id = c.id) AS next_deadline_at,
  ${DUE} AS due_key,
  substr(c.description_redacted, 1, 400) AS snippet`

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
  /** The earliest running forum deadline (case_deadlines) and its clock id. */
  next_deadline_clock: string | null
  next_deadline_at: number | null
  /** What the queue sorts on by due date: the earliest running clock, NO_DUE when none. */
  due_key: number
  /** The start of the redacted description (the queue shows a line of it). */
  snippet: string
  /** Messages from the reporter the viewer has not seen (queue pages only). */
  unread?: number
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
  /** A facility id, or part of the facility's or the employer's name (redacted text). */
  facility?: string
  /** Words found in the redacted text: description, employer, facility, place, messages. */
  text?: string
  /** Assigned to this staff id. */
  assignedTo?: string
  /** Assigned to nobody. */
  unrouted?: boolean
  /** Include cases merged into another. */
  includeMerged?: boolean
  /** Only cases with a running clock due on or before this day (Unix ms). */
  dueBy?: number
}

/**
 * Where a case sorts: [priority rank (cases.rank), day of intake, rowid], or with `order: 'due'`
 * [due key, rowid] (soonest first).
 */
export type QueueCursor = [number, number, number] | [number, number]

/**
 * Messages from the reporter the viewer has not seen (store/case-reads.ts keeps the count seen);
 * one `?`: the viewer's id.
 */
const UNREAD = `((SELECT COUNT(*) FROM case_messages m WHERE m.case_id = c.id AND m.direction = 'from_reporter')
  - COALESCE((SELECT r.seen FROM case_reads r WHERE r.case_id = c.id AND r.staff_id = ?), 0))`

/** `%text%` for LIKE, with its wildcards escaped. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`

/** The words of a search (at most 8). */
export const searchWords = (text: string | undefined): string[] => (text ?? '').split(/\s+/).filter(Boolean).slice(0, 8)

/**
 * "This word is in the case's redacted text": description, employer, facility, place, reference or
 * one of its messages (LIKE: a part of a word, ASCII case-insensitive). `like`: an SQL expression
 * for the `%word%` pattern.
 */
export const textMatches = (like: string) => `(c.description_redacted LIKE ${like} ESCAPE '\\' OR c.employer LIKE ${like} ESCAPE '\\'
  OR c.facility LIKE ${like} ESCAPE '\\' OR c.location LIKE ${like} ESCAPE '\\' OR c.reference LIKE ${like} ESCAPE '\\'
  OR EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id AND m.body_redacted LIKE ${like} ESCAPE '\\'))`

/**
 * A word's matches in the search indexes (migration 0014: trigram tables over the redacted text
 * and the redacted message bodies): a superset of the cases whose text has the word (the index
 * folds case beyond ASCII), as rowids `rid`. Two parameters: the FTS5 phrase, twice.
 */
const CANDIDATES = `SELECT rowid AS rid FROM case_search WHERE case_search MATCH ?
  UNION SELECT c.rowid FROM message_search ms CROSS JOIN case_messages m ON m.rowid = ms.rowid
    CROSS JOIN cases c ON c.id = m.case_id WHERE message_search MATCH ?`

/**
 * A word as an FTS5 query: all of its trigrams (at most 16), each a quoted string. A trigram table
 * with detail=column or none takes no phrase of several tokens; the trigrams in any order give a
 * superset of the word's matches, which LIKE then narrows.
 */
function phrase(word: string): string {
  const chars = [...word]
  const grams = new Set<string>()
  for (let i = 0; i + 3 <= chars.length; i++) grams.add(chars.slice(i, i + 3).join(''))
  return [...grams].slice(0, 16).map((g) => `"${g.replace(/"/g, '""')}"`).join(' AND ')
}

/**
 * Candidates of a word (`searchTuning.candidates`; tests lower it to try both paths) above which a page walks the queue's index ranges (checking the words on
 * each case) rather than reading and sorting the candidates: a word found this often fills a
 * page quickly along the queue order.
 */
export const searchTuning = { candidates: 5_000 }

/**
 * The search word with the fewest matches in the index, if it has at most searchTuning.candidates
 * (counted up to one more, messages and cases apart: an upper bound). Words under 3 characters
 * have no trigram and are not looked up.
 */
async function rarestWord(sql: Sql, words: readonly string[]): Promise<string | undefined> {
  let best: { word: string; n: number } | undefined
  for (const word of words) {
    if ([...word].length < 3) continue
    const r = await sql.get<{ n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH ? LIMIT ?))
        + (SELECT count(*) FROM (SELECT 1 FROM message_search WHERE message_search MATCH ? LIMIT ?)) AS n`,
      phrase(word),
      searchTuning.candidates + 1,
      phrase(word),
      searchTuning.candidates + 1,
    )
    const n = r?.n ?? 0
    if (n <= searchTuning.candidates && (!best || n < best.n)) best = { word, n }
    if (n === 0) break
  }
  return best?.word
}

/**
 * Up to `limit` visible cases matching the filter, high priority first, oldest first, after
 * `cursor` (exclusive). The page is read as a union of index ranges (store/queue-ranges.ts), then
 * its rows, in the priority order or (`order: 'due'`) the stored due order of migration 0017. A
 * search whose rarest word has few matches reads those matches and sorts them.
 */
export async function queueChunk(
  sql: Sql,
  viewer: Viewer,
  f: QueueFilter,
  cursor: QueueCursor | undefined,
  limit: number,
  order: Order = 'priority',
): Promise<QueueRow[]> {
  const words = searchWords(f.text)
  // A search reads the matches of its rarest word when they are few (each word is then checked
  // with LIKE on those few cases), else walks the queue order like any filter.
  const rarest = words.length ? await rarestWord(sql, words) : undefined
  if (rarest === undefined) {
    const scopes =
      viewer.role === 'monitor'
        ? await sql.all<ScopeRow>('SELECT kind, value, country, sector FROM staff_scopes WHERE staff_id = ?', viewer.id)
        : []
    const keys = pageKeys(viewer, scopes, f, cursor, limit, visibleWhere(viewer), order)
    return sql.all<QueueRow>(
      `${keys.sql}
       SELECT ${COLUMNS}, ${UNREAD} AS unread FROM k CROSS JOIN cases c ON c.rowid = k.rid ORDER BY k.rk, k.ca, k.rid`,
      ...keys.params,
      viewer.id,
    )
  }
  const v = visibleWhere(viewer)
  const where = [v.sql]
  const params: SqlValue[] = [...v.params]
  if (f.statuses) (where.push(`c.status IN (${placeholders(f.statuses.length)})`), params.push(...f.statuses))
  if (f.right) (where.push('EXISTS (SELECT 1 FROM json_each(c.rights) WHERE value = ?)'), params.push(f.right))
  if (f.commitment) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.commitments) WHERE value = ?)')
    params.push(f.commitment)
  }
  if (f.country) (where.push('c.country = ?'), params.push(f.country))
  if (f.sector) (where.push('c.sector = ?'), params.push(f.sector))
  if (f.channel) (where.push('c.channel = ?'), params.push(f.channel))
  if (f.facility) {
    const like = likePattern(f.facility)
    where.push("(c.facility_id = ? OR c.facility LIKE ? ESCAPE '\\' OR c.employer LIKE ? ESCAPE '\\')")
    params.push(f.facility, like, like)
  }
  // Every word must appear somewhere in the case's redacted text (LIKE: ASCII case-insensitive).
  for (const word of words) (where.push(textMatches('?')), params.push(...Array<string>(6).fill(likePattern(word))))
  if (f.assignedTo !== undefined) (where.push('c.assigned_to = ?'), params.push(f.assignedTo))
  if (f.unrouted) where.push('c.assigned_to IS NULL')
  if (!f.includeMerged) where.push('c.merged_into IS NULL')
  if (f.dueBy !== undefined) (where.push(`${DUE} <= ?`), params.push(f.dueBy))
  const key = order === 'due' ? `${DUE}, c.rowid` : `c.rank, c.created_at, c.rowid`
  const sort = order === 'due' ? `${DUE} ASC, c.rowid ASC` : `c.rank, c.created_at ASC, c.rowid ASC`
  // The rarest word's matches drive the read (few: sorted); otherwise every visible case is read.
  const from = rarest === undefined ? 'cases c' : `(${CANDIDATES}) s CROSS JOIN cases c ON c.rowid = s.rid`
  return sql.all<QueueRow>(
    `SELECT ${COLUMNS}, ${UNREAD} AS unread FROM ${from} WHERE ${where.join(' AND ')}
     ${cursor ? `AND (${key}) > (${placeholders(cursor.length)})` : ''}
     ORDER BY ${sort} LIMIT ?`,
    viewer.id,
    ...(rarest === undefined ? [] : [phrase(rarest), phrase(rarest)]),
    ...params,
    ...(cursor ?? []),
    limit,
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
