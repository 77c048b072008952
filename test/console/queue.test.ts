/**
 * The queue pages through cases with a cursor, and applies conflict-of-interest exclusions before
 * the page limit: a monitor excluded from a busy employer still sees every other case.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { QUEUE_PAGE } from '../../src/cases/queue.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  api,
  consoleRuntime,
  insertCase,
  login,
  makeStaff,
  type TestCase,
  type TestStaff,
} from './setup.js'

let rt: TestRuntime
let admin: TestStaff
let excluded: TestStaff
let other: TestCase
const busy: TestCase[] = []

type Page = { cases: { id: string }[]; next: string | null }

beforeAll(async () => {
  rt = await consoleRuntime()
  admin = await makeStaff(rt, 'admin', 'admin@example.org')
  excluded = await makeStaff(rt, 'monitor', 'conflict@example.org', {
    scopes: ['right:*@MX'],
    exclude: ['Autopartes del Bajio'],
  })
  const t0 = rt.clock.now() - 86_400_000
  // A full page of older cases about the employer the monitor is excluded from…
  for (let i = 0; i < QUEUE_PAGE; i++) busy.push(await insertCase(rt, { createdAt: t0 + i }))
  // …and one newer case the monitor may see.
  other = await insertCase(rt, { employer: 'Otra Empresa SA', createdAt: t0 + QUEUE_PAGE })
}, 60_000)
afterAll(() => rt.close())

describe('queue paging', () => {
  it('applies employer exclusions before the page limit', async () => {
    const res = await api(rt, 'GET', '/api/v1/cases', excluded.token)
    expect(res.status).toBe(200)
    const page = (await res.json()) as Page
    expect(page.cases.map((c) => c.id)).toEqual([other.id])
    expect(page.next).toBeNull()
  })

  it('pages the API with a cursor: oldest first, no case twice, none skipped', async () => {
    const first = (await (await api(rt, 'GET', '/api/v1/cases', admin.token)).json()) as Page
    expect(first.cases).toHaveLength(QUEUE_PAGE)
    expect(first.cases[0]!.id).toBe(busy[0]!.id)
    expect(first.next).toBeTruthy()
    const res = await api(
      rt,
      'GET',
      `/api/v1/cases?after=${encodeURIComponent(first.next!)}`,
      admin.token,
    )
    const second = (await res.json()) as Page
    expect(second.cases.map((c) => c.id)).toEqual([other.id])
    expect(second.next).toBeNull()
    expect((await api(rt, 'GET', '/api/v1/cases?after=garbage', admin.token)).status).toBe(400)
  })

  it('links the next page from the queue page, keeping the filters', async () => {
    const s = await login(rt, admin)
    const get = (p: string) => rt.app.request(p, { headers: { cookie: s.cookie } })
    const html = await (await get('/console/queue?country=MX')).text()
    const href = /<a rel="next" href="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&')
    expect(href).toMatch(/^\/console\/queue\?/)
    expect(href).toContain('country=MX')
    expect(html).not.toContain(other.reference)
    const next = await (await get(href!)).text()
    expect(next).toContain(other.reference)
    expect(next).not.toContain(busy[0]!.reference)
    expect(next).not.toContain('rel="next"')
  })
})
