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
import * as reads from '../store/case-reads.js'
import * as events from '../store/events.js'
import * as messages from '../store/messages.js'
import * as queue from '../store/queue.js'
import { caseClocks, type CaseClock } from './clocks.js'
import { DAY_MS, dayOf } from '../clock.js'
import { clocksOfCase } from '../escalation/case-clocks.js'
import { ofCase as escalationsOf } from '../store/escalations.js'
import { organisationOf } from '../partners/organisations.js'
import { voiceTextFor } from './voice-text.js'
import { OPEN_STATUSES, STATUSES, type Status } from './statuses.js'
import { canSee, excludedEmployers, withoutExcluded, type Actor } from './scope.js'

export { STATUSES, type Status }
export const CHANNELS = ['web', 'api', 'sms', 'voice', 'ngo', 'whatsapp'] as const

export interface QueueFilters {
  /** A status, 'open' (default) or 'all'. */
  status?: string
  right?: string
  commitment?: string
  country?: string
  sector?: string
  /** Part of the facility's or the employer's name, or a facility id. */
  facility?: string
  /** Words to find in the redacted text (description, employer, facility, place, messages). */
  q?: string
  channel?: string
  /** 'me': assigned to the caller; 'unrouted': nobody (admins only). */
  assigned?: string
  /** Include cases merged into another. */
  merged?: boolean
  /** The `next` cursor of the previous page. */
  after?: string
  /** 'due': soonest running clock first (overdue first of all); default: priority, then age. */
  sort?: string
  /** 'overdue': a clock is past due; 'week': one falls due within 7 days; 'any': one is running. */
  due?: string
}

/** The queue's due filters (QueueFilters.due) and how far ahead each looks, in days. */
export const DUE_FILTERS: Record<string, number | null> = { overdue: -1, week: 7, any: null }

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
  /** The first words of the redacted description, in the reader's language for voice lines. */
  snippet: string
  /** Messages from the reporter the reader has not seen (queue only; 0 elsewhere). */
  unread: number
}

/** Characters of the description a queue row shows. */
export const SNIPPET_CHARS = 140

function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  return `${flat.slice(0, max).replace(/\s+\S*$/, '')}…`
}

