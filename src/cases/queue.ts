/**
 * @module cases/queue
 * What staff read: the queue (filtered, sorted by priority then age) and one case, redacted.
 * Only columns that hold redacted or non-identifying data are ever selected here: never
 * original_enc, identity_sealed, body_enc or receipt_hash. Every read goes through the scope
 * rule of `cases/scope`, and every case view appends an audit row.
 */
import { append } from '../audit/log.js'
import { getCatalog } from '../catalog/index.js'
import type { Deps } from '../deps.js'
import type { Lang } from '../i18n/index.js'
import type { SqlValue } from '../store/port.js'
import { caseClocks, type CaseClock } from './clocks.js'
import { canSee, excludedEmployers, visibleWhere, withoutExcluded, type Actor } from './scope.js'

export const STATUSES = [
  'new',
  'triaging',
  'investigating',
  'escalated',
  'resolved',
  'closed',
] as const
export type Status = (typeof STATUSES)[number]
export const OPEN = ['new', 'triaging', 'investigating', 'escalated'] as const
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
}

/** The columns staff may read (redacted text only). */
const COLUMNS = `c.id, c.reference, c.channel, c.language, c.country, c.sector, c.employer, c.facility,
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
  reference: string
  channel: string
  language: string
  country: string
  sector: string | null
  employer: string
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

/** The actor's queue: visible cases matching the filters, high priority first, oldest first. */
export async function listCases(
  deps: Deps,
  actor: Actor,
  f: QueueFilters = {},
  limit = 200,
): Promise<QueueItem[]> {
  const v = visibleWhere(actor)
  const where = [v.sql]
  const params: SqlValue[] = [...v.params]
  const status = f.status || 'open'
  if (status === 'open')
    (where.push(`c.status IN (${OPEN.map(() => '?').join(', ')})`), params.push(...OPEN))
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
  const rows = await deps.sql.all<CaseRow>(
    `SELECT ${COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
     ORDER BY CASE c.priority WHEN 'high' THEN 0 ELSE 1 END, c.created_at ASC, c.id ASC LIMIT ?`,
    ...params,
    limit,
  )
  return withoutExcluded(rows, await excludedEmployers(deps, actor)).map((r) => toItem(deps, r))
}

export interface TimelineEvent {
  at: number
  kind: string
  actorId: string | null
  data: Record<string, unknown>
  /** Decrypted internal note (kind 'note'; not shown to NGOs). */
  note?: string
}

export interface CaseView extends QueueItem {
  language: string
  location: string | null
  description: string
  commitmentDetails: { code: string; article: string; title: string }[]
  timeline: TimelineEvent[]
  messages: { id: string; direction: string; channel: string; body: string; at: number }[]
  duplicates: { id: string; reference: string }[]
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
 * scope (the two are indistinguishable). Appends a `case_view` audit row.
 */
export async function viewCase(
  deps: Deps,
  actor: Actor,
  caseId: string,
  lang: Lang,
): Promise<CaseView | undefined> {
  if (!(await canSee(deps, actor, caseId))) return undefined
  const row = await deps.sql.get<CaseRow & { description_redacted: string }>(
    `SELECT ${COLUMNS}, c.description_redacted FROM cases c WHERE c.id = ?`,
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
    await deps.sql.all<{ id: string; reference: string; employer: string }>(
      `SELECT c.id, c.reference, c.employer FROM cases c WHERE c.merged_into = ? AND ${v.sql} ORDER BY c.created_at`,
      caseId,
      ...v.params,
    ),
    await excludedEmployers(deps, actor),
  ).map(({ id, reference }) => ({ id, reference }))
  const requests = await deps.sql.all<{
    id: string
    what: string
    reason: string
    decision: string | null
    requested_at: number
  }>(
    'SELECT id, what, reason, decision, requested_at FROM access_requests WHERE case_id = ? ORDER BY requested_at',
    caseId,
  )
  await append(deps, { actorId: actor.id, action: 'case_view', caseId, data: { via: actor.via } })
  return {
    ...item,
    language: row.language,
    location: row.location,
    description: row.description_redacted,
    commitmentDetails: item.commitments.map((code) => {
      const c = catalog.byCode.get(code)
      return { code, article: c?.article ?? '', title: c?.title[lang] ?? code }
    }),
    timeline: events
      .filter((e) => e.kind !== 'note' || actor.role !== 'ngo')
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
