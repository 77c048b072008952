/**
 * @module cases/queue
 * What staff read: the queue (filtered, sorted by priority then age) and one case, redacted.
 * Only columns that hold redacted or non-identifying data are ever selected here: never
 * original_enc, identity_sealed, body_enc or receipt_hash. Every read goes through the scope
 * rule of `cases/scope`, and every case view appends an audit row.
 */
import { append } from '../audit/log.js'
import { articleLabel, getCatalog } from '../catalog/index.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import type { Lang } from '../i18n/index.js'
import type { SqlValue } from '../store/port.js'
import { caseClocks, type CaseClock } from './clocks.js'
import { OPEN_STATUSES, STATUSES, type Status } from './statuses.js'
import { canSee, excludedEmployers, visibleWhere, withoutExcluded, type Actor } from './scope.js'

export { STATUSES, type Status }
export const CHANNELS = ['web', 'api', 'sms', 'voice', 'ngo'] as const

export interface QueueFilters {
  /** A status, 'open' (default) or 'all'. */
  status?: string
  right?: string
  commitment?: string
  country?: string
  sector?: string
  /** Part of the facility name, or a facility id. */
  facility?: string
  channel?: string
  /** 'me': assigned to the caller; 'unrouted': nobody (admins only). */
  assigned?: string
  /** Include cases merged into another. */
  merged?: boolean
  /** The `next` cursor of the previous page. */
  after?: string
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

interface CaseRow {
  id: string
  /** Insertion sequence: orders the cases of one day. */
  seq: number
  reference: string
  channel: string
  language: string
  country: string
  sector: string | null
  employer: string
  employer_hash: string | null
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

/** A case as the queue shows it. */
export interface QueueItem {
  id: string
  reference: string
  status: string
  outcome: string | null
  priority: string
  channel: string
  country: string
  sector: string | null
  employer: string
  facility: string | null
  rights: string[]
  commitments: string[]
  assignedTo: string | null
  mergedInto: string | null
  createdAt: number
  clocks: CaseClock[]
}

function toItem(deps: Deps, r: CaseRow): QueueItem {
  const commitments = JSON.parse(r.commitments) as string[]
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    outcome: r.outcome,
    priority: r.priority,
    channel: r.channel,
    country: r.country,
    sector: r.sector,
    employer: r.employer,
    facility: r.facility,
    rights: JSON.parse(r.rights) as string[],
    commitments,
    assignedTo: r.assigned_to,
    mergedInto: r.merged_into,
    createdAt: r.created_at,
    clocks: caseClocks({
      now: deps.clock.now(),
      status: r.status,
      commitments,
      ackDueAt: r.ack_due_at,
      acknowledgedAt: r.acknowledged_at,
      escalatedAt: r.escalated_at,
      reviewRequestedAt: r.review_requested_at,
    }),
  }
}

/** Cases per queue page (API and console). */
export const QUEUE_PAGE = 200

/** One page of the queue; `next` is the cursor of the following page (`after=`), or null. */
export interface QueuePage {
  cases: QueueItem[]
  next: string | null
}

/**
 * Where a case sorts in the queue: priority rank, then day of intake, then the insertion sequence
 * (rowid: times are stored as days, so the rowid is what orders a day's cases).
 */
const sortKey = (r: Pick<CaseRow, 'priority' | 'created_at' | 'seq'>) =>
  `${r.priority === 'high' ? 0 : 1}.${r.created_at}.${r.seq}`

/** Parse an `after=` cursor; a malformed one is a bad request. */
function parseCursor(after: string): [number, number, number] {
  const m = /^([01])\.(\d{1,16})\.(\d{1,16})$/.exec(after)
  if (!m) throw new AppError('bad_request')
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

const RANK = "(CASE c.priority WHEN 'high' THEN 0 ELSE 1 END)"

/**
 * The actor's queue: visible cases matching the filters, high priority first, oldest first, one
 * page at a time (`f.after`: the `next` cursor of the previous page). Conflict-of-interest
 * exclusions compare folded employer names, which SQL cannot compute, so they are applied while
 * reading: rows are read in chunks until the page is full, and a page is never cut short by cases
 * the actor may not see.
 */
export async function listCases(
  deps: Deps,
  actor: Actor,
  f: QueueFilters = {},
  limit = QUEUE_PAGE,
): Promise<QueuePage> {
  const v = visibleWhere(actor)
  const where = [v.sql]
  const params: SqlValue[] = [...v.params]
  const status = f.status || 'open'
  if (status === 'open')
    (where.push(`c.status IN (${OPEN_STATUSES.map(() => '?').join(', ')})`), params.push(...OPEN_STATUSES))
  else if (status !== 'all') (where.push('c.status = ?'), params.push(status))
  if (f.right)
    (where.push('EXISTS (SELECT 1 FROM json_each(c.rights) WHERE value = ?)'), params.push(f.right))
  if (f.commitment) {
    where.push('EXISTS (SELECT 1 FROM json_each(c.commitments) WHERE value = ?)')
    params.push(f.commitment)
  }
  if (f.country) (where.push('c.country = ?'), params.push(f.country.toUpperCase()))
  if (f.sector) (where.push('c.sector = ?'), params.push(f.sector))
  if (f.channel) (where.push('c.channel = ?'), params.push(f.channel))
  if (f.facility) {
    where.push("(c.facility_id = ? OR c.facility LIKE ? ESCAPE '\\')")
    params.push(f.facility, `%${f.facility.replace(/[\\%_]/g, (m) => `\\${m}`)}%`)
  }
  if (f.assigned === 'me') (where.push('c.assigned_to = ?'), params.push(actor.id))
  if (f.assigned === 'unrouted') where.push('c.assigned_to IS NULL')
  if (!f.merged) where.push('c.merged_into IS NULL')
  const excluded = await excludedEmployers(deps, actor)
  const rows: CaseRow[] = []
  let cursor = f.after === undefined ? undefined : parseCursor(f.after)
  // One row more than the page tells whether there is a next page.
  for (;;) {
    const chunk = await deps.sql.all<CaseRow>(
      `SELECT ${COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
       ${cursor ? `AND (${RANK}, c.created_at, c.rowid) > (?, ?, ?)` : ''}
       ORDER BY ${RANK}, c.created_at ASC, c.rowid ASC LIMIT ?`,
      ...params,
      ...(cursor ?? []),
      limit + 1,
    )
    rows.push(...withoutExcluded(deps, chunk, excluded))
    if (rows.length > limit || chunk.length <= limit) break
    const last = chunk[chunk.length - 1]!
    cursor = [last.priority === 'high' ? 0 : 1, last.created_at, last.seq]
  }
  const page = rows.slice(0, limit)
  return {
    cases: page.map((r) => toItem(deps, r)),
    next: rows.length > limit ? sortKey(page[page.length - 1]!) : null,
  }
}

/** Timeline events NGOs never see: internal notes, access requests and their decisions. */
const INTERNAL_EVENTS: readonly string[] = ['note', 'access_request', 'access_decision']

export interface TimelineEvent {
  at: number
  kind: string
  actorId: string | null
  data: Record<string, unknown>
  /** Decrypted internal note (kind 'note'; NGOs never get note events). */
  note?: string
}

export interface CaseView extends QueueItem {
  language: string
  location: string | null
  /** A day, a month or a coarse choice (intake/occurred.ts), or null. */
  occurredOn: string | null
  description: string
  commitmentDetails: { code: string; article: string; title: string }[]
  timeline: TimelineEvent[]
  messages: { id: string; direction: string; channel: string; body: string; at: number }[]
  duplicates: { id: string; reference: string }[]
  /** Requests to open the original, the identity or a voice statement (always empty for NGOs). */
  accessRequests: {
    id: string
    what: string
    reason: string
    decision: string | null
    requestedAt: number
  }[]
}

/**
 * One case as the actor may see it (redacted), or undefined when it does not exist or is out of
 * scope (the two are indistinguishable). Appends a `case_view` audit row. NGOs get neither the
 * internal notes nor the access requests (their reasons, their timeline events).
 */
export async function viewCase(
  deps: Deps,
  actor: Actor,
  caseId: string,
  lang: Lang,
): Promise<CaseView | undefined> {
  if (!(await canSee(deps, actor, caseId))) return undefined
  const row = await deps.sql.get<CaseRow & { description_redacted: string; occurred_on: string | null }>(
    `SELECT ${COLUMNS}, c.description_redacted, c.occurred_on FROM cases c WHERE c.id = ?`,
    caseId,
  )
  if (!row) return undefined
  const catalog = getCatalog()
  const item = toItem(deps, row)
  const events = await deps.sql.all<{
    id: string
    at: number
    kind: string
    actor_id: string | null
    data: string
    data_enc: Uint8Array | null
  }>(
    'SELECT id, at, kind, actor_id, data, data_enc FROM case_events WHERE case_id = ? ORDER BY at, rowid',
    caseId,
  )
  const messages = await deps.sql.all<{
    id: string
    direction: string
    channel: string
    body_redacted: string
    created_at: number
  }>(
    'SELECT id, direction, channel, body_redacted, created_at FROM case_messages WHERE case_id = ? ORDER BY created_at, rowid',
    caseId,
  )
  const v = visibleWhere(actor)
  const dups = withoutExcluded(
    deps,
    await deps.sql.all<{ id: string; reference: string; employer: string; employer_hash: string | null }>(
      `SELECT c.id, c.reference, c.employer, c.employer_hash FROM cases c WHERE c.merged_into = ? AND ${v.sql} ORDER BY c.created_at, c.rowid`,
      caseId,
      ...v.params,
    ),
    await excludedEmployers(deps, actor),
  ).map(({ id, reference }) => ({ id, reference }))
  // Access requests are internal, like notes: an NGO sees neither them nor their events.
  const internal = actor.role === 'ngo'
  const requests = internal
    ? []
    : await deps.sql.all<{
        id: string
        what: string
        reason: string
        decision: string | null
        requested_at: number
      }>(
        `SELECT id, what, reason, decision, requested_at FROM access_requests
         WHERE case_id = ? ORDER BY requested_at`,
        caseId,
      )
  await append(deps, { actorId: actor.id, action: 'case_view', caseId, data: { via: actor.via } })
  return {
    ...item,
    language: row.language,
    location: row.location,
    occurredOn: row.occurred_on,
    description: row.description_redacted,
    commitmentDetails: item.commitments.map((code) => {
      const c = catalog.byCode.get(code)
      return { code, article: c ? articleLabel(catalog, c, lang) : '', title: c?.title[lang] ?? code }
    }),
    timeline: events
      .filter((e) => !internal || !INTERNAL_EVENTS.includes(e.kind))
      .map((e) => ({
        at: e.at,
        kind: e.kind,
        actorId: e.actor_id,
        data: JSON.parse(e.data) as Record<string, unknown>,
        ...(e.kind === 'note' && e.data_enc
          ? { note: deps.crypto.decryptText(e.data_enc, `note:${e.id}`) }
          : {}),
      })),
    messages: messages.map((m) => ({
      id: m.id,
      direction: m.direction,
      channel: m.channel,
      body: m.body_redacted,
      at: m.created_at,
    })),
    duplicates: dups,
    accessRequests: requests.map((r) => ({
      id: r.id,
      what: r.what,
      reason: r.reason,
      decision: r.decision,
      requestedAt: r.requested_at,
    })),
  }
}
