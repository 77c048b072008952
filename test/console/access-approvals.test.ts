/**
 * A custodian's approval is single-use and expiring (finding 9): two openings racing on one
 * approval, only one gets through (and only one audit row); it expires after
 * ACCESS_APPROVAL_DAYS (7 by default); the custodian's page shows where each approval stands.
 * The CLI side (identity, original, voice open) is in test/cli.test.ts and test/voice/cli-open.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { decideAccess, usableApproval, useApproval } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { requestAccess } from '../../src/cases/staff-actions.js'
import { parseConfig } from '../../src/config.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { insertCase, login, makeStaff } from './setup.js'

let rt: TestRuntime
afterEach(() => rt?.close())

const DAY = 86_400_000

async function approved(what: 'identity' | 'original' | 'voice' = 'identity') {
  const monitor = await makeStaff(rt, 'monitor', `m${Math.random()}@example.org`, { scopes: ['right:*@MX'] })
  const custodian = await makeStaff(rt, 'custodian', `c${Math.random()}@example.org`)
  const k = await insertCase(rt)
  const as = (s: typeof monitor): Actor => ({ id: s.id, role: s.role, email: s.email, via: 'token' })
  const id = await requestAccess(rt.deps, as(monitor), k.id, what, 'To protect the witness.')
  await decideAccess(rt.deps, as(custodian), id, 'approved', 'Needed for the hearing.')
  return { id, caseId: k.id, custodian }
}

const openedRows = async () =>
  (await rt.deps.sql.all("SELECT seq FROM audit_log WHERE action = 'access_opened'")).length

describe('custodian approvals', () => {
  it('open once: of two uses racing, exactly one succeeds and is audited', async () => {
    rt = await makeRuntime()
    const a = await approved()
    expect(await usableApproval(rt.deps, a.caseId, 'identity')).toEqual({ id: a.id })
    const results = await Promise.all([
      useApproval(rt.deps, null, a.caseId, 'identity', a.id),
      useApproval(rt.deps, null, a.caseId, 'identity', a.id),
    ])
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await openedRows()).toBe(1)
    expect(await usableApproval(rt.deps, a.caseId, 'identity')).toMatchObject({
      problem: 'used',
      id: a.id,
    })
    // An approval for one item never opens another.
    expect(await useApproval(rt.deps, null, a.caseId, 'original', a.id)).toBe(false)
    expect(await usableApproval(rt.deps, a.caseId, 'original')).toEqual({ problem: 'none' })
  })

  it('expire after 7 days by default, or ACCESS_APPROVAL_DAYS', async () => {
    rt = await makeRuntime()
    const a = await approved()
    rt.clock.advance(7 * DAY - 1)
    expect(await usableApproval(rt.deps, a.caseId, 'identity')).toEqual({ id: a.id })
    rt.clock.advance(1)
    expect(await usableApproval(rt.deps, a.caseId, 'identity')).toMatchObject({ problem: 'expired' })
    expect(await useApproval(rt.deps, null, a.caseId, 'identity', a.id)).toBe(false)
    expect(await openedRows()).toBe(0)
    rt.close()

    rt = await makeRuntime({ env: { ACCESS_APPROVAL_DAYS: '30' } })
    const b = await approved('voice')
    rt.clock.advance(29 * DAY)
    expect(await useApproval(rt.deps, null, b.caseId, 'voice', b.id)).toBe(true)
    expect(() => parseConfig({ ...minimal, ACCESS_APPROVAL_DAYS: '0' })).toThrow(/ACCESS_APPROVAL_DAYS/)
    expect(() => parseConfig({ ...minimal, ACCESS_APPROVAL_DAYS: 'week' })).toThrow(/ACCESS_APPROVAL_DAYS/)
    expect(parseConfig(minimal).accessApprovalDays).toBe(7)
  })

  it('the custodian page shows each approval as usable once until a date, used, or expired', async () => {
    rt = await makeRuntime()
    const a = await approved()
    const page = async () => {
      rt.clock.advance(30_000) // a fresh TOTP step for each sign-in
      const session = await login(rt, a.custodian)
      return (await rt.app.request('/console/custodian', { headers: { cookie: session.cookie } })).text()
    }
    expect(await page()).toContain('Can be used once, until 2026-12-02')
    await useApproval(rt.deps, null, a.caseId, 'identity', a.id)
    expect(await page()).toContain('Used on 2026-11-25')
    await approved('original')
    rt.clock.advance(8 * DAY)
    const html = await page()
    expect(html).toContain('Used on 2026-11-25')
    expect(html).toContain('Expired on 2026-12-02')
  })
})

const minimal = {
  HOTLINE_ENV: 'development',
  DATA_KEY: Buffer.alloc(32, 1).toString('base64'),
  CUSTODIAN_PUBLIC_KEY: Buffer.alloc(32, 2).toString('base64'),
}
