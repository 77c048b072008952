/**
 * Tracking an escalation's life with dates: "filed" (the day the forum received it) starts the
 * forum's clocks on the package, on each case page and in the queue, which sorts and filters by
 * what is due soonest (keyset cursor included). Bad stages change nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listCases } from '../../src/cases/queue.js'
import type { Package } from '../../src/escalation/package.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { api } from '../console/setup.js'
import { actorOf, fileFor, ORGS, world, type World } from './helpers.js'

let rt: TestRuntime
let w: World
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '198.51.100.62' })
  w = await world(rt)
})
afterEach(() => rt.close())

const MX = { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], description: 'No nos dejan votar por el sindicato que queremos.' }
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10)

async function stage(id: string, body: object) {
  const res = await api(rt, 'POST', `/api/v1/escalations/${id}/stages`, w.admin.token, body)
  const json = (await res.json()) as Package & { error?: { fields: Record<string, string> } }
  return { status: res.status, json }
}

describe('tracking', () => {
  it('filed starts the ILC 30 days from receipt; later stages follow; the case and queue show the clock', async () => {
    const a = await fileFor(rt, w.ngo, MX)
    const b = await fileFor(rt, w.ngo, MX)
    const created = (await (await api(rt, 'POST', '/api/v1/escalations', w.admin.token, { kind: 'usmca-rrm', caseRefs: [a.reference, b.reference], org: ORGS.union })).json()) as Package
    const id = created.id
    // Before filing: not without a human read, nothing after "filed" before it.
    expect((await stage(id, { stage: 'filed', on: '2026-11-25' })).json.error!.fields).toEqual({ stage: 'A person must read the package before it is exported or filed.' })
    expect((await stage(id, { stage: 'acknowledged', on: '2026-11-25' })).json.error!.fields).toEqual({ stage: 'Record the filing day first.' })
    await api(rt, 'POST', `/api/v1/escalations/${id}/review`, w.admin.token)
    expect((await stage(id, { stage: 'filed', on: '2026-11-27' })).json.error!.fields).toEqual({ on: 'This day has not come yet.' })
    expect((await stage(id, { stage: 'filed', on: '2026-11-31' })).json.error!.fields).toEqual({ on: 'Give the day as YYYY-MM-DD.' })
    expect((await stage(id, { stage: 'filed', on: '2026-11-20' })).json.error!.fields).toEqual({ on: 'This day is before the package was drafted.' })
    expect(rt.db.prepare("SELECT COUNT(*) AS n FROM escalation_stages WHERE stage <> 'drafted'").get()).toEqual({ n: 0 })

    const filed = await stage(id, { stage: 'filed', on: '2026-11-25' })
    expect(filed.status).toBe(201)
    expect(filed.json.stage).toBe('filed')
    expect(filed.json.clocks).toEqual([
      expect.objectContaining({ id: 'ilc_review', startedOn: '2026-11-25', dueOn: '2026-12-25', state: 'open', daysLeft: 30, verified: 'V' }),
    ])
    expect((await stage(id, { stage: 'filed', on: '2026-11-25' })).json.error!.fields).toEqual({ stage: 'The filing day is already recorded.' })
    // The case page and the API show the clock with its source.
    const { case: kase } = (await (await api(rt, 'GET', `/api/v1/cases/${a.caseId}`, w.admin.token)).json()) as { case: { clocks: { id: string; dueAt: number; tag: string; source: string }[] } }
    const ilc = kase.clocks.find((c) => c.id === 'ilc_review')!
    expect([ymd(ilc.dueAt), ilc.tag]).toEqual(['2026-12-25', 'V'])
    expect(ilc.source).toContain('4646(b)')
    // Masks are refused once filed.
    expect((await api(rt, 'POST', `/api/v1/escalations/${id}/masks`, w.admin.token, { text: 'sindicato', kind: 'other' })).status).toBe(400)
    // Later stages, with an outcome only when closing.
    rt.clock.advance(20 * 86_400_000)
    expect((await stage(id, { stage: 'accepted', on: '2026-12-10' })).status).toBe(201)
    const review = await stage(id, { stage: 'review_requested', on: '2026-12-12' })
    expect(review.json.clocks.map((c) => [c.id, c.dueOn, c.state])).toEqual([
      ['ilc_review', '2026-12-25', 'done'],
      ['ustr_panel_decision', '2027-02-08', 'open'],
      ['review_decision', '2026-12-22', 'open'],
      ['review_report', '2027-01-26', 'open'],
    ])
    expect((await stage(id, { stage: 'closed', on: '2026-12-14' })).json.error!.fields).toHaveProperty('outcome')
    const closed = await stage(id, { stage: 'closed', on: '2026-12-14', outcome: 'remediated' })
    expect(closed.json).toMatchObject({ stage: 'closed', outcome: 'remediated' })
    expect(closed.json.stages.map((s) => s.stage)).toEqual(['drafted', 'filed', 'accepted', 'review_requested', 'closed'])
    expect(closed.json.clocks.every((c) => c.state === 'done')).toBe(true)
    // Each case's timeline has the stages.
    const timeline = rt.db.prepare("SELECT data FROM case_events WHERE case_id = ? AND kind = 'escalation' ORDER BY rowid").all(b.caseId) as { data: string }[]
    expect(timeline.map((e) => (JSON.parse(e.data) as { stage: string }).stage)).toEqual(['drafted', 'filed', 'accepted', 'review_requested', 'closed'])
  })

  it('the queue sorts by what is due soonest (overdue first), filters by due, and pages with a stable cursor', async () => {
    const admin = actorOf(w.admin)
    // Dismissals in Mexico: each starts an LFT clock at intake, due two months after the day given.
    const days = ['2026-10-01', '2026-11-10', '2026-09-20', '2026-11-01', '2026-10-15']
    const refs: string[] = []
    for (const d of days) {
      const f = await fileFor(rt, w.ngo, { country: 'MX', sector: 'auto_parts', rights: ['wages'], description: 'Me despidieron sin pagarme el finiquito.' })
      rt.db.prepare("UPDATE case_deadlines SET due_at = ? WHERE case_id = ?").run(Date.parse(`${d}T00:00:00Z`) + 61 * 86_400_000, f.caseId)
      refs.push(f.reference)
    }
    // One case acknowledged (no ack clock) and without a deadline sorts last.
    const quiet = await fileFor(rt, w.ngo, MX)
    await api(rt, 'PATCH', `/api/v1/cases/${quiet.caseId}`, w.admin.token, { status: 'triaging' })
    const full = await listCases(rt.deps, admin, { sort: 'due', status: 'all' })
    const order = full.cases.map((c) => c.reference)
    // 2026-09-20 + 61 days is 2026-11-20: overdue on 2026-11-25, so first.
    expect(order.slice(0, 2)).toEqual([refs[2], refs[0]])
    expect(order.at(-1)).toBe(quiet.reference)
    // Page by two: same order, nothing twice, nothing lost.
    const paged: string[] = []
    let after: string | undefined
    for (let i = 0; i < 10; i++) {
      const page = await listCases(rt.deps, admin, { sort: 'due', status: 'all', ...(after ? { after } : {}) }, 2)
      paged.push(...page.cases.map((c) => c.reference))
      if (!page.next) break
      expect(page.next).toMatch(/^d\.\d+\.\d+$/)
      after = page.next
    }
    expect(paged).toEqual(order)
    // Filters: overdue only; due within a week.
    const overdue = await listCases(rt.deps, admin, { sort: 'due', due: 'overdue', status: 'all' })
    expect(overdue.cases.map((c) => c.reference)).toEqual([refs[2]])
    expect(overdue.cases[0]!.clocks.find((c) => c.id === 'lft_518')).toMatchObject({ state: 'overdue' })
    // The API takes the same parameters; a malformed cursor or filter is a bad request.
    const res = await api(rt, 'GET', '/api/v1/cases?sort=due&due=overdue&status=all', w.admin.token)
    expect(((await res.json()) as { cases: { reference: string }[] }).cases.map((c) => c.reference)).toEqual([refs[2]])
    expect((await api(rt, 'GET', '/api/v1/cases?sort=due&after=1.2.3', w.admin.token)).status).toBe(400)
    expect((await api(rt, 'GET', '/api/v1/cases?due=soon', w.admin.token)).status).toBe(400)
    // The default order still pages as before.
    expect((await listCases(rt.deps, admin, { status: 'all' }, 2)).next).toMatch(/^[01]\.\d+\.\d+$/)
  })
})
