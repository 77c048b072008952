/**
 * Case actions and custodian decisions write their change, their timeline event and their audit
 * row together or not at all: a lost compare-and-swap or a second decision writes nothing, and a
 * question to the reporter never exists without its audit row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { askReporter, changeStatus, requestAccess } from '../../src/cases/staff-actions.js'
import { AppError } from '../../src/errors.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime, insertCase, makeStaff, type TestStaff } from './setup.js'

let rt: TestRuntime
let monitor: Actor
let custodian: Actor
const as = (s: TestStaff): Actor => ({ id: s.id, role: s.role, email: s.email, via: 'token' })

beforeEach(async () => {
  rt = await consoleRuntime()
  monitor = as(await makeStaff(rt, 'monitor', 'm@example.org', { scopes: ['right:*@MX'] }))
  custodian = as(await makeStaff(rt, 'custodian', 'c@example.org'))
})
afterEach(() => rt.close())

const count = async (sql: string, ...params: string[]) =>
  (await rt.deps.sql.get<{ n: number }>(sql, ...params))!.n

const isConflict = (r: PromiseSettledResult<unknown>) =>
  r.status === 'rejected' && r.reason instanceof AppError && r.reason.code === 'conflict'

describe('atomic case actions', () => {
  it('decides an access request once: a concurrent second decision writes nothing', async () => {
    const k = await insertCase(rt)
    const id = await requestAccess(rt.deps, monitor, k.id, 'identity', 'To protect the witness.')
    const results = await Promise.allSettled([
      decideAccess(rt.deps, custodian, id, 'approved', 'Needed for the hearing.'),
      decideAccess(rt.deps, custodian, id, 'refused', 'Not needed.'),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter(isConflict)).toHaveLength(1)
    const row = await rt.deps.sql.get<{ decision: string }>(
      'SELECT decision FROM access_requests WHERE id = ?',
      id,
    )
    expect(row!.decision).toBe(results[0]!.status === 'fulfilled' ? 'approved' : 'refused')
    expect(
      await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'access_decision'"),
    ).toBe(1)
    expect(
      await count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'access_decision'"),
    ).toBe(1)
  })

  it('audits a status change only when its compare-and-swap won', async () => {
    const k = await insertCase(rt)
    const results = await Promise.allSettled([
      changeStatus(rt.deps, monitor, k.id, 'triaging'),
      changeStatus(rt.deps, monitor, k.id, 'closed', 'duplicate'),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter(isConflict)).toHaveLength(1)
    expect(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case_status'")).toBe(1)
    expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'status'")).toBe(1)
    const row = await rt.deps.sql.get<{ status: string }>(
      'SELECT status FROM cases WHERE id = ?',
      k.id,
    )
    expect(row!.status).toBe(results[0]!.status === 'fulfilled' ? 'triaging' : 'closed')
  })

  it('writes a question to the reporter in the same batch as its audit row', async () => {
    const k = await insertCase(rt)
    rt.db.exec(`CREATE TRIGGER audit_down BEFORE INSERT ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit down'); END`)
    await expect(askReporter(rt.deps, monitor, k.id, '¿Cuándo pasó?')).rejects.toThrow(
      /audit down/,
    )
    expect(await count('SELECT COUNT(*) AS n FROM case_messages WHERE case_id = ?', k.id)).toBe(0)
    expect(await count("SELECT COUNT(*) AS n FROM case_events WHERE kind = 'question'")).toBe(0)
    rt.db.exec('DROP TRIGGER audit_down')
    const id = await askReporter(rt.deps, monitor, k.id, '¿Cuándo pasó?')
    const audit = await rt.deps.sql.get<{ data: string }>(
      "SELECT data FROM audit_log WHERE action = 'case_question'",
    )
    expect(JSON.parse(audit!.data)).toEqual({ messageId: id })
    expect(await count('SELECT COUNT(*) AS n FROM case_messages WHERE case_id = ?', k.id)).toBe(1)
  })
})
