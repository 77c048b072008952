/**
 * @module console/api
 * The staff JSON API (design §3): GET /api/v1/cases (a page of QUEUE_PAGE cases and the `next`
 * cursor, passed back as `after=`), GET/PATCH /api/v1/cases/:id,
 * POST /api/v1/cases/:id/messages. Session cookie (with X-CSRF-Token on writes) or
 * `Authorization: Bearer hl_…`. Reads: admin, monitor, ngo; PATCH: admin, monitor.
 * A case carries `voice`: its voice recordings' purpose, length and state, never their audio.
 * A case outside the caller's scope answers 404, exactly like a case that does not exist.
 */
import { Hono, type Context } from 'hono'
import { jsonObject, limitBody } from '../middleware/body.js'
import { append } from '../audit/log.js'
import { CHANNELS, listCases, STATUSES, viewCase, type QueueFilters } from '../cases/queue.js'
import type { CaseClock } from '../cases/clocks.js'
import { CASE_READERS, CASE_WORKERS } from '../cases/scope.js'
import {
  addNote,
  askReporter,
  assignCase,
  changeStatus,
  grantToNgo,
  mergeCase,
  recordReviewRequest,
  tagCommitments,
} from '../cases/staff-actions.js'
import { AppError } from '../errors.js'
import { referToOrganisation } from '../partners/referral.js'
import { revokeShare, shareWithOrganisation } from '../partners/sharing.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'
import { withVoice } from './voice.js'

/** Mounted at /api/v1/cases by createApp. */
export const staffApi = new Hono<ConsoleEnv>()

const limit = limitBody(32 * 1024)

const FILTERS = [
  'status',
  'right',
  'commitment',
  'country',
  'sector',
  'facility',
  'channel',
  'assigned',
  'sort',
  'due',
  'q',
] as const

/** Values a closed-list filter accepts; anything else is a 400 naming the filter. */
const ALLOWED: Partial<Record<(typeof FILTERS)[number], readonly string[]>> = {
  status: ['open', 'all', ...STATUSES],
  channel: CHANNELS,
  assigned: ['me', 'unrouted'],
}

/** Queue filters from a query string (shared with the queue page); an unknown value is a 400. */
export function filtersFrom(
  query: (k: string) => string | undefined,
  isAdmin: boolean,
): QueueFilters {
  const f: QueueFilters = {}
  for (const k of FILTERS) {
    const v = query(k)?.trim().slice(0, 120)
    if (!v) continue
    if (ALLOWED[k] && !ALLOWED[k].includes(v))
      throw new AppError('validation', { [k]: { key: 'console:errors.invalid' } })
    f[k] = v
  }
  if (f.assigned === 'unrouted' && !isAdmin) delete f.assigned
  if (query('merged') === '1') f.merged = true
  const after = query('after')
  if (after) f.after = after.slice(0, 200)
  return f
}

/** Clock labels in the caller's language: the API never hands out an i18n key as text. */
function readable<T extends { clocks: CaseClock[] }>(c: Context<ConsoleEnv>, item: T): T {
  const t = c.get('t')
  return { ...item, clocks: item.clocks.map((k) => ({ ...k, label: t(k.label) })) }
}

staffApi.get('/', requireStaff(CASE_READERS, 'api'), async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const { cases, next } = await listCases(
    deps,
    actor,
    filtersFrom((k) => c.req.query(k), actor.role === 'admin'),
    undefined,
    c.get('lang'),
  )
  await append(deps, {
    actorId: actor.id,
    action: 'queue_view',
    data: { via: actor.via, count: cases.length },
  })
  return c.json({ cases: cases.map((k) => readable(c, k)), next })
})

staffApi.get('/:id', requireStaff(CASE_READERS, 'api'), async (c) => {
  const deps = c.get('deps')
  const view = await viewCase(deps, c.get('actor'), c.req.param('id'), c.get('lang'))
  if (!view) throw new AppError('not_found')
  return c.json({ case: readable(c, await withVoice(deps, view)) })
})

const str = (v: unknown, field: string): string => {
  if (typeof v !== 'string')
    throw new AppError('validation', { [field]: { key: 'console:errors.invalid' } })
  return v
}

