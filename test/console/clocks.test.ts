import { describe, expect, it } from 'vitest'
import { caseClocks, nextClock, RRM_COMMITMENT } from '../../src/cases/clocks.js'

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

  it('Annex 31-A: ILC review 30 days after escalation [V]; 10 and 45 days after the request [S]', () => {
    const clocks = caseClocks({
      now: t0 + 12 * DAY,
      status: 'escalated',
      commitments: ['usmca.23.3.1.a', RRM_COMMITMENT],
      ackDueAt: t0 + 7 * DAY,
      acknowledgedAt: t0 + DAY,
      escalatedAt: t0 + 2 * DAY,
    })
    expect(clocks.map((c) => [c.id, c.tag, c.state])).toEqual([
      ['ack', null, 'done'],
      ['ilc_review', 'V', 'open'],
      ['review_decision', 'S', 'waiting'],
      ['review_report', 'S', 'waiting'],
    ])
    expect(clocks[1]!.dueAt).toBe(t0 + 32 * DAY)
    const withRequest = caseClocks({
      now: t0 + 20 * DAY,
      status: 'escalated',
      commitments: [RRM_COMMITMENT],
      ackDueAt: t0 + 7 * DAY,
      acknowledgedAt: t0,
      escalatedAt: t0 + 2 * DAY,
      reviewRequestedAt: t0 + 5 * DAY,
    })
    expect(withRequest[2]).toMatchObject({ dueAt: t0 + 15 * DAY, state: 'overdue' })
    expect(withRequest[3]).toMatchObject({ dueAt: t0 + 50 * DAY, state: 'open', daysLeft: 30 })
    expect(nextClock(withRequest)?.id).toBe('review_decision')
  })

  it('no Rapid Response clocks without the Annex 31-A commitment; clocks stop when closed', () => {
    const c = caseClocks({
      now: t0,
      status: 'escalated',
      commitments: ['usmca.23.3.1.a'],
      ackDueAt: t0 + 7 * DAY,
      escalatedAt: t0,
    })
    expect(c.map((x) => x.id)).toEqual(['ack'])
    const closed = caseClocks({
      now: t0 + 99 * DAY,
      status: 'closed',
      commitments: [RRM_COMMITMENT],
      ackDueAt: t0 + 7 * DAY,
      escalatedAt: t0,
    })
    expect(closed.map((x) => x.state)).toEqual(['stopped', 'stopped', 'stopped', 'stopped'])
  })
})
