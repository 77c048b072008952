/**
 * Acceptance (issue 20), in real Chromium at 360 px and at 1280 px: a monitor's day. Sign in with
 * password and TOTP, search the queue, tick two cases and assign them to themself, see a case
 * marked unread after the reporter wrote, open it (the marker clears), answer with a reply
 * template filled in the case's language, and check that the reporter received it. At 360 px no
 * console page scrolls sideways.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addTemplate } from '../../src/cases/templates.js'
import { launchChromium, MOBILE, screenshot, seriousViolations, serveApp, skipBrowser, signIn, type Served } from '../helpers/browser.js'
import { postJson, type TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime, makeStaff, type TestStaff } from '../console/setup.js'

const VIEWPORTS = [
  { name: '360', size: MOBILE },
  { name: '1280', size: { width: 1280, height: 800 } },
] as const

/** True when the page is wider than the viewport (sideways scrolling). */
const overflows = async (page: Page) => {
  const wide = await page.evaluate(() => {
    const w = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth <= w) return null
    const el = [...document.querySelectorAll('body *')].find((e) => e.getBoundingClientRect().right > w + 1)
    return `${document.documentElement.scrollWidth} > ${w}: ${el?.tagName} ${el?.getAttribute('name') ?? el?.className ?? ''}`
  })
  expect(wide, page.url()).toBeNull()
  return wide !== null
}

describe.skipIf(skipBrowser)('a monitor’s day in Chromium (issue 20)', () => {
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

  async function file(employer: string, description: string) {
    const res = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      sector: 'auto_parts',
      employer,
      facility: 'Planta Norte',
      description,
      rights: ['wages'],
    })
    expect(res.status).toBe(201)
    return (await res.json()) as { receipt: string; reference: string }
  }

  for (const vp of VIEWPORTS) {
    it(`at ${vp.name} px: sign in, search, bulk-assign, see the unread marker clear, answer with a template`, async () => {
      const tag = `Textiles${vp.name}`
      const a = await file(`${tag} del Norte SA`, 'No nos pagan las horas extra desde enero. Somos 40 en el turno de noche.')
      const b = await file(`${tag} del Norte SA`, 'El salario llega tarde cada quincena y con descuentos que nadie explica.')
      const other = await file('Autopartes del Sur', 'Nos obligan a trabajar doce horas sin pago extra.')
      // The monitor starts today: the cases were routed before (to nobody, or to a colleague).
      const monitor: TestStaff = await makeStaff(rt, 'monitor', `day-${vp.name}@example.org`, { scopes: ['right:*@MX'] })
      const actor = { id: monitor.id, role: 'monitor' as const, email: monitor.email, via: 'token' as const }
      await addTemplate(rt.deps, actor, {
        name: `Turno ${vp.name}`,
        body: {
          en: 'Which shift do you work, and since when?',
          es: '¿En qué turno trabaja y desde cuándo?',
          fr: 'Dans quelle équipe travaillez-vous, et depuis quand ?',
        },
      })

      const page = await browser.newPage({ locale: 'es-MX', viewport: vp.size })
      // Sign in (the account's TOTP secret is enrolled; the code is computed here, like an app).
      await page.goto(`${served.origin}/console/`)
      await page.waitForURL('**/console/login')
      expect(await overflows(page)).toBe(false)
      await signIn(page, served.origin, monitor, rt.clock.now())
      expect(await overflows(page)).toBe(false)

      // Search the redacted text: two cases of that employer, not the third.
      await page.fill('input[name=q]', tag)
      await page.click('form.search button[type=submit]')
      await page.waitForURL(`**/console/queue?q=${tag}`)
      const rows = page.locator('table.queue tbody tr')
      expect(await rows.count()).toBe(2)
      expect(await page.textContent('table.queue')).toContain('No nos pagan las horas extra')
      expect(await page.textContent('table.queue')).not.toContain(other.reference)
      expect(await overflows(page)).toBe(false)
      expect(await seriousViolations(page)).toEqual([])
      await screenshot(page, `monitor-day-${vp.name}-1-search`)

      // Bulk-assign both to themself.
      for (const r of [a, b]) await page.check(`tr[data-case="${r.reference}"] input[name=ids]`)
      await page.selectOption('select[name=assignTo]', monitor.id)
      await page.click('button[name=action][value=assign]')
      await page.waitForURL('**/console/queue?**done=assign**')
      expect(await page.textContent('[role=status]')).toContain('Casos asignados: 2.')
      const assigned = await rt.deps.sql.all<{ reference: string }>(
        'SELECT reference FROM cases WHERE assigned_to = ? ORDER BY reference',
        monitor.id,
      )
      expect(assigned.map((x) => x.reference)).toEqual([a.reference, b.reference].sort())
      expect(assigned.map((x) => x.reference)).not.toContain(other.reference)

      // The reporter writes: the case is marked unread in the monitor's queue.
      const wrote = await postJson(rt, '/api/v1/follow-up/messages', { receipt: a.receipt, body: 'Quiero agregar que nos amenazan.' })
      expect(wrote.status).toBe(201)
      await page.goto(`${served.origin}/console/queue?assigned=me`)
      const rowA = page.locator(`tr[data-case="${a.reference}"]`)
      expect(await rowA.getAttribute('class')).toBe('unread')
      expect(await rowA.locator('.unread-marker').count()).toBe(1)
      expect(await overflows(page)).toBe(false)
      await screenshot(page, `monitor-day-${vp.name}-2-unread`)

      // Open it: the reply is there, and the marker is gone from the queue.
      await rowA.locator(`a:text("${a.reference}")`).click()
      await page.waitForURL('**/console/cases/*')
      expect(await page.textContent('#messages')).toContain('nos amenazan')
      expect(await overflows(page)).toBe(false)

      // Answer with the template, filled in the case's language (Spanish).
      await page.selectOption('#template', { label: `Turno ${vp.name}` })
      await page.click('#use-template button[type=submit]')
      await page.waitForURL('**template=*')
      expect(await page.inputValue('#question')).toBe('¿En qué turno trabaja y desde cuándo?')
      await page.click('#action-question button[type=submit]')
      await page.waitForURL('**?done=question')
      expect(await overflows(page)).toBe(false)
      await screenshot(page, `monitor-day-${vp.name}-3-answered`)

      await page.goto(`${served.origin}/console/queue?assigned=me`)
      expect(await page.locator(`tr[data-case="${a.reference}"]`).getAttribute('class')).toBe('')
      expect(await page.locator(`tr[data-case="${a.reference}"] .unread-marker`).count()).toBe(0)

      // The reporter reads the question on follow-up.
      const thread = (await (await postJson(rt, '/api/v1/follow-up', { receipt: a.receipt })).json()) as {
        messages: { direction: string; body: string }[]
      }
      expect(thread.messages.at(-1)).toMatchObject({ direction: 'to_reporter', body: '¿En qué turno trabaja y desde cuándo?' })

      // E-mail notifications: choose a daily digest of replies on the account page (issue 20).
      await page.goto(`${served.origin}/console/account`)
      expect(await overflows(page)).toBe(false)
      expect(await seriousViolations(page)).toEqual([])
      await page.check('#replies-daily')
      await page.click('#notifications button[type=submit]')
      await page.waitForURL('**/console/account?done=1')
      expect(await page.isChecked('#replies-daily')).toBe(true)
      expect(await overflows(page)).toBe(false)
      await screenshot(page, `monitor-day-${vp.name}-4-notifications`)
      await page.close()
    }, 90_000)
  }
})
