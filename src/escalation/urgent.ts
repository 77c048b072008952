/**
 * @module escalation/urgent
 * Urgent at intake: a worker in Mexico who reports being dismissed has two months to act
 * (LFT Art. 518), and one who waits loses the claim. At intake (any channel, any language) the
 * report's words are checked for the classifier's `dismissal` facet (catalog/facets.json, es/fr/en);
 * the dismissal day is the day the reporter gave, else an earlier estimate (a month: its first
 * day; "this week": 7 days back; "this month": 31 days back; "earlier" or nothing: 31 days back),
 * so the date shown is never later than the real one. Pure.
 */
import type { Catalog } from '../catalog/index.js'
import { DAY_MS, dayOf } from '../clock.js'
import type { Lang } from '../i18n/index.js'
import { detectFacets } from '../routing/facets.js'
import type { Deps } from '../deps.js'
import * as escalations from '../store/escalations.js'
import * as events from '../store/events.js'
import type { Statement } from '../store/port.js'
import { withAudit } from '../audit/log.js'
import { CASE_READERS, type Actor } from '../cases/scope.js'
import { requireCase } from '../cases/staff-actions.js'
import { AppError } from '../errors.js'
import { caseEngineInput, refreshDeadlines } from './case-clocks.js'
import { lftClock, type Dismissal } from './clocks.js'

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH = /^(\d{4})-(\d{2})$/

/** The dismissal day to count from, and whether it is an estimate. */
export function dismissalDay(occurredOn: string | null | undefined, filedOn: number): { on: number; estimated: boolean } {
  const today = dayOf(filedOn)
  const d = occurredOn ? DAY.exec(occurredOn) : null
  if (d) return { on: Math.min(today, Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!)), estimated: false }
  const m = occurredOn ? MONTH.exec(occurredOn) : null
  if (m) return { on: Math.min(today, Date.UTC(+m[1]!, +m[2]! - 1, 1)), estimated: true }
  if (occurredOn === 'this_week') return { on: today - 7 * DAY_MS, estimated: true }
  return { on: today - 31 * DAY_MS, estimated: true }
}

/** The dismissal an intake reports, or null when it is not a Mexican worker's dismissal. */
export function dismissalAtIntake(
  catalog: Catalog,
  r: { country: string; description: string; language: Lang; occurredOn?: string | null },
  filedOn: number,
): Dismissal | null {
  if (r.country.toUpperCase() !== 'MX') return null
  if (!detectFacets(catalog, r.description, r.language).has('dismissal')) return null
  return dismissalDay(r.occurredOn, filedOn)
}

/**
 * The statements that start a case's LFT clock at intake (they join the intake batch): the
 * `lft_clock` event the engine reads, and the running deadline the queue sorts on.
 */
export function dismissalStatements(deps: Deps, caseId: string, d: Dismissal, at: number): Statement[] {
  const clock = lftClock({ now: at }, d)
  return [
    events.append({ id: deps.crypto.randomToken(16), caseId, at, kind: 'lft_clock', data: { on: d.on, estimated: d.estimated === true } }),
    ...escalations.replaceDeadlines(caseId, [{ track: 'lft', clock: clock.id, dueAt: clock.dueAt }]),
  ]
}

/** The day a reporter must act by (LFT Art. 518), while that clock runs; for follow-up. */
export async function actBeforeOf(deps: Deps, kase: { id: string; status: string }): Promise<number | null> {
  const input = await caseEngineInput(deps, { id: kase.id, status: kase.status, commitments: [] })
  if (!input.dismissal) return null
  const c = lftClock(input, input.dismissal)
  return c.state === 'open' || c.state === 'paused' ? c.dueAt : null
}

/**
 * Staff record a dismissal they learned of (a voice report has no typed words to detect it in,
 * or the worker told it later): the day it happened starts (or moves) the case's LFT clock.
 * Mexico only; audited; the deadline is recomputed.
 */
export async function recordDismissal(deps: Deps, actor: Actor, caseId: string, on: string): Promise<void> {
  await requireCase(deps, actor, caseId, CASE_READERS)
  const facts = await escalations.caseFacts(deps.sql, caseId)
  if (facts?.country !== 'MX') throw new AppError('validation', { on: { key: 'console:escalation.errors.notMexico' } })
  const day = /^\d{4}-\d{2}-\d{2}$/.test(on) ? Date.parse(`${on}T00:00:00Z`) : NaN
  if (!Number.isFinite(day) || new Date(day).toISOString().slice(0, 10) !== on) {
    throw new AppError('validation', { on: { key: 'console:escalation.errors.on' } })
  }
  if (day > dayOf(deps.clock.now()) + DAY_MS) throw new AppError('validation', { on: { key: 'console:escalation.errors.future' } })
  await withAudit(deps, { actorId: actor.id, action: 'case_dismissal', caseId, data: { on } }, [
    events.append({ id: deps.crypto.randomToken(16), caseId, at: deps.clock.now(), kind: 'lft_clock', actorId: actor.id, data: { on: day, estimated: false } }),
  ])
  await refreshDeadlines(deps, [caseId])
}
