/**
 * In real Chromium (the console has no script): an NGO groups two reports it filed under one
 * facility from the case pages, then reads the facility page (counts by month and right, the
 * retaliation flag). Axe finds no serious violations on the pages it uses.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { consoleRuntime, insertCase, makeStaff } from '../console/setup.js'
import { loadSample } from '../facilities/sample.js'
import { launchChromium, screenshot, seriousViolations, serveApp, skipBrowser, signIn, type Served } from '../helpers/browser.js'
import type { TestRuntime } from '../helpers/runtime.js'

describe.skipIf(skipBrowser)('facilities in Chromium', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser
  beforeAll(async () => {
    rt = await consoleRuntime()
    served = await serveApp(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('an NGO groups two reports under one facility and reads its page', { timeout: 90_000 }, async () => {
    const ids = await loadSample(rt)
    const ngo = await makeStaff(rt, 'ngo', 'promotora@sindicato.example', { org: 'Sindicato Nacional Independiente' })
    const day = (d: number) => Date.UTC(2026, 10, d)
    const a = await insertCase(rt, { filedBy: ngo.id, employer: 'La maquiladora de frenos', createdAt: day(3) })
    const b = await insertCase(rt, { filedBy: ngo.id, employer: 'Cardone, planta 2', createdAt: day(17) })

    const page = await browser.newPage({ locale: 'es-MX' })
    await signIn(page, served.origin, ngo, rt.clock.now())
    for (const k of [a, b]) {
      await page.goto(`${served.origin}/console/cases/${k.id}`)
      expect(await page.textContent('#facility')).toContain('Ningún centro coincide')
      await page.selectOption('#facility-choice', ids['mx-tridonex-matamoros']!)
      await page.click('#facility-set button[type=submit]')
      await page.waitForURL(`**/console/cases/${k.id}?done=facility`)
      expect(await page.textContent('#facility-links')).toContain('Tridonex')
      expect(await page.getAttribute('#facility-links li', 'data-state')).toBe('confirmed')
    }
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'facility-1-case')

    await page.click('#facility-links a')
    await page.waitForURL(`**/console/facilities/${ids['mx-tridonex-matamoros']}`)
    expect(await page.textContent('h1')).toBe('Tridonex')
    expect(await page.textContent('#facility-annex')).toContain('Instalación Cubierta')
    // Exact for the NGO's own two; whatever lies outside its scope by the statistics' rule.
    expect(await page.textContent('tr[data-month="2026-11"] td[data-right="freedom_of_association"]')).toBe('2 + <5')
    expect(await page.textContent('#facility-flags')).toContain('2 denuncias de represalias en 90 días')
    expect((await page.textContent('#facility-cases'))!).toContain(a.reference)
    expect(await page.$('#facility-form')).toBeNull()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'facility-2-page')

    await page.click('a[href="/console/facilities"]')
    expect(await page.textContent('#facilities')).toContain('Mina San Martín')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})
