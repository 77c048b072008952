/**
 * @module cases/queue
 * What staff read: the queue (filtered, sorted by priority then age) and one case, redacted.
 * Only columns that hold redacted or non-identifying data are ever read (store/queue.ts): never
 * original_enc, identity_sealed, body_enc or receipt_hash. Every read goes through the scope
 * rule of `cases/scope`, and every case view appends an audit row.
 */
import { append } from '../audit/log.js'
import { articleLabel, getCatalog } from '../catalog/index.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import type { Lang } from '../i18n/index.js'
import * as accessRequests from '../store/access-requests.js'
import * as events from '../store/events.js'
import * as messages from '../store/messages.js'
import * as queue from '../store/queue.js'
import { caseClocks, type CaseClock } from './clocks.js'
import { OPEN_STATUSES, STATUSES, type Status } from './statuses.js'
import { canSee, excludedEmployers, withoutExcluded, type Actor } from './scope.js'

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

type CaseRow = queue.QueueRow

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
function parseCursor(after: string): queue.QueueCursor {
  const m = /^([01])\.(\d{1,16})\.(\d{1,16})$/.exec(after)
  if (!m) throw new AppError('bad_request')
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

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
  const status = f.status || 'open'
  const filter: queue.QueueFilter = {
    // 'all' names every status: each has its own index range (store/queue-ranges.ts).
    statuses: status === 'open' ? OPEN_STATUSES : status === 'all' ? STATUSES : [status],
    ...(f.right ? { right: f.right } : {}),
    ...(f.commitment ? { commitment: f.commitment } : {}),
    ...(f.country ? { country: f.country.toUpperCase() } : {}),
    ...(f.sector ? { sector: f.sector } : {}),
    ...(f.channel ? { channel: f.channel } : {}),
    ...(f.facility ? { facility: f.facility } : {}),
    ...(f.assigned === 'me' ? { assignedTo: actor.id } : {}),
    unrouted: f.assigned === 'unrouted',
    includeMerged: Boolean(f.merged),
  }
  const excluded = await excludedEmployers(deps, actor)
  const rows: CaseRow[] = []
  let cursor = f.after === undefined ? undefined : parseCursor(f.after)
  // One row more than the page tells whether there is a next page.
  for (;;) {
    const chunk = await queue.queueChunk(deps.sql, actor, filter, cursor, limit + 1)
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

/**
 * Timeline events NGOs never see: internal notes, access requests and their decisions, and
 * grants and shares (they name other organisations).
 */
const INTERNAL_EVENTS: readonly string[] = ['note', 'access_request', 'access_decision', 'grant', 'share', 'unshare']

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
  const row = await queue.caseForStaff(deps.sql, caseId)
  if (!row) return undefined
  const catalog = getCatalog()
  const item = toItem(deps, row)
  const timeline = await events.forCase(deps.sql, caseId)
  const thread = await messages.forCase(deps.sql, caseId)
  const dups = withoutExcluded(
    deps,
    await queue.visibleDuplicates(deps.sql, actor, caseId),
    await excludedEmployers(deps, actor),
  ).map(({ id, reference }) => ({ id, reference }))
  // Access requests are internal, like notes: an NGO sees neither them nor their events.
  const internal = actor.role === 'ngo'
  const requests = internal
    ? []
    : await accessRequests.forCase(deps.sql, caseId)
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
    timeline: timeline
      // An organisation's own notes are read on its case page only (partners/org-notes.ts).
      .filter((e) => e.kind !== 'org_note' && (!internal || !INTERNAL_EVENTS.includes(e.kind)))
      .map((e) => ({
        at: e.at,
        kind: e.kind,
        actorId: e.actor_id,
        data: JSON.parse(e.data) as Record<string, unknown>,
        ...(e.kind === 'note' && e.data_enc
          ? { note: deps.crypto.decryptText(e.data_enc, `note:${e.id}`) }
          : {}),
      })),
    messages: thread.map((m) => ({
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
