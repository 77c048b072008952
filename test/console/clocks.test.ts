import { describe, expect, it } from 'vitest'
import { caseClocks, nextClock, RRM_COMMITMENT } from '../../src/cases/clocks.js'
import { engineClocks } from '../../src/escalation/clocks.js'

const DAY = 86_400_000
const t0 = Date.UTC(2026, 0, 1)

describe('case clocks', () => {
  it('acknowledgement: due 7 days after intake, done once acknowledged, overdue after', () => {
    const base = { status: 'new', commitments: [], ackDueAt: t0 + 7 * DAY }
    expect(caseClocks({ ...base, now: t0 + DAY })[0]).toMatchObject({
      id: 'ack',
      state: 'open',
      daysLeft: 6,
    })
    expect(caseClocks({ ...base, now: t0 + 8 * DAY })[0]).toMatchObject({
      state: 'overdue',
      daysLeft: -1,
    })
    expect(caseClocks({ ...base, now: t0 + 8 * DAY, acknowledgedAt: t0 + DAY })[0]).toMatchObject({
      state: 'done',
    })
    expect(caseClocks({ ...base, now: t0 + DAY })).toHaveLength(1)
  })

  it('Annex 31-A: the forum clocks come from the engine, started by recorded dates, never by escalation', () => {
    const now = t0 + 20 * DAY
    const engine = engineClocks({
      now,
      status: 'escalated',
      tracks: [{ id: 'case', kind: 'usmca-rrm', stages: [{ stage: 'review_requested', on: t0 + 5 * DAY }] }],
    })
    const clocks = caseClocks({
      now,
      status: 'escalated',
      commitments: [RRM_COMMITMENT],
      ackDueAt: t0 + 7 * DAY,
      acknowledgedAt: t0,
      engine,
    })
    // No ILC clock: nothing says when OTLA received a petition.
    expect(clocks.map((c) => [c.id, c.tag, c.state])).toEqual([
      ['ack', null, 'done'],
      ['review_decision', 'S', 'overdue'],
      ['review_report', 'S', 'open'],
    ])
    expect(clocks[1]).toMatchObject({ dueAt: t0 + 15 * DAY, label: 'console:escalation.clock.review_decision' })
    expect(clocks[2]).toMatchObject({ dueAt: t0 + 50 * DAY, daysLeft: 30 })
    expect(nextClock(clocks)?.id).toBe('review_decision')
  })

  it('the queue shows the next stored deadline; clocks stop when the case is closed', () => {
    const c = caseClocks({
      now: t0,
      status: 'escalated',
      commitments: [],
      ackDueAt: t0 + 7 * DAY,
      acknowledgedAt: t0,
      nextDeadline: { id: 'ilc_review', dueAt: t0 + 30 * DAY },
    })
    expect(c.map((x) => [x.id, x.state, x.label])).toEqual([
      ['ack', 'done', 'console:clock.ack'],
      ['ilc_review', 'open', 'console:escalation.clock.ilc_review'],
    ])
    const closed = engineClocks({
      now: t0 + 99 * DAY,
      status: 'closed',
      tracks: [{ id: 'e1', kind: 'usmca-rrm', stages: [{ stage: 'filed', on: t0 }] }],
    })
    expect(closed.map((x) => x.state)).toEqual(['stopped'])
  })
})
