/**
 * Acceptance (issue 16), in real Chromium: the partner's path. Two reports about one facility
 * are grouped by the facility, an Annex 31-A package is drafted, one span is masked by hand, the
 * package is read and exported as print-ready HTML, "filed" is recorded with the day the forum
 * received it, and the ILC's 30-day clock appears.
 * The grouping is the facility registry's own: the partner puts each case under a registered
 * facility from its case page (a confirmed link, docs/facilities.md).
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, screenshot, seriousViolations, serveApp, skipBrowser, signIn, type Served } from '../helpers/browser.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime } from '../console/setup.js'
import { fileFor, NEEDLES, world, type World } from '../escalation/helpers.js'
import { loadSample } from '../facilities/sample.js'

describe.skipIf(skipBrowser)('the partner escalates in Chromium', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser
  let w: World
  beforeAll(async () => {
    rt = await consoleRuntime()
    w = await world(rt)
    served = await serveApp(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('groups two reports by facility, drafts an Annex 31-A package, masks, exports HTML, records filed, sees the 30-day clock', async () => {
    const MX = { country: 'MX', sector: 'auto_parts', rights: ['freedom_of_association'], facility: 'Planta Norte de Frenos' }
    const a = await fileFor(rt, w.ngo, MX)
    const b = await fileFor(rt, w.ngo, { ...MX, description: 'Nos obligaron a firmar un contrato que nadie votó.' })
    const facilityId = (await loadSample(rt))['mx-tridonex-matamoros']!

    const page = await browser.newPage({ locale: 'es-MX' })
    await signIn(page, served.origin, w.ngo, rt.clock.now())

    // Put both reports under one registered facility, from each case's page.
    for (const k of [a, b]) {
      await page.goto(`${served.origin}/console/cases/${k.caseId}`)
      await page.selectOption('#facility-choice', facilityId)
      await page.click('#facility-set button[type=submit]')
      await page.waitForURL(`**/console/cases/${k.caseId}?done=facility`)
      expect(await page.getAttribute('#facility-links li', 'data-state')).toBe('confirmed')
    }
    await page.goto(`${served.origin}/console/queue`)

    // Group by facility, and see the forums these reports can go to.
    await page.click('a:text("Escalamientos")')
    await page.waitForURL('**/console/escalations')
    expect(await seriousViolations(page)).toEqual([])
    await page.fill('#facility', facilityId)
    await page.click('#new-escalation button[type=submit]')
    await page.waitForURL('**/console/escalations/new?*')
    expect(await page.locator('form.forum').evaluateAll((fs) => fs.map((f) => f.id))).toEqual([
      'forum-usmca-rrm',
      'forum-dol-hotline',
      'forum-canada-31b',
      'forum-mx-cfcrl',
    ])
    expect(await seriousViolations(page)).toEqual([])
    await page.fill('#remedy-usmca-rrm', 'Reinstalación y pago de salarios caídos')
    await page.click('#forum-usmca-rrm button[type=submit]')
    await page.waitForURL('**/console/escalations/*?done=drafted')
    const url = page.url()
    expect(await page.textContent('#fields')).toContain('Reinstalación y pago de salarios caídos')
    expect(await page.textContent('#no-clock')).toContain('Todavía no corre ningún plazo')
    const cases = await page.locator('section.case h4').allTextContents()
    expect(cases.sort()).toEqual([a.reference, b.reference].sort())

    // Read it; hide the plant's name by hand.
    await page.fill('#mask-text', 'Planta Norte de Frenos')
    await page.selectOption('#mask-kind', 'address')
    await page.click('#mask button[type=submit]')
    await page.waitForURL('**?done=masked')
    expect(await page.textContent('#fields')).not.toContain('Planta Norte de Frenos')
    // The facility fields come from the registry (admin data); the reporters' own words for the
    // plant stay in each case's section, masked there.
    expect(await page.textContent('#fields')).toContain('Tridonex (empresa o grupo: Cardone Industries')
    expect(await page.textContent('#fields')).toContain('Instalación Cubierta en un sector prioritario')
    expect((await page.locator('section.case').allTextContents()).join(' ')).toContain('[MASKED-1]')
    expect(await page.locator('#export').count()).toBe(0) // not read yet: no export
    await screenshot(page, 'escalation-1-read')
    await page.click('#review button[type=submit]')
    await page.waitForURL('**?done=recorded')
    expect(await seriousViolations(page)).toEqual([])

    // Export as print-ready HTML.
    const href = await page.getAttribute('#export-html', 'href')
    const exported = page
    const res = await exported.goto(`${served.origin}${href}`)
    expect(res!.status()).toBe(200)
    const html = await exported.content()
    expect(html).toContain('@media print')
    expect(await exported.textContent('h1')).toContain('Petición de Respuesta Rápida del T-MEC (Anexo 31-A)')
    expect(html).toContain('[MASKED-1]')
    expect(html).not.toContain('Planta Norte de Frenos')
    for (const needle of NEEDLES) expect(html).not.toContain(needle)
    // The linked print stylesheet loads under the console's CSP.
    expect(await exported.evaluate(() => getComputedStyle(document.body).fontFamily)).toContain('Georgia')
    await screenshot(exported, 'escalation-2-export')

    // Record "filed" with the day the forum received it: the 30-day clock appears.
    await page.goto(url.replace(/\?.*$/, ''))
    await page.selectOption('#stage-select', 'filed')
    await page.fill('#stage-on', '2026-11-25')
    await page.click('#track button[type=submit]')
    await page.waitForURL('**?done=recorded')
    const clock = await page.textContent('#clock-ilc_review')
    expect(clock).toContain('vence el 2026-12-25')
    expect(clock).toContain('[V]')
    expect(await page.textContent('#stages')).toContain('2026-11-25')
    await screenshot(page, 'escalation-3-filed')
    expect(await seriousViolations(page)).toEqual([])

    // The case page shows the same clock.
    await page.goto(`${served.origin}/console/cases/${a.caseId}`)
    expect(await page.textContent('#clock-ilc_review')).toContain('2026-12-25')
  }, 60_000)
})
