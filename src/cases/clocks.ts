/**
 * @module cases/clocks
 * The deadlines that matter for a case, computed from dates alone (pure, no I/O).
 * - Acknowledgement: within 7 days of intake (design §1; GlobaLeaks #2866 asks for the EU's
 *   7-day acknowledgement). Met by the first status change or the first message to the reporter.
 * - For a case escalated toward USMCA Annex 31-A (commitment `usmca.31a.dor`):
 *   - the ILC reviews a Rapid Response petition within 30 days of submission
 *     (19 U.S.C. §4646(b); reference.md §2.5) [V], counted from the escalation;
 *   - after the Art. 31-A.4 request for review, the respondent decides whether to review within
 *     10 days [S] and reports within 45 days of the request [S] (reference.md §2.2, steps 2–3).
 *     They start only once a request date is recorded on the case.
 * Days are calendar days (UTC): every date a clock reads is stored as its day (see clock.ts), a
 * deadline is the day it falls on, and it is overdue from the next day on.
 */
import { DAY_MS, dayOf } from '../clock.js'

/** The Annex 31-A denial-of-rights commitment that puts a case on the Rapid Response track. */
export const RRM_COMMITMENT = 'usmca.31a.dor'

export type ClockId = 'ack' | 'ilc_review' | 'review_decision' | 'review_report'
/** done: met; open: running; overdue: past due; waiting: not started; stopped: case closed. */
export type ClockState = 'done' | 'open' | 'overdue' | 'waiting' | 'stopped'

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
  /** When the case was (last) moved to 'escalated'. */
  escalatedAt?: number | null
  /** When the Art. 31-A.4 request for review was made (recorded by staff). */
  reviewRequestedAt?: number | null
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
  const rrm = input.commitments.includes(RRM_COMMITMENT)
  if (rrm && input.escalatedAt != null) {
    out.push(
      clock(
        input,
        'ilc_review',
        input.escalatedAt + 30 * DAY_MS,
        false,
        'V',
        '19 U.S.C. §4646(b); reference §2.5',
      ),
    )
    const req = input.reviewRequestedAt ?? null
    out.push(
      clock(
        input,
        'review_decision',
        req === null ? null : req + 10 * DAY_MS,
        false,
        'S',
        'USMCA Art. 31-A.4; reference §2.2 step 2',
      ),
      clock(
        input,
        'review_report',
        req === null ? null : req + 45 * DAY_MS,
        false,
        'S',
        'USMCA Art. 31-A.4; reference §2.2 step 3',
      ),
    )
  }
  return out
}

/** The clock to show first in a queue: the earliest running or overdue one, if any. */
export function nextClock(clocks: readonly CaseClock[]): CaseClock | undefined {
  return clocks
    .filter((c) => (c.state === 'open' || c.state === 'overdue') && c.dueAt !== null)
    .sort((a, b) => a.dueAt! - b.dueAt!)[0]
}
