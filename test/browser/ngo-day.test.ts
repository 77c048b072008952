/**
 * Acceptance (issue 15), in real Chromium: an NGO's whole day. It signs in (password, enrolment
 * code, TOTP), sees why its queue is empty, files a report for a worker with the worker's consent,
 * reads the receipt once, opens the case, asks the worker a question, and sees the answer the
 * worker gave with the receipt on the web follow-up page.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureOrganisation } from '../../src/partners/organisations.js'
import { addStaff } from '../../src/staff/accounts.js'
import { issueEnrolCode } from '../../src/staff/admin.js'
import { totpCode } from '../../src/staff/totp.js'
import { launchChromium, screenshot, seriousViolations, serveApp, skipBrowser, type Served } from '../helpers/browser.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime, PASSWORD } from '../console/setup.js'

describe.skipIf(skipBrowser)('the NGO console in Chromium', () => {
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

  it('signs in, files for a worker, reads the case, asks a question and sees the answer', async () => {
    const { org } = await ensureOrganisation(rt.deps, null, { name: 'Centro de Apoyo Laboral', kind: 'worker_centre' })
    const id = await addStaff(rt.deps, { email: 'promotora@centro.example', role: 'ngo', password: PASSWORD, orgId: org.id })
    const enrolCode = await issueEnrolCode(rt.deps, null, id)

    const page = await browser.newPage({ locale: 'es-MX' })
    await page.goto(`${served.origin}/console/login`)
    await page.fill('#email', 'promotora@centro.example')
    await page.fill('#password', PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL('**/console/totp')
    const secret = (await page.textContent('#totp-secret'))!.replace(/\s+/g, '')
    await page.fill('#enrol_code', enrolCode)
    await page.fill('#code', totpCode(secret, rt.clock.now()))
    await page.click('form[action="/console/totp"] button[type=submit]')
    await page.waitForURL('**/console/queue')
    expect(await page.textContent('#empty-queue')).toContain('Todavía no llegó ningún caso a su organización')

    // File for a worker who told the centre what happened at a meeting.
    await page.click('a:text("Presentar por otra persona")')
    await page.waitForURL('**/console/ngo/file')
    expect(await seriousViolations(page)).toEqual([])
    await page.selectOption('#language', 'es')
    await page.selectOption('#country', 'MX')
    await page.selectOption('#sector', 'auto_parts')
    await page.fill('#employer', 'Autopartes del Bajío SA de CV')
    await page.fill(
      '#description',
      'En la asamblea el gerente dijo que despedirá a quien vote por el sindicato independiente.',
    )
    await page.check('input[name=disclose][value=redacted]')
    await page.check('input[name=recipients][value=us_dol]')
    await page.check('input[name=recipients][value=mx_cfcrl]')
    await page.fill('#until', '2027-06-30')
    await page.check('input[name=method][value=oral]')
    await screenshot(page, 'ngo-1-file')
    await page.click('#ngo-file button[type=submit]')
    await page.waitForSelector('#receipt')
    const receipt = (await page.textContent('#receipt'))!.trim()
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    expect(await seriousViolations(page)).toEqual([])

    // Read the case.
    await page.click('a:text("Abrir el caso")')
    await page.waitForURL('**/console/cases/*')
    expect(await page.textContent('.narrative')).toContain('sindicato independiente')
    expect(await page.textContent('#consent-record')).toContain('Dado')
    expect(await page.textContent('body')).not.toContain(receipt)
    expect(await seriousViolations(page)).toEqual([])

    // Ask the worker a question.
    await page.fill('#question', '¿Qué día fue la asamblea?')
    await page.click('#action-question button[type=submit]')
    await page.waitForURL('**?done=question')
    expect(await page.textContent('#messages')).toContain('¿Qué día fue la asamblea?')
    await screenshot(page, 'ngo-2-case')

    // The worker answers with the receipt on the web follow-up page.
    const worker = await browser.newPage({ locale: 'es-MX' })
    await worker.goto(`${served.origin}/es/follow-up`)
    await worker.fill('#receipt', receipt)
    await worker.click('form[action="/es/follow-up"] button[type=submit]')
    await worker.waitForSelector('#status')
    expect(await worker.textContent('#consents')).toContain('Lo que usted aceptó compartir')
    await worker.fill('#body', 'Fue el lunes 3, en el comedor.')
    await worker.click('form[action="/es/follow-up/reply"] button[type=submit]')
    await worker.waitForSelector('text=Su respuesta se envió')
    await worker.close()

    await page.reload()
    expect(await page.textContent('#messages')).toContain('Fue el lunes 3, en el comedor.')
    await page.close()
  }, 90_000)
})