/**
 * Change a case. Fields (each optional, applied in this order): `status` (+ `outcome`),
 * `assignedTo` (staff id or null), `commitments` (codes), `note`, `mergeInto` (reference),
 * `reviewRequestedOn` (YYYY-MM-DD), `grantTo` (NGO staff id), `shareWith` / `unshare` (an
 * organisation's name), `referTo` ({org, disclose, recipients, until}: asks the worker first).
 */
staffApi.patch('/:id', requireStaff(CASE_WORKERS, 'api'), limit, async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const id = c.req.param('id')
  const b = await jsonObject(c)
  const known = [
    'status',
    'outcome',
    'assignedTo',
    'commitments',
    'note',
    'mergeInto',
    'reviewRequestedOn',
    'grantTo',
    'shareWith',
    'unshare',
    'referTo',
  ]
  const unknown = Object.keys(b).filter((k) => !known.includes(k))
  if (unknown.length > 0 || Object.keys(b).length === 0) {
    throw new AppError(
      'validation',
      Object.fromEntries(unknown.map((k) => [k, { key: 'console:errors.invalid' }])),
    )
  }
  // One change per request (`outcome` goes with `status`): each change is one atomic write, so a
  // refused request changes nothing. Two changes would leave the first applied when the second
  // is refused.
  const changes = Object.keys(b).filter((k) => k !== 'outcome')
  if (changes.length > 1 || (b.outcome !== undefined && b.status === undefined)) {
    const extra = b.outcome !== undefined && b.status === undefined ? ['outcome'] : changes.slice(1)
    throw new AppError('validation', Object.fromEntries(extra.map((k) => [k, { key: 'console:errors.oneChange' }])))
  }
  if (b.status !== undefined) {
    await changeStatus(
      deps,
      actor,
      id,
      str(b.status, 'status'),
      b.outcome === undefined ? undefined : str(b.outcome, 'outcome'),
    )
  }
  if (b.assignedTo !== undefined)
    await assignCase(
      deps,
      actor,
      id,
      b.assignedTo === null ? null : str(b.assignedTo, 'assignedTo'),
    )
  if (b.commitments !== undefined) {
    if (!Array.isArray(b.commitments))
      throw new AppError('validation', { commitments: { key: 'console:errors.invalid' } })
    await tagCommitments(
      deps,
      actor,
      id,
      b.commitments.map((x) => str(x, 'commitments')),
    )
  }
  if (b.note !== undefined) await addNote(deps, actor, id, str(b.note, 'note'))
  if (b.mergeInto !== undefined) await mergeCase(deps, actor, id, str(b.mergeInto, 'mergeInto'))
  if (b.reviewRequestedOn !== undefined)
    await recordReviewRequest(deps, actor, id, str(b.reviewRequestedOn, 'reviewRequestedOn'))
  if (b.grantTo !== undefined) await grantToNgo(deps, actor, id, str(b.grantTo, 'grantTo'))
  if (b.shareWith !== undefined) await shareWithOrganisation(deps, actor, id, str(b.shareWith, 'org'))
  if (b.unshare !== undefined) await revokeShare(deps, actor, id, str(b.unshare, 'org'))
  if (b.referTo !== undefined) {
    const r = b.referTo
    if (!r || typeof r !== 'object' || Array.isArray(r))
      throw new AppError('validation', { referTo: { key: 'console:errors.invalid' } })
    const o = r as Record<string, unknown>
    await referToOrganisation(deps, actor, id, {
      org: str(o.org, 'org'),
      disclose: o.disclose,
      recipients: o.recipients,
      until: o.until,
    })
  }
  const view = await viewCase(deps, actor, id, c.get('lang'))
  if (!view) throw new AppError('not_found')
  return c.json({ case: readable(c, await withVoice(deps, view)) })
})

staffApi.post('/:id/messages', requireStaff(CASE_READERS, 'api'), limit, async (c) => {
  const b = await jsonObject(c)
  const id = await askReporter(
    c.get('deps'),
    c.get('actor'),
    c.req.param('id'),
    str(b.body, 'body'),
  )
  return c.json({ id }, 201)
})
