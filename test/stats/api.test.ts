/**
 * GET /api/v1/stats, the console dashboard, the settings and the public page through the real app
 * and a real SQLite file: small counts show as "<k", figures are multiples of k, each staff member
 * sees their scope, every bad input is a translated 400 that changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { api, consoleRuntime, insertCase, login, makeStaff, postForm, type TestStaff } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { rebuildSnapshot } from '../../src/stats/source.js'

type Cell = Record<string, string> & { count: number | string }

describe('statistics', () => {
  let rt: TestRuntime
  let admin: TestStaff
  let monitor: TestStaff
  beforeAll(async () => {
    rt = await consoleRuntime()
    admin = await makeStaff(rt, 'admin', 'admin@example.org')
    monitor = await makeStaff(rt, 'monitor', 'gt@example.org', { scopes: ['right:wages@GT'] })
    // 12 union cases in Mexico by web, 3 wage cases in Guatemala by SMS, 7 wage cases in Guatemala by web.
    for (let i = 0; i < 12; i++) await insertCase(rt, { rights: ['freedom_of_association'], commitments: ['usmca.23.3.1.a'] })
    for (let i = 0; i < 3; i++) await insertCase(rt, { country: 'GT', rights: ['wages'], commitments: ['cafta.16.2.1.a'], channel: 'sms' })
    for (let i = 0; i < 7; i++) await insertCase(rt, { country: 'GT', rights: ['wages'], commitments: ['cafta.16.2.1.a'] })
  })
  afterAll(() => rt?.close())

  const get = async (path: string, token = admin.token, lang = 'en') => {
    const res = await rt.app.request(path, { headers: { authorization: `Bearer ${token}`, 'accept-language': lang } })
    return res
  }
  const cells = async (path: string, token = admin.token) => {
    const res = await get(path, token)
    expect(res.status).toBe(200)
    return (await res.json()) as { cells: Cell[]; k: number }
  }
  /** Sign in (a TOTP code is accepted once: move to the next 30-second step first). */
  const signIn = (s: TestStaff) => {
    rt.clock.advance(31_000)
    return login(rt, s)
  }
  const find = (cs: Cell[], o: Record<string, string>) =>
    cs.find((c) => Object.entries(o).every(([k, v]) => c[k] === v))?.count

  it('answers {cells, k}: rounded figures, "<5" for small ones, every combination listed', async () => {
    const r = await cells('/api/v1/stats?by=right,country')
    expect(r.k).toBe(5)
    expect(find(r.cells, { right: 'freedom_of_association', country: 'MX' })).toBe(10)
    // 10 wage cases in Guatemala, but in base cells of 3 (SMS) and 7 (web): 0 + 5.
    expect(find(r.cells, { right: 'wages', country: 'GT' })).toBe(5)
    expect(find(r.cells, { right: 'wages', country: 'MX' })).toBe('<5')
    expect(find(r.cells, { right: 'child_labor', country: 'CI' })).toBe('<5')
    for (const c of r.cells) {
      expect(c.count === '<5' || (typeof c.count === 'number' && c.count >= 5 && c.count % 5 === 0)).toBe(true)
    }
    const byChannel = await cells('/api/v1/stats?by=country,channel')
    expect(find(byChannel.cells, { country: 'GT', channel: 'sms' })).toBe('<5')
    expect(find(byChannel.cells, { country: 'GT', channel: 'web' })).toBe(5)
  })

  it('a total is the sum of the published cells it covers (a hidden cell adds nothing anywhere)', async () => {
    const total = await cells('/api/v1/stats?by=country')
    const fine = await cells('/api/v1/stats?by=country,channel,right')
    for (const c of total.cells) {
      const sum = fine.cells
        .filter((f) => f.country === c.country)
        .reduce((a, f) => a + (typeof f.count === 'number' ? f.count : 0), 0)
      expect(sum === 0 ? '<5' : sum).toBe(c.count)
    }
  })

  it('returns the same cells as CSV', async () => {
    const res = await get('/api/v1/stats?by=country&format=csv')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/csv/)
    const lines = (await res.text()).trim().split('\r\n')
    expect(lines[0]).toBe('country,count')
    expect(lines).toContain('MX,10')
    expect(lines).toContain('GT,5')
    expect(lines).toContain('US,<5')
  })

  it('a monitor sees only their scope', async () => {
    const r = await cells('/api/v1/stats?by=right,country', monitor.token)
    expect(find(r.cells, { right: 'freedom_of_association', country: 'MX' })).toBe('<5')
    expect(find(r.cells, { right: 'wages', country: 'GT' })).toBe(5)
  })

  it('bad by, period or format: a translated 400', async () => {
    const cases: [string, string, RegExp][] = [
      ['/api/v1/stats?by=nonsense', 'en', /Choose 1 to 4 of these dimensions/],
      ['/api/v1/stats', 'es', /Elija de 1 a 4/],
      ['/api/v1/stats?by=forum_clock', 'fr', /n’est pas publié/],
      ['/api/v1/stats?by=sector', 'en', /not published/],
      ['/api/v1/stats?by=right&from=2026-13', 'en', /from=YYYY-MM/],
      ['/api/v1/stats?by=right&format=xml', 'es', /json o csv/],
      ['/api/v1/stats?by=month,right,country,channel&from=2000-01&to=2009-12', 'en', /more than 20000 rows/],
    ]
    for (const [path, lang, message] of cases) {
      const res = await get(path, admin.token, lang)
      expect(res.status, path).toBe(400)
      const body = (await res.json()) as { error: { fields: Record<string, string> } }
      expect(Object.values(body.error.fields).join(' '), path).toMatch(message)
    }
    expect((await rt.app.request('/api/v1/stats?by=right')).status).toBe(401)
  })

  it('the dashboard renders four SVG charts, each with a title and a description', async () => {
    const s = await signIn(admin)
    const res = await rt.app.request('/console/stats', { headers: { cookie: s.cookie } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.match(/<svg/g)?.length).toBe(4)
    for (const id of ['by-month', 'facilities', 'channels', 'response']) {
      expect(html).toMatch(new RegExp(`<title id="${id}-title">[^<]+</title>`))
      expect(html).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`))
    }
    expect(html).not.toMatch(/<script/)
  })

  it('settings: k below 3 is refused and changes nothing; the public page is off until switched on', async () => {
    const s = await signIn(admin)
    expect((await rt.app.request('/en/transparency')).status).toBe(404)
    const bad = await postForm(rt, '/console/stats/settings', s, { k: '2', public: 'on', lattice: ['month', 'right', 'agreement', 'country', 'channel', 'ack'] })
    expect(bad.headers.get('location')).toBe('/console/stats?error=k')
    expect((await rt.app.request('/en/transparency')).status).toBe(404)
    expect((await cells('/api/v1/stats?by=country')).k).toBe(5)

    const ok = await postForm(rt, '/console/stats/settings', s, { k: '3', public: 'on', lattice: ['month', 'right', 'agreement', 'country', 'channel', 'ack'] })
    expect(ok.headers.get('location')).toBe('/console/stats?done=settings')
    const r = await cells('/api/v1/stats?by=country,channel')
    expect(r.k).toBe(3)
    expect(find(r.cells, { country: 'GT', channel: 'sms' })).toBe(3)
    // A monitor may not change settings.
    const m = await signIn(monitor)
    expect((await postForm(rt, '/console/stats/settings', m, { k: '3', public: 'off', lattice: ['month'] })).status).toBe(403)
  })

  it('the public page: three languages, tables by agreement and right, CSV; quarters that ended only', async () => {
    // The cases were filed in 2026-11: move to the next quarter so that 2026-Q4 has ended.
    rt.clock.advance(40 * 86_400_000)
    await rebuildSnapshot(rt.deps)
    for (const [lang, word] of [['en', 'By agreement'], ['es', 'Por acuerdo'], ['fr', 'Par accord']] as const) {
      const res = await rt.app.request(`/${lang}/transparency?year=2026`)
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toContain(word)
      expect(html).toMatch(/<title id="quarters-title">/)
    }
    const csv = await (await rt.app.request('/en/transparency/figures.csv?year=2026')).text()
    expect(csv.split('\r\n')[0]).toBe('period,dimension,value,count')
    expect(csv).toContain('2026-Q4,agreement,usmca,12')
    expect(csv).toContain('2026,right,wages,9')
    expect(csv).toContain('2026-Q1,right,wages,<3')
    expect((await rt.app.request('/en/transparency?year=1999')).status).toBe(404)
  })
})
