/**
 * @module test/console-store-contract
 * The console's daily-work SQL (issue 20), on both adapters: better-sqlite3 on a file
 * (test/console-store.sqlite.test.ts) and D1 inside workerd (test/workers/console-store.d1.test.ts).
 * What D1 could do differently: the upsert with INSERT … SELECT … ON CONFLICT (read markers), the
 * unread count beside the scope rule, LIKE … ESCAPE, and the guarded reassignment.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as audit from '../src/store/audit.js'
import * as auditView from '../src/store/audit-view.js'
import * as reassign from '../src/store/case-reassign.js'
import * as reads from '../src/store/case-reads.js'
import * as cases from '../src/store/cases.js'
import * as messages from '../src/store/messages.js'
import type { Sql } from '../src/store/port.js'
import * as queue from '../src/store/queue.js'
import * as templates from '../src/store/reply-templates.js'
import * as saved from '../src/store/saved-filters.js'
import * as staff from '../src/store/staff.js'
import { newCase as baseCase, uniq } from './store-fixtures.js'

/** The shared case row, with text the search and LIKE tests look for. */
const newCase = (over: Partial<cases.NewCase> = {}) =>
  baseCase({ employer: 'Textiles [NAME-1] SA', descriptionRedacted: 'No pagan las horas extra, 100% cierto', originalEnc: new Uint8Array([1]), ...over })

export function runConsoleStoreContract(adapter: string, makeSql: () => Promise<Sql>): void {
  describe(`console daily-work store (${adapter})`, () => {
    let sql: Sql
    const admin = { id: uniq('admin'), role: 'admin' }
    beforeAll(async () => {
      sql = await makeSql()
      await sql.batch([staff.insert({ id: admin.id, email: `${admin.id}@example.org`, name: null, role: 'admin', passwordHash: null, at: 1 })])
    })

    const reply = (caseId: string) =>
      messages.insertFromReporter({ id: uniq('m'), caseId, channel: 'web', bodyRedacted: 'más datos', bodyEnc: null, idempotencyKey: null, at: 5 })

    it('read markers: unread counts per staff member, cleared by markSeen, set again by markUnread', async () => {
      const c = newCase()
      await sql.batch([cases.insert(c), reply(c.id), reply(c.id)])
      const row = async () =>
        (await queue.queueChunk(sql, admin, { text: c.reference }, undefined, 10)).find((r) => r.id === c.id)!
      expect((await row()).unread).toBe(2)
      await reads.markSeen(sql, admin.id, c.id)
      expect((await row()).unread).toBe(0)
      await reads.markSeen(sql, admin.id, c.id) // the upsert again
      await sql.batch([reply(c.id)])
      expect((await row()).unread).toBe(1)
      await reads.markSeen(sql, admin.id, c.id)
      await reads.markUnread(sql, admin.id, c.id)
      expect((await row()).unread).toBe(1)
      expect((await row()).snippet).toBe('No pagan las horas extra, 100% cierto')
    })

    it('search: every word, in description, employer or messages; % and _ are plain characters', async () => {
      const a = newCase({ employer: `Zapatos ${uniq('z')}` })
      const b = newCase({ descriptionRedacted: 'El patrón grita en la bodega' })
      await sql.batch([cases.insert(a), cases.insert(b), reply(b.id)])
      const ids = async (text: string) => (await queue.queueChunk(sql, admin, { text }, undefined, 500)).map((r) => r.id)
      expect(await ids(a.employer)).toEqual([a.id])
      expect(await ids('bodega grita')).toEqual([b.id])
      expect(await ids('bodega más')).toEqual([b.id])
      expect(await ids('100%')).not.toContain(b.id)
      expect(await ids('100%')).toContain(a.id)
      expect(await ids('_ap')).toEqual([])
      const fac = await queue.queueChunk(sql, admin, { facility: a.employer.slice(0, 12) }, undefined, 500)
      expect(fac.map((r) => r.id)).toContain(a.id)
    })

    it('saved filters and reply templates', async () => {
      const f = { id: uniq('f'), staffId: admin.id, name: 'Mexico', query: 'country=MX', at: 1 }
      await saved.save(sql, f)
      await saved.save(sql, { ...f, id: uniq('f'), query: 'country=MX&q=x' }) // same name: replaced
      expect(await saved.listFor(sql, admin.id)).toEqual([{ id: f.id, name: 'Mexico', query: 'country=MX&q=x' }])
      expect(await saved.countFor(sql, admin.id)).toBe(1)
      expect(await saved.remove(sql, 'someone-else', f.id)).toBe(false)
      expect(await saved.remove(sql, admin.id, f.id)).toBe(true)
      const t = { id: uniq('t'), name: uniq('Turno'), body_en: 'Which shift?', body_es: '¿Qué turno?', body_fr: 'Quelle équipe ?' }
      await templates.insert(sql, { ...t, createdBy: admin.id, at: 1 })
      expect(await templates.byId(sql, t.id)).toEqual(t)
      expect(await templates.byName(sql, t.name.toUpperCase())).toEqual({ id: t.id })
      expect(await templates.remove(sql, t.id)).toBe(true)
    })

    it('reassignment: open cases of an account, moved only while still assigned to it', async () => {
      const m = uniq('mon')
      await sql.batch([staff.insert({ id: m, email: `${m}@example.org`, name: null, role: 'monitor', passwordHash: null, at: 1 })])
      const open = newCase({ assignedTo: m })
      const shut = newCase({ assignedTo: m })
      await sql.batch([cases.insert(open), cases.insert(shut), cases.setStatus(shut.id, 'new', 'closed', 'duplicate', 1)])
      expect((await reassign.openAssignedTo(sql, m, ['new', 'triaging'])).map((r) => r.id)).toEqual([open.id])
      // The port counts the statement's own rows, not those the queue's triggers write (0013).
      expect(await sql.batch([reassign.moveAssignment(open.id, m, null, 2)])).toEqual([{ changes: 1 }])
      expect(await sql.batch([reassign.moveAssignment(open.id, m, admin.id, 3)])).toEqual([{ changes: 0 }])
    })

    it('audit viewer: newest first, by action and by case reference, with the actor’s e-mail', async () => {
      const c = newCase()
      await sql.batch([cases.insert(c)])
      const head = await audit.head(sql)
      const seq = (head?.seq ?? 0) + 1
      await sql.batch([
        audit.insertRow({ seq, at: 1, actor_id: admin.id, action: 'case_view', case_id: c.id, data: '{}', prev_hash: head?.hash ?? '0', hash: uniq('h') }),
      ])
      const rows = await auditView.newest(sql, { caseReference: c.reference }, 10)
      expect(rows).toEqual([{ seq, at: 1, actor_email: `${admin.id}@example.org`, action: 'case_view', case_reference: c.reference, data: '{}' }])
      expect(await auditView.newest(sql, { action: 'case_view', before: seq }, 10)).not.toContainEqual(rows[0])
      expect(await auditView.actions(sql)).toContain('case_view')
    })
  })
}
