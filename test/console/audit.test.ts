/**
 * The audit log: views, changes, access requests and decisions, logins are recorded; the chain
 * verifies; editing or removing a row breaks it, and `audit verify` names the entry.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { append } from '../../src/audit/log.js'
import { verify } from '../../src/audit/verify.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { api, consoleRuntime, insertCase, login, makeStaff, postForm } from './setup.js'
import { cli as runCli } from '../helpers/cli.js'

let rt: TestRuntime
/** The real CLI against this test's database. */
const cli = (args: string[]) => runCli(args, { dir: rt.dir })
beforeEach(async () => {
  rt = await consoleRuntime()
})
afterEach(() => rt.close())


describe('audit log', () => {
  it('records logins, views, changes, access requests and decisions in a verifiable chain', async () => {
    const m = await makeStaff(rt, 'monitor', 'm@example.org', { scopes: ['right:*@MX'] })
    const cu = await makeStaff(rt, 'custodian', 'c@example.org')
    const k = await insertCase(rt)
    const sm = await login(rt, m)
    await rt.app.request(`/console/cases/${k.id}`, { headers: { cookie: sm.cookie } })
    await api(rt, 'PATCH', `/api/v1/cases/${k.id}`, m.token, { status: 'triaging' })
    await postForm(rt, `/console/cases/${k.id}/access`, sm, {
      what: 'identity',
      reason: 'To protect the witness.',
    })
    const sc = await login(rt, cu)
    const req = await rt.deps.sql.get<{ id: string }>('SELECT id FROM access_requests')
    const d = await postForm(rt, `/console/custodian/requests/${req!.id}`, sc, {
      decision: 'refused',
      reason: 'Not needed yet.',
    })
    expect(d.status).toBe(303)
    const actions = (
      await rt.deps.sql.all<{ action: string }>('SELECT action FROM audit_log ORDER BY seq')
    ).map((r) => r.action)
    for (const a of ['login', 'case_view', 'case_status', 'access_request', 'access_decision'])
      expect(actions).toContain(a)
    const r = await verify(rt.deps)
    expect(r).toMatchObject({ ok: true, brokenSeq: null })
    expect(r.count).toBe(actions.length)
  })

  it('names the first edited row, and a removed row', async () => {
    for (let i = 0; i < 6; i++) await append(rt.deps, { actorId: 'a', action: 'test', data: { i } })
    expect((await verify(rt.deps)).ok).toBe(true)
    rt.db.prepare('UPDATE audit_log SET data = \'{"i":99}\' WHERE seq = 3').run()
    expect(await verify(rt.deps)).toMatchObject({
      ok: false,
      brokenSeq: 3,
      problem: 'hash',
      count: 2,
    })
    const cmd = await cli(['audit', 'verify'])
    expect(cmd.code).not.toBe(0)
    expect(cmd.out).toMatch(/entry #3\b/)
    rt.db.prepare('UPDATE audit_log SET data = \'{"i":2}\' WHERE seq = 3').run()
    expect((await verify(rt.deps)).ok).toBe(true)
    rt.db.prepare('DELETE FROM audit_log WHERE seq = 5').run()
    expect(await verify(rt.deps)).toMatchObject({ ok: false, brokenSeq: 5, problem: 'missing' })
  }, 60_000)

  it('`audit verify` exits 0 on an intact log', async () => {
    await append(rt.deps, { actorId: null, action: 'test' })
    const cmd = await cli(['audit', 'verify'])
    expect(cmd.code).toBe(0)
    expect(cmd.out).toMatch(/intact: 1 entries/)
  }, 60_000)

  it('never forks the chain under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        append(rt.deps, { actorId: null, action: 'race', data: { i } }),
      ),
    )
    const r = await verify(rt.deps)
    expect(r).toMatchObject({ ok: true, count: 20 })
  })
})
