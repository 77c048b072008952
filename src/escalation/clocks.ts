/**
 * @module escalation/clocks
 * The forum clock engine: pure, no I/O. Every deadline is data (`catalog/forums.json`, with its
 * legal source); the engine reads the dated facts an escalation records (its tracking stages) and
 * the dismissal a Mexican worker reported, and says what is due when.
 * - A forum clock starts on the day its `starts` stage was recorded (e.g. `filed`: the day the
 *   forum received the petition, which is when 19 U.S.C. §4646(b)'s 30 days start) and is done
 *   once one of its `stops` stages is recorded. A clock whose stage has not happened is not shown.
 * - LFT Art. 518: two months from the dismissal; a conciliation request suspends the clock while
 *   conciliation runs, for at most 45 days in all. Counted conservatively: the deadline is the
 *   same calendar day two months after the dismissal (the last day of the month when that day
 *   does not exist), plus the days suspended.
 * Days are UTC calendar days: a deadline is the day it falls on, and is overdue from the next day.
 */
import { DAY_MS, dayOf } from '../clock.js'
import type { Localized, Verified } from '../catalog/schema.js'
import { getForums, type EscalationKind, type ForumClock, type ForumsFile, type Stage } from './forums.js'

/** done: met or answered; open: running; overdue: past due; paused: suspended; stopped: case closed. */
export type EngineState = 'done' | 'open' | 'overdue' | 'paused' | 'stopped'

export interface EngineClock {
  /** The clock's id in the catalog (`ilc_review`, `lft_518`, …). */
  id: string
  /** The escalation it belongs to, or `lft` for the dismissal clock. */
  track: string
  kind: EscalationKind | 'lft'
  /** The day it started (Unix ms, UTC midnight). */
  startedAt: number
  /** The day it falls due (Unix ms, UTC midnight). */
  dueAt: number
  state: EngineState
  /** Whole days left (negative when overdue), null when done or stopped. */
  daysLeft: number | null
  rule: Localized
  cite: string
  source: string
  verified: Verified
}

/** One dated stage of an escalation. `on` is a UTC day (Unix ms). */
export interface StageFact {
  stage: Stage
  on: number
}

export interface Track {
  id: string
  kind: EscalationKind
  stages: readonly StageFact[]
}

/** The dismissal a worker reported, and conciliation periods (from the mx-cfcrl track). */
export interface Dismissal {
  on: number
  /** True when the day was estimated from a month or a coarse answer (intake/occurred.ts). */
  estimated?: boolean
  conciliations?: readonly { from: number; to: number | null }[]
}

export interface EngineInput {
  now: number
  /** Case status: a closed case stops every clock. */
  status?: string
  tracks?: readonly Track[]
  dismissal?: Dismissal | null
}

const CLOSED = new Set(['resolved', 'closed'])

/** The same calendar day `months` later (UTC), or the last day of that month. */
export function addMonths(day: number, months: number): number {
  const d = new Date(dayOf(day))
  const y = d.getUTCFullYear()
  const m = d.getUTCMonth() + months
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate()
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last))
}

/** The due day of a forum clock started on `start`. */
export function dueOf(c: Pick<ForumClock, 'days' | 'months'>, start: number): number {
  return c.months !== undefined ? addMonths(start, c.months) : dayOf(start) + (c.days ?? 0) * DAY_MS
}

function stateOf(now: number, due: number, done: boolean, closed: boolean, paused = false): EngineState {
  if (done) return 'done'
  if (closed) return 'stopped'
  if (paused) return 'paused'
  return dayOf(now) > dayOf(due) ? 'overdue' : 'open'
}

const left = (now: number, due: number, s: EngineState) =>
  s === 'done' || s === 'stopped' ? null : Math.round((dayOf(due) - dayOf(now)) / DAY_MS)

/** The clocks of one escalation track. */
export function trackClocks(input: EngineInput, t: Track, forums: ForumsFile = getForums()): EngineClock[] {
  const out: EngineClock[] = []
  const closed = CLOSED.has(input.status ?? '')
  for (const c of forums.forums[t.kind].clocks) {
    const start = t.stages.find((s) => s.stage === c.starts)
    if (!start) continue
    const done = t.stages.some((s) => c.stops.includes(s.stage) && s.on >= start.on)
    const dueAt = dueOf(c, start.on)
    const state = stateOf(input.now, dueAt, done, closed)
    out.push({
      id: c.id,
      track: t.id,
      kind: t.kind,
      startedAt: dayOf(start.on),
      dueAt,
      state,
      daysLeft: left(input.now, dueAt, state),
      rule: c.rule,
      cite: c.cite,
      source: c.source,
      verified: c.verified,
    })
  }
  return out
}

/** The LFT Art. 518 clock for a reported dismissal. */
export function lftClock(input: EngineInput, d: Dismissal, forums: ForumsFile = getForums()): EngineClock {
  const rule = forums.lft
  let suspended = 0
  let running = false
  for (const c of d.conciliations ?? []) {
    const end = c.to ?? dayOf(input.now)
    if (c.to === null) running = true
    suspended += Math.max(0, Math.round((dayOf(end) - dayOf(c.from)) / DAY_MS))
  }
  const capped = Math.min(suspended, rule.suspensionCapDays)
  // Suspension ends at the cap even while conciliation is still open.
  const paused = running && suspended < rule.suspensionCapDays
  const dueAt = addMonths(d.on, rule.months) + capped * DAY_MS
  const state = stateOf(input.now, dueAt, false, CLOSED.has(input.status ?? ''), paused)
  return {
    id: rule.id,
    track: 'lft',
    kind: 'lft',
    startedAt: dayOf(d.on),
    dueAt,
    state,
    daysLeft: left(input.now, dueAt, state),
    rule: rule.rule,
    cite: rule.cite,
    source: rule.source,
    verified: rule.verified,
  }
}

/** Every running or finished clock: the dismissal first, then each track's, in catalog order. */
export function engineClocks(input: EngineInput, forums: ForumsFile = getForums()): EngineClock[] {
  return [
    ...(input.dismissal ? [lftClock(input, input.dismissal, forums)] : []),
    ...(input.tracks ?? []).flatMap((t) => trackClocks(input, t, forums)),
  ]
}

/** The due day the queue sorts on: the earliest clock still running (open, overdue or paused). */
export function nextDue(clocks: readonly Pick<EngineClock, 'state' | 'dueAt'>[]): number | null {
  const running = clocks.filter((c) => c.state === 'open' || c.state === 'overdue' || c.state === 'paused')
  return running.length === 0 ? null : Math.min(...running.map((c) => c.dueAt))
}