function toItem(deps: Deps, r: CaseRow, lang?: Lang): QueueItem {
  const commitments = JSON.parse(r.commitments) as string[]
  // A voice case's lines were written in the caller's language: staff read them in theirs.
  const local = (text: string) => (lang && r.channel === 'voice' ? voiceTextFor(text, lang) : text)
  return {
    id: r.id,
    reference: r.reference,
    status: r.status,
    outcome: r.outcome,
    priority: r.priority,
    channel: r.channel,
    country: r.country,
    sector: r.sector,
    employer: local(r.employer),
    facility: r.facility,
    snippet: cut(local(r.snippet ?? ''), SNIPPET_CHARS),
    unread: Math.max(0, r.unread ?? 0),
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
      nextDeadline:
        r.next_deadline_clock !== null && r.next_deadline_at !== null
          ? { id: r.next_deadline_clock, dueAt: r.next_deadline_at }
          : null,
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
const sortKey = (r: Pick<CaseRow, 'priority' | 'created_at' | 'seq' | 'due_key'>, due: boolean) =>
  due ? `d.${r.due_key}.${r.seq}` : `${r.priority === 'high' ? 0 : 1}.${r.created_at}.${r.seq}`

const cursorOf = (r: Pick<CaseRow, 'priority' | 'created_at' | 'seq' | 'due_key'>, due: boolean): queue.QueueCursor =>
  due ? [r.due_key, r.seq] : [r.priority === 'high' ? 0 : 1, r.created_at, r.seq]

/** Parse an `after=` cursor (of the same sort order); a malformed one is a bad request. */
function parseCursor(after: string, due: boolean): queue.QueueCursor {
  if (due) {
    const d = /^d\.(\d{1,16})\.(\d{1,16})$/.exec(after)
    if (!d) throw new AppError('bad_request')
    return [Number(d[1]), Number(d[2])]
  }
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
  lang?: Lang,
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
    ...(f.q ? { text: f.q } : {}),
    ...(f.assigned === 'me' ? { assignedTo: actor.id } : {}),
    unrouted: f.assigned === 'unrouted',
    includeMerged: Boolean(f.merged),
  }
  const due = f.sort === 'due'
  if (f.sort !== undefined && f.sort !== '' && !due && f.sort !== 'priority') throw new AppError('bad_request')
  if (f.due) {
    if (!(f.due in DUE_FILTERS)) throw new AppError('bad_request')
    const ahead = DUE_FILTERS[f.due]!
    filter.dueBy = ahead === null ? queue.NO_DUE - 1 : dayOf(deps.clock.now()) + ahead * DAY_MS
  }
  const excluded = await excludedEmployers(deps, actor)
  const rows: CaseRow[] = []
  let cursor = f.after === undefined ? undefined : parseCursor(f.after, due)
  // One row more than the page tells whether there is a next page.
  for (;;) {
    const chunk = await queue.queueChunk(deps.sql, actor, filter, cursor, limit + 1, due ? 'due' : 'priority')
    rows.push(...withoutExcluded(deps, chunk, excluded))
    if (rows.length > limit || chunk.length <= limit) break
    cursor = cursorOf(chunk[chunk.length - 1]!, due)
  }
  const page = rows.slice(0, limit)
  return {
    cases: page.map((r) => toItem(deps, r, lang)),
    next: rows.length > limit ? sortKey(page[page.length - 1]!, due) : null,
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
  /** The escalation packages the case is in (escalation/service.ts). */
  escalations: { id: string; kind: string; stage: string }[]
  /** LFT Art. 518: the day a dismissed worker in Mexico must act by (running clock), or null. */
  actBefore: number | null
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
  const base = toItem(deps, row, lang)
  // The case page shows every forum clock the engine computes from the case's events.
  const engine = await clocksOfCase(deps, { id: caseId, status: row.status, commitments: base.commitments })
  const item: QueueItem = {
    ...base,
    clocks: caseClocks({
      now: deps.clock.now(),
      status: row.status,
      commitments: base.commitments,
      ackDueAt: row.ack_due_at,
      acknowledgedAt: row.acknowledged_at,
      engine,
    }),
  }
  const timeline = await events.forCase(deps.sql, caseId)
  const thread = await messages.forCase(deps.sql, caseId)
  const dups = withoutExcluded(
    deps,
    await queue.visibleDuplicates(deps.sql, actor, caseId),
    await excludedEmployers(deps, actor),
  ).map(({ id, reference }) => ({ id, reference }))
  // Access requests are internal, like notes: an NGO sees neither them nor their events.
  const internal = actor.role === 'ngo'
  const ngoOrg = internal ? (await organisationOf(deps, actor.id))?.id : undefined
  const requests = internal
    ? []
    : await accessRequests.forCase(deps.sql, caseId)
  await append(deps, { actorId: actor.id, action: 'case_view', caseId, data: { via: actor.via } })
  // Reading the case is reading its messages: the queue's unread marker clears.
  await reads.markSeen(deps.sql, actor.id, caseId)
  return {
    ...item,
    language: row.language,
    location: row.location,
    occurredOn: row.occurred_on,
    description: row.channel === 'voice' ? voiceTextFor(row.description_redacted, lang) : row.description_redacted,
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
      body: row.channel === 'voice' || m.channel === 'voice' ? voiceTextFor(m.body_redacted, lang) : m.body_redacted,
      at: m.created_at,
    })),
    duplicates: dups,
    // An organisation sees only its own packages (others' name their filers' work).
    escalations: (await escalationsOf(deps.sql, caseId))
      .filter((e) => !internal || (e.org_id !== null && e.org_id === ngoOrg))
      .map(({ id, kind, stage }) => ({ id, kind, stage })),
    actBefore: engine.find((c) => c.id === 'lft_518' && c.state !== 'done' && c.state !== 'stopped')?.dueAt ?? null,
    accessRequests: requests.map((r) => ({
      id: r.id,
      what: r.what,
      reason: r.reason,
      decision: r.decision,
      requestedAt: r.requested_at,
    })),
  }
}
