/**
 * @module cases/clocks
 * The deadlines shown on a case, computed from dates alone (pure, no I/O).
 * - Acknowledgement: within 7 days of intake (design §1; GlobaLeaks #2866 asks for the EU's
 *   7-day acknowledgement). Met by the first status change or the first message to the reporter.
 * - Every forum deadline (the ILC's 30 days from the petition's receipt by DOL OTLA, the RRM's
 *   10 and 45 days, USTR's 60 days, Canada's NAO, the EU SEP, LFT Art. 518 after a dismissal) comes
 *   from the forum clock engine (escalation/clocks.ts), which reads them from catalog/forums.json
 *   with their sources and starts them from recorded dates (an escalation's stages, the
 *   dismissal day), never from the day a case was marked escalated.
 * Days are calendar days (UTC): every date a clock reads is stored as its day (see clock.ts), a
 * deadline is the day it falls on, and it is overdue from the next day on.
 */
import { DAY_MS, dayOf } from '../clock.js'
import type { EngineClock } from '../escalation/clocks.js'

/** The Annex 31-A denial-of-rights commitment that puts a case on the Rapid Response track. */
export const RRM_COMMITMENT = 'usmca.31a.dor'

/** `ack`, or a forum clock's id from catalog/forums.json (`ilc_review`, `lft_518`, …). */
export type ClockId = string
/** done: met; open: running; overdue: past due; paused: suspended (LFT conciliation); waiting: not started; stopped: case closed. */
export type ClockState = 'done' | 'open' | 'overdue' | 'paused' | 'waiting' | 'stopped'

export interface CaseClock {
  id: ClockId
  /** i18n key of the label (console namespace). */
  label: string
  /** Unix ms, or null while the clock waits for its starting event. */
  dueAt: number | null
  state: ClockState
  /** Whole days left (negative when overdue), or null. */
  daysLeft: number | null
  /** Verification tag of the source in reference.md: V verified, S secondary, U unverified. */
  tag: 'V' | 'S' | 'U' | null
  /** Where the rule comes from. */
  source: string
}

export interface ClockInput {
  now: number
  status: string
  commitments: readonly string[]
  ackDueAt: number
  /** First status change or question to the reporter. */
  acknowledgedAt?: number | null
  /** The case's forum clocks (escalation/case-clocks.ts), when read in full (the case page). */
  engine?: readonly EngineClock[]
  /** Otherwise the running deadlines stored for the queue (case_deadlines): the next one. */
  nextDeadline?: { id: string; dueAt: number } | null
}

const CLOSED = new Set(['resolved', 'closed'])

function clock(
  input: ClockInput,
  id: ClockId,
  dueAt: number | null,
  done: boolean,
  tag: CaseClock['tag'],
  source: string,
): CaseClock {
  let state: ClockState
  if (done) state = 'done'
  else if (dueAt === null) state = CLOSED.has(input.status) ? 'stopped' : 'waiting'
  else if (CLOSED.has(input.status)) state = 'stopped'
  else state = dayOf(input.now) > dayOf(dueAt) ? 'overdue' : 'open'
  const daysLeft =
    dueAt === null || state === 'done' || state === 'stopped'
      ? null
      : Math.round((dayOf(dueAt) - dayOf(input.now)) / DAY_MS)
  return { id, label: `console:clock.${id}`, dueAt, state, daysLeft, tag, source }
}

/** A forum clock as the console shows it. */
function fromEngine(c: EngineClock): CaseClock {
  return {
    id: c.id,
    label: `console:escalation.clock.${c.id}`,
    dueAt: c.dueAt,
    state: c.state,
    daysLeft: c.daysLeft,
    tag: c.verified,
    source: c.cite,
  }
}

/** Every clock that applies to the case, in the order a monitor should read them. */
export function caseClocks(input: ClockInput): CaseClock[] {
  const out: CaseClock[] = [
    clock(
      input,
      'ack',
      input.ackDueAt,
      input.acknowledgedAt != null,
      null,
      'design §1: 7 days from intake',
    ),
  ]
  if (input.engine) out.push(...input.engine.map(fromEngine))
  else if (input.nextDeadline) {
    const d = input.nextDeadline
    out.push({ ...clock(input, d.id, d.dueAt, false, null, ''), label: `console:escalation.clock.${d.id}` })
  }
  return out
}

/** The clock to show first in a queue: the earliest running or overdue one, if any. */
export function nextClock(clocks: readonly CaseClock[]): CaseClock | undefined {
  return clocks
    .filter((c) => (c.state === 'open' || c.state === 'overdue' || c.state === 'paused') && c.dueAt !== null)
    .sort((a, b) => a.dueAt! - b.dueAt!)[0]
}
