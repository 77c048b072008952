/**
 * The queue's join tables (case_rights, case_commitments, migration 0013) follow every write to a
 * case in the same transaction: intake, reclassification, a status change, an assignment, a merge
 * (the duplicate leaves them), the purge (a purged case leaves them). After each step the tables
 * equal what the JSON columns say, and the queue finds the case by its new terms.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { listCases } from '../src/cases/queue.js'
import type { Actor } from '../src/cases/scope.js'
import { assignCase, changeStatus, mergeCase, tagCommitments } from '../src/cases/staff-actions.js'
import { DAY_MS } from '../src/clock.js'
import { purgeExpired } from '../src/privacy/retention.js'
import { makeStaff } from './console/setup.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'
import { termsOutOfSync } from './helpers/queue-terms.js'

const report = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Bajío SA de CV',
  facility: 'Planta 2',
  description: 'Nos despidieron a 12 compañeros por apoyar al sindicato independiente. Nunca votamos el contrato.',
  rights: ['freedom_of_association'],
}

let rt: TestRuntime
let admin: Actor
let monitor: Actor

beforeEach(async () => {
  rt = await makeRuntime()
  const a = await makeStaff(rt, 'admin', 'admin@example.org')
  const m = await makeStaff(rt, 'monitor', 'm@example.org', { scopes: ['commitment:cafta.16.2.1.a@*'] })
  admin = { id: a.id, role: 'admin', email: a.email, via: 'token' }
  monitor = { id: m.id, role: 'monitor', email: m.email, via: 'token' }
})
afterEach(() => rt.close())

async function file(over: Partial<typeof report> = {}): Promise<string> {
  const res = await postJson(rt, '/api/v1/reports', { ...report, ...over })
  expect(res.status).toBe(201)
  const { reference } = (await res.json()) as { reference: string }
  return (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases WHERE reference = ?', reference))!.id
}

const termsOf = (table: 'case_rights' | 'case_commitments', caseId: string) =>
  rt.db
    .prepare(`SELECT t.code, t.status, t.assigned_to FROM ${table} t JOIN cases c ON c.rowid = t.case_rowid WHERE c.id = ? ORDER BY t.code`)
    .all(caseId) as { code: string; status: string; assigned_to: string | null }[]

const queueIds = async (actor: Actor, f: Parameters<typeof listCases>[2]) =>
  (await listCases(rt.deps, actor, f)).cases.map((c) => c.id)

describe('the queue join tables stay in sync', () => {
  it('after intake: one row per right and commitment, found by the right filter', async () => {
    const id = await file()
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_rights', id).map((r) => r.code)).toContain('freedom_of_association')
    expect(termsOf('case_commitments', id).map((r) => r.code)).toEqual(
      expect.arrayContaining(['usmca.23.3.1.a', 'usmca.31a.dor']),
    )
    expect(await queueIds(admin, { right: 'freedom_of_association' })).toEqual([id])
    expect(await queueIds(admin, { right: 'wages' })).toEqual([])
  })

  it('after reclassification, a status change and an assignment', async () => {
    const id = await file()
    expect(await queueIds(monitor, {})).toEqual([])
    await tagCommitments(rt.deps, admin, id, ['cafta.16.2.1.a'])
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_commitments', id).map((r) => r.code)).toEqual(['cafta.16.2.1.a'])
    // The monitor's scope now covers it; the old commitment no longer finds it.
    expect(await queueIds(monitor, {})).toEqual([id])
    expect(await queueIds(admin, { commitment: 'usmca.23.3.1.a' })).toEqual([])
    expect(await queueIds(admin, { commitment: 'cafta.16.2.1.a' })).toEqual([id])

    await changeStatus(rt.deps, admin, id, 'triaging')
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_rights', id).every((r) => r.status === 'triaging')).toBe(true)
    expect(await queueIds(monitor, { status: 'new' })).toEqual([])
    expect(await queueIds(monitor, { status: 'triaging' })).toEqual([id])

    await assignCase(rt.deps, admin, id, monitor.id)
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_commitments', id)[0]!.assigned_to).toBe(monitor.id)
    expect(await queueIds(admin, { assigned: 'unrouted' })).toEqual([])
    expect(await queueIds(monitor, { assigned: 'me' })).toEqual([id])
  })

  it('after a merge: the duplicate leaves the tables and the queue, and comes back with merged=1', async () => {
    const keep = await file()
    const dup = await file({ employer: 'Autopartes del Bajío' })
    const keepRef = (await rt.deps.sql.get<{ reference: string }>('SELECT reference FROM cases WHERE id = ?', keep))!.reference
    await mergeCase(rt.deps, admin, dup, keepRef)
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_rights', dup)).toEqual([])
    expect(termsOf('case_rights', keep).length).toBeGreaterThan(0)
    expect(await queueIds(admin, { right: 'freedom_of_association' })).toEqual([keep])
    expect((await queueIds(admin, { right: 'freedom_of_association', merged: true })).sort()).toEqual([keep, dup].sort())
  })

  it('after the purge: a purged case has no rows and is in no queue', async () => {
    const id = await file()
    const kept = await file({ employer: 'Otra Empresa SA' })
    await changeStatus(rt.deps, admin, id, 'closed', 'withdrawn')
    rt.clock.advance(120 * DAY_MS) // past the 90 days of a closed case, within a year for a new one
    const r = await purgeExpired(rt.deps)
    expect(r.cases).toBe(1)
    expect(termsOutOfSync(rt.db)).toEqual([])
    expect(termsOf('case_rights', id)).toEqual([])
    expect(termsOf('case_rights', kept).length).toBeGreaterThan(0)
    expect(await queueIds(admin, { status: 'all' })).toEqual([kept])
  })
})
