/**
 * @module test/escalation-store-contract
 * store/escalations.ts and the queue's due order on both adapters (better-sqlite3 on a file,
 * D1 inside workerd): what D1 could read differently is the due key (stored by migration 0017's
 * triggers, which D1 runs too; a row-value cursor), INSERT OR IGNORE on the masks' unique key, and
 * row order.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as cases from '../src/store/cases.js'
import * as escalations from '../src/store/escalations.js'
import * as events from '../src/store/events.js'
import type { Sql } from '../src/store/port.js'
import * as queue from '../src/store/queue.js'
import * as staff from '../src/store/staff.js'
import { newCase as baseCase, uniq } from './store-fixtures.js'

const DAY = 86_400_000

const newCase = (country: string, ackDueAt: number) =>
  baseCase({ country, employer: 'E', originalEnc: new Uint8Array([1]), createdAt: DAY, updatedAt: DAY, ackDueAt })

export function runEscalationStoreContract(adapter: string, makeSql: () => Promise<Sql>): void {
  describe(`escalation store (${adapter})`, () => {
    let sql: Sql
    beforeAll(async () => {
      sql = await makeSql()
    })

    it('packages, members, stages, masks (a repeat is ignored), misses', async () => {
      const a = newCase('HN', 100 * DAY)
      const b = newCase('HN', 100 * DAY)
      const id = uniq('esc')
      await sql.batch([
        cases.insert(a),
        cases.insert(b),
        escalations.insert({ id, kind: 'cafta-16', orgId: null, facilityId: null, details: { remedy: 'r' }, createdBy: 's', at: DAY }),
        escalations.addCase(id, b.id),
        escalations.addCase(id, a.id),
        escalations.addCase(id, a.id),
        escalations.insertStage({ id: uniq('st'), escalationId: id, stage: 'drafted', onDay: DAY, outcome: null, recordedBy: 's', at: DAY }),
      ])
      expect((await escalations.members(sql, id)).map((m) => m.id)).toEqual([b.id, a.id])
      expect(await escalations.ofCase(sql, a.id)).toEqual([{ id, kind: 'cafta-16', stage: 'drafted', org_id: null }])
      const mask = { escalationId: id, spanEnc: new Uint8Array([9]), spanHash: 'h1', kind: 'name', by: 's', at: DAY }
      const [first] = await sql.batch([escalations.insertMask({ id: uniq('m'), ...mask })])
      const [again] = await sql.batch([escalations.insertMask({ id: uniq('m'), ...mask })])
      expect([first!.changes, again!.changes]).toEqual([1, 0])
      expect(await escalations.hasMask(sql, id, 'h1')).toBe(true)
      await sql.batch([
        escalations.insertStage({ id: uniq('st'), escalationId: id, stage: 'filed', onDay: 2 * DAY, outcome: null, recordedBy: 's', at: 2 * DAY }),
        escalations.setStage(id, 'filed', null),
      ])
      expect((await escalations.stagesForCase(sql, a.id)).map((s) => s.stage)).toEqual(['drafted', 'filed'])
      expect((await escalations.byId(sql, id))!.stage).toBe('filed')
    })

    it('the queue sorts by the earliest running clock and pages with a row-value cursor', async () => {
      const admin = uniq('adm')
      await sql.batch([staff.insert({ id: admin, email: `${admin}@x.org`, name: null, role: 'admin', passwordHash: null, at: 1 })])
      const country = 'NI'
      // Due keys: ack 10 days; a deadline on day 5; acknowledged with no deadline (last); closed.
      const ack = newCase(country, 10 * DAY)
      const soon = newCase(country, 50 * DAY)
      const none = newCase(country, 3 * DAY)
      await sql.batch([
        cases.insert(ack),
        cases.insert(soon),
        cases.insert(none),
        ...escalations.replaceDeadlines(soon.id, [{ track: 't', clock: 'ilc_review', dueAt: 5 * DAY }, { track: 't', clock: 'x', dueAt: 9 * DAY }]),
        events.append({ id: uniq('ev'), caseId: none.id, at: DAY, kind: 'status', data: { to: 'triaging' } }),
        events.append({ id: uniq('ev'), caseId: soon.id, at: DAY, kind: 'question' }),
      ])
      const viewer = { id: admin, role: 'admin' }
      const all = await queue.queueChunk(sql, viewer, { country }, undefined, 10, 'due')
      expect(all.map((r) => r.id)).toEqual([soon.id, ack.id, none.id])
      expect(all.map((r) => r.due_key)).toEqual([5 * DAY, 10 * DAY, queue.NO_DUE])
      expect(all[0]).toMatchObject({ next_deadline_clock: 'ilc_review', next_deadline_at: 5 * DAY })
      const page2 = await queue.queueChunk(sql, viewer, { country }, [all[0]!.due_key, all[0]!.seq], 10, 'due')
      expect(page2.map((r) => r.id)).toEqual([ack.id, none.id])
      const due = await queue.queueChunk(sql, viewer, { country, dueBy: 6 * DAY }, undefined, 10, 'due')
      expect(due.map((r) => r.id)).toEqual([soon.id])
      // The due filter in the priority order (same rank and day: insertion order).
      const byPriority = await queue.queueChunk(sql, viewer, { country, dueBy: 10 * DAY }, undefined, 10, 'priority')
      expect(byPriority.map((r) => r.id)).toEqual([ack.id, soon.id])
      // An NGO account's granted cases, in due order, from case_access (migrations 0014, 0017).
      const ngo = uniq('ngo')
      await sql.batch([staff.insert({ id: ngo, email: `${ngo}@x.org`, name: null, role: 'ngo', passwordHash: null, at: 1 })])
      for (const c of [none, soon, ack]) await sql.run('INSERT INTO case_grants (case_id, staff_id, granted_at) VALUES (?, ?, ?)', c.id, ngo, DAY)
      const granted = await queue.queueChunk(sql, { id: ngo, role: 'ngo' }, {}, undefined, 10, 'due')
      expect(granted.map((r) => r.id)).toEqual([soon.id, ack.id, none.id])
      // The stored due key (migration 0017) follows the clocks: the deadlines removed, the
      // question already asked, so none runs; the acknowledged case reopened by removing its event.
      await sql.batch(escalations.replaceDeadlines(soon.id, []))
      await sql.run("DELETE FROM case_events WHERE case_id = ? AND kind = 'status'", none.id)
      const after = await queue.queueChunk(sql, { id: ngo, role: 'ngo' }, {}, undefined, 10, 'due')
      expect(after.map((r) => [r.id, r.due_key])).toEqual([[none.id, 3 * DAY], [ack.id, 10 * DAY], [soon.id, queue.NO_DUE]])
      const next = await queue.queueChunk(sql, { id: ngo, role: 'ngo' }, {}, [after[0]!.due_key, after[0]!.seq], 10, 'due')
      expect(next.map((r) => r.id)).toEqual([ack.id, soon.id])
    })
  })
}
