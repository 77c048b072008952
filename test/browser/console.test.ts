/**
 * Acceptance (issue 8), in real Chromium: a monitor signs in with a password and a TOTP code
 * computed here (enrolling, with the one-time enrolment code an administrator handed over, from
 * the secret shown as text), opens the queue, triages a case to
 * 'escalated', asks the reporter a question, and sees the reply the reporter sent through the
 * follow-up API.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { totpCode } from '../../src/staff/totp.js'
import {
  launchChromium,
  screenshot,
  seriousViolations,
  serveApp,
  skipBrowser,
  type Served,
} from '../helpers/browser.js'
import { postJson, type TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime, newStaff, PASSWORD } from '../console/setup.js'

describe.skipIf(skipBrowser)('staff console in Chromium', () => {
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

  it('signs in with TOTP, triages to escalated, asks a question and reads the reply', async () => {
    const { enrolCode } = await newStaff(rt, 'monitor', 'monitora@example.org', [
      'right:freedom_of_association@MX',
    ])
    const filed = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      sector: 'auto_parts',
      employer: 'Autopartes del Bajío SA de CV',
      facility: 'Planta 2',
      description:
        'Despidieron a 12 compañeros por apoyar al sindicato independiente. Me llamo Rosa Elena Martínez.',
      rights: ['freedom_of_association'],
    })
    expect(filed.status).toBe(201)
    const { receipt, reference } = (await filed.json()) as { receipt: string; reference: string }

    const page = await browser.newPage({ locale: 'es-MX' })
    await page.goto(`${served.origin}/console/login`)
    await page.fill('#email', 'monitora@example.org')
    await page.fill('#password', PASSWORD)
    await page.click('button[type=submit]')
    await page.waitForURL('**/console/totp')
    expect(await page.locator('.qr svg').count()).toBe(1)
    const secret = (await page.textContent('#totp-secret'))!.replace(/\s+/g, '')
    expect(await seriousViolations(page)).toEqual([])
    await page.fill('#enrol_code', enrolCode)
    await page.fill('#code', totpCode(secret, rt.clock.now()))
    await page.click('form[action="/console/totp"] button[type=submit]')
    await page.waitForURL('**/console/queue')
    expect(await page.textContent('h1')).toBe('Bandeja')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-1-queue')

    await page.click(`a:text("${reference}")`)
    await page.waitForURL('**/console/cases/*')
    const narrative = (await page.textContent('.narrative'))!
    expect(narrative).not.toContain('Rosa Elena')
    expect(await page.textContent('body')).toContain('Art. 31-A')
    for (const [to, label] of [
      ['triaging', 'Primera revisión'],
      ['investigating', 'En investigación'],
      ['escalated', 'Enviado a las autoridades'],
    ]) {
      await page.selectOption('#status', to!)
      await page.click('#action-status button[type=submit]')
      await page.waitForURL('**?done=status')
      expect(await page.textContent('#case-status')).toBe(label)
    }
    // Escalating starts no ILC clock: its 30 days run from the petition's receipt by DOL OTLA,
    // recorded as "filed" on an escalation package (test/browser/escalation.test.ts).
    expect(await page.textContent('#clocks')).not.toContain('Revisión del ILC')
    expect(await page.textContent('#clocks')).toContain('Acusar recibo de la denuncia (7 días desde la recepción)')
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'console-2-case-escalated')

    await page.fill('#question', '¿En qué fecha ocurrieron los despidos?')
    await page.click('#action-question button[type=submit]')
    await page.waitForURL('**?done=question')

    const follow = await postJson(rt, '/api/v1/follow-up', { receipt })
    const thread = (await follow.json()) as {
      status: string
      messages: { direction: string; body: string }[]
    }
    expect(thread.status).toBe('escalated')
    expect(thread.messages.map((m) => m.body)).toContain('¿En qué fecha ocurrieron los despidos?')
    const reply = await postJson(rt, '/api/v1/follow-up/messages', {
      receipt,
      body: 'Fue el 3 de marzo, en el turno de noche.',
    })
    expect(reply.status).toBe(201)

    await page.reload()
    expect(await page.textContent('#messages')).toContain(
      'Fue el 3 de marzo, en el turno de noche.',
    )
    await page.close()
  }, 60_000)
})
