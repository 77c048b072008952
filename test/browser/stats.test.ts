/**
 * Acceptance (issue 17), in real Chromium: an administrator's statistics dashboard and the public
 * transparency page render their server-drawn SVG charts with a title and a description each,
 * without JavaScript; the public page is there only once switched on.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, seriousViolations, serveApp, skipBrowser, type Served } from '../helpers/browser.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { api, consoleRuntime, insertCase, login, makeStaff } from '../console/setup.js'
import { setPublic } from '../../src/stats/settings.js'

const DAY = 86_400_000

describe.skipIf(skipBrowser)('statistics in Chromium', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser
  let facilityCases: string[] = []
  beforeAll(async () => {
    rt = await consoleRuntime()
    served = await serveApp(rt)
    browser = await launchChromium()
    // Three months of cases: enough in some groups to publish, a few small ones held back.
    const start = rt.clock.now() - 60 * DAY
    for (let i = 0; i < 40; i++) {
      const made = await insertCase(rt, {
        rights: [i % 3 === 0 ? 'wages' : 'freedom_of_association'],
        commitments: ['usmca.23.3.1.a'],
        channel: i % 4 === 0 ? 'sms' : 'web',
        createdAt: start + (i % 3) * 30 * DAY,
      })
      // Ten of one base cell (union, web, the middle month) are grouped under one registry facility.
      if (i % 3 === 1 && i % 4 !== 0) facilityCases.push(made.id)
    }
    for (let i = 0; i < 3; i++) await insertCase(rt, { country: 'GT', rights: ['violence'], commitments: ['cafta.16.2.1.a'] })
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  const chartTitles = (page: import('playwright-core').Page) =>
    page.locator('svg[role=img]').evaluateAll((svgs) =>
      svgs.map((s) => ({
        title: s.querySelector(':scope > title')?.textContent ?? '',
        desc: s.querySelector(':scope > desc')?.textContent ?? '',
        labelled: s.getAttribute('aria-labelledby') ?? '',
      })),
    )

  it('the dashboard shows four charts with titles, no script needed', async () => {
    const admin = await makeStaff(rt, 'admin', 'admin@example.org')
    const made = await api(rt, 'POST', '/api/v1/facilities', admin.token, { code: 'mx-planta-sur', name: 'Planta Sur', country: 'MX', sector: 'auto_parts' })
    const facilityId = ((await made.json()) as { facility: { id: string } }).facility.id
    expect(facilityCases).toHaveLength(10)
    for (const id of facilityCases) {
      expect((await api(rt, 'POST', `/api/v1/cases/${id}/facility`, admin.token, { facilityId, action: 'set' })).status).toBe(200)
    }
    const session = await login(rt, admin)
    const context = await browser.newContext({ locale: 'es-MX', javaScriptEnabled: false })
    await context.addCookies([{ name: 'hl_staff', value: session.cookie.split('=')[1]!, url: served.origin }])
    const page = await context.newPage()
    await page.goto(`${served.origin}/console/stats`)
    expect(await page.textContent('h1')).toBe('Estadísticas')
    const charts = await chartTitles(page)
    expect(charts.map((c) => c.title)).toEqual([
      'Casos por mes y por derecho',
      'Centros de trabajo con más casos',
      'Casos por canal',
      'Tiempo hasta la primera respuesta',
    ])
    for (const c of charts) {
      expect(c.desc.length).toBeGreaterThan(10)
      expect(c.labelled).toMatch(/-title .+-desc$/)
    }
    // Published figures are drawn as bars; the facilities chart names the registry's facility.
    expect(await page.locator('#by-month rect[fill]').count()).toBeGreaterThan(0)
    expect(await page.locator('#facilities svg').textContent()).toContain('Planta Sur')
    expect(await page.locator('#facilities rect[fill]').count()).toBeGreaterThan(0)
    const shown = await page.locator('#channels svg').boundingBox()
    expect(shown!.width).toBeGreaterThan(200)
    await screenshot(page, 'stats-1-dashboard')
    await context.close()
  })

  it('the public page: 404 while off; once on, its chart and tables in three languages', async () => {
    expect((await fetch(`${served.origin}/fr/transparency`)).status).toBe(404)
    await setPublic(rt.deps, null, true)
    // Move past the end of this quarter, so that it is published.
    rt.clock.advance(100 * DAY)
    // JavaScript stays on only for axe-core; the page itself carries no script (CSP: script-src self, none sent).
    const page = await browser.newPage()
    for (const [lang, title] of [
      ['en', 'Complaints per quarter by agreement, 2026'],
      ['es', 'Denuncias por trimestre y por acuerdo, 2026'],
      ['fr', 'Signalements par trimestre et par accord, 2026'],
    ] as const) {
      await page.goto(`${served.origin}/${lang}/transparency?year=2026`)
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      const charts = await chartTitles(page)
      expect(charts.map((c) => c.title)).toEqual([title])
      // By agreement, by right, and by facility (ten cases under Planta Sur reach k × 2 = 10).
      expect(await page.locator('table caption').count()).toBe(3)
      expect(await page.locator('table.stats tr:has(th:text("Planta Sur")) td').textContent()).toBe('10')
      expect(await page.locator('#quarters rect[fill]').count()).toBeGreaterThan(0)
    }
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'stats-2-public')
    await page.close()
  })
})
