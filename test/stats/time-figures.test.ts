/**
 * The time figures as dimensions, counted in SQL from the case events the real staff actions
 * write: days to acknowledgement, the 7-day acknowledgement clock met or missed, and the Annex
 * 31-A ILC review clock (30 days from escalation) missed; the lattice changed by an admin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, consoleRuntime, insertCase, makeStaff, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { setK, setLattice } from '../../src/stats/settings.js'
import { rebuildSnapshot } from '../../src/stats/source.js'

const DAY = 86_400_000

describe('time figures', () => {
  let rt: TestRuntime
  let admin: TestStaff
  beforeAll(async () => {
    rt = await consoleRuntime()
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    const cases = []
    for (let i = 0; i < 7; i++) cases.push(await insertCase(rt, { commitments: ['usmca.31a.dor', 'usmca.23.3.1.a'] }))
    // Three are triaged the same day and escalated; four are never touched.
    for (const c of cases.slice(0, 3)) {
      for (const status of ['triaging', 'escalated']) {
        const res = await api(rt, 'PATCH', `/api/v1/cases/${c.id}`, admin.token, { status })
        expect(res.status).toBe(200)
      }
      const asked = await api(rt, 'POST', `/api/v1/cases/${c.id}/messages`, admin.token, { body: '¿En qué turno trabaja?' })
      expect(asked.status).toBe(201)
    }
    rt.clock.advance(40 * DAY)
    await setK(rt.deps, admin.id, 3)
    await setLattice(rt.deps, admin.id, ['month', 'ack', 'ack_clock', 'ilc_clock', 'status', 'question', 'resolution'])
    await rebuildSnapshot(rt.deps)
  })
  afterAll(() => rt?.close())

  const cells = async (by: string) => {
    const res = await api(rt, 'GET', `/api/v1/stats?by=${by}`, admin.token)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { cells: Record<string, string | number>[] }
    return Object.fromEntries(body.cells.map((c) => [c[by], c.count]))
  }

  it('counts days to acknowledgement, the acknowledgement clock and the ILC review clock', async () => {
    expect(await cells('ack')).toMatchObject({ '0-1': 3, none: 3, '2-7': '<3' })
    expect(await cells('ack_clock')).toMatchObject({ met: 3, missed: 3, open: '<3' })
    expect(await cells('ilc_clock')).toMatchObject({ missed: 3, none: 3, open: '<3' })
    expect(await cells('question')).toMatchObject({ '0-1': 3, none: 3, '31+': '<3' })
    expect(await cells('resolution')).toMatchObject({ open: 6, '0-30': '<3' })
    // Four untouched cases publish 3 (rounded down to a multiple of k).
    expect(await cells('status')).toMatchObject({ escalated: 3, new: 3, closed: '<3' })
  })

  it('a breakdown outside the lattice is a 400 naming what is allowed', async () => {
    const res = await api(rt, 'GET', '/api/v1/stats?by=right', admin.token)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { fields: { by: string } } }
    expect(body.error.fields.by).toContain('ack_clock')
  })
})
