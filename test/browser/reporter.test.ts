/**
 * The reporter's path in real Chromium, in each language: landing → form (with errors first) →
 * receipt → follow-up → the monitor's question → an answer. axe-core on every page (no serious or
 * critical violation), mobile screenshots in artifacts/screenshots/, no request leaving the
 * origin, no cookie after "Close my report" (the follow-up cookie is checked, then deleted). The same path with JavaScript disabled, and with the keyboard only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { getCatalog } from '../../src/catalog/index.js'
import { tFor, type Lang } from '../../src/i18n/index.js'
import {
  launchChromium,
  MOBILE,
  screenshot,
  seriousViolations,
  serveApp,
  skipBrowser,
  type Served,
} from '../helpers/browser.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

const TEXT = {
  en: {
    what: 'They fired 12 of us for joining the union. The manager said we would never work here again.',
    q: 'Which shift were you on?',
    a: 'The night shift, from March.',
  },
  es: {
    what: 'Despidieron a 12 compañeros por afiliarse al sindicato. El gerente dijo que nunca volveríamos.',
    q: '¿En qué turno trabajaba?',
    a: 'En el turno de noche, desde marzo.',
  },
  fr: {
    what: "Ils ont renvoyé 12 collègues qui ont rejoint le syndicat. Le chef a dit qu'on ne reviendrait jamais.",
    q: 'Dans quelle équipe travailliez-vous ?',
    a: "L'équipe de nuit, depuis mars.",
  },
} as const

describe.skipIf(skipBrowser)('the reporter in Chromium', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser

  beforeAll(async () => {
    rt = await makeRuntime()
    served = await serveApp(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  /** A fresh phone-sized context that records its requests and the page's console errors. */
  async function phone(javaScriptEnabled = true) {
    const ctx = await browser.newContext({ viewport: MOBILE, javaScriptEnabled })
    const requests: string[] = []
    const errors: string[] = []
    ctx.on('request', (r) => requests.push(r.url()))
    // A form answered with 400 is expected; a failed stylesheet or other subresource is not.
    ctx.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && r.status() >= 400) errors.push(r.url())
    })
    const page = await ctx.newPage()
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text())
    })
    return { ctx, page, requests, errors }
  }

  /** Everything stayed on the origin, no cookie was set, nothing broke the CSP. */
  async function expectPrivate(ctx: BrowserContext, requests: string[], errors: string[]) {
    expect(errors).toEqual([])
    expect(requests.length).toBeGreaterThan(5)
    for (const url of requests) expect(url.startsWith(`${served.origin}/`), url).toBe(true)
    expect(await ctx.cookies()).toEqual([])
  }

  async function walk(page: Page, lang: Lang, opts: { audit: boolean; shots: string }) {
    const t = tFor(lang)
    const text = TEXT[lang]
    const employer = `Planta ${opts.shots}`
    const check = async (name: string) => {
      expect(await page.getAttribute('html', 'lang')).toBe(lang)
      if (opts.audit) expect(await seriousViolations(page), `${lang} ${name}`).toEqual([])
      await screenshot(page, `${opts.shots}-${name}`)
    }

    await page.goto(`${served.origin}/${lang}/`)
    await check('1-landing')
    await page.getByRole('link', { name: t('common:landing.start') }).click()
    expect(page.url()).toBe(`${served.origin}/${lang}/report`)
    await check('2-report')

    // Send with only the description: errors next to the fields, the text kept.
    await page.getByLabel(t('web:report.description')).fill(text.what)
    await page.getByRole('button', { name: t('web:report.send') }).click()
    expect(await page.locator('#employer-error').textContent()).toBe(t('intake:field.required'))
    expect(await page.locator('#country-error').textContent()).toBe(t('intake:field.country'))
    expect(await page.locator('#description').inputValue()).toBe(text.what)
    await check('3-report-errors')

    await page.getByLabel(t('web:report.country')).selectOption('MX')
    await page.getByLabel(t('web:report.sector')).selectOption('auto_parts')
    await page.getByLabel(t('web:report.employer')).fill(employer)
    await page.getByLabel(t('web:report.location')).fill('Silao')
    await page.getByLabel(getCatalog().rights.freedom_of_association.question[lang]).check()
    await page.getByLabel(t('web:report.workersAffected')).fill('12')
    await page.locator('#retaliationFeared-yes').check()
    await page.getByRole('button', { name: t('web:report.send') }).click()
    const receipt = (await page.locator('#receipt').textContent())!.trim()
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    await check('4-receipt')

    const kase = await rt.deps.sql.get<{
      id: string
      channel: string
      language: string
      rights_chosen: string
    }>('SELECT id, channel, language, rights_chosen FROM cases WHERE employer = ?', employer)
    expect(kase).toMatchObject({
      channel: 'web',
      language: lang,
      rights_chosen: '["freedom_of_association"]',
    })
    await addStaffMessage(rt.deps, kase!.id, null, text.q)
    rt.clock.advance(60_000)

    await page.getByRole('link', { name: t('web:receipt.followUp') }).click()
    await check('5-follow-up')
    await page.getByLabel(t('web:followUp.receipt')).fill(receipt)
    await page.getByRole('button', { name: t('web:followUp.open') }).click()
    expect(await page.locator('#status').textContent()).toBe(t('followup:status.new'))
    expect(await page.locator('.thread .from-monitor .body').textContent()).toBe(text.q)
    await check('6-case-question')

    await page.getByLabel(t('web:followUp.reply')).fill(text.a)
    await page.getByRole('button', { name: t('web:followUp.send') }).click()
    expect(await page.getByRole('status').textContent()).toBe(t('web:followUp.sent'))
    expect(await page.locator('.thread .from-you .body').textContent()).toBe(text.a)
    await check('7-case-answered')
    const reply = await rt.deps.sql.get<{ channel: string }>(
      "SELECT channel FROM case_messages WHERE case_id = ? AND direction = 'from_reporter'",
      kase!.id,
    )
    expect(reply?.channel).toBe('web')
    // The one cookie (issue 20): the receipt, encrypted, for this language's follow-up pages only;
    // "Close my report" deletes it.
    const [cookie, ...more] = await page.context().cookies()
    expect(more).toEqual([])
    expect(cookie).toMatchObject({ name: 'hl_followup', path: `/${lang}/follow-up`, httpOnly: true, sameSite: 'Strict' })
    expect(cookie!.value).not.toContain(receipt.replace(/ /g, '').slice(0, 8))
    await page.getByRole('button', { name: t('web:followUpCase.leave') }).click()
    await page.waitForURL(`**/${lang}/follow-up`)
  }

  it.each(['es', 'fr', 'en'] as const)(
    'files, reads the receipt, follows up and answers in %s',
    async (lang) => {
      const { ctx, page, requests, errors } = await phone()
      try {
        await walk(page, lang, { audit: true, shots: lang })
        await expectPrivate(ctx, requests, errors)
      } finally {
        await ctx.close()
      }
    },
  )

  it('works the same with JavaScript disabled', async () => {
    const { ctx, page, requests, errors } = await phone(false)
    try {
      await walk(page, 'es', { audit: false, shots: 'nojs-es' })
      await expectPrivate(ctx, requests, errors)
    } finally {
      await ctx.close()
    }
  })

  it('works with the keyboard only', async () => {
    const { ctx, page } = await phone()
    const focused = () => page.evaluate(() => document.activeElement?.id ?? '')
    /** Press Tab until the element with this id has focus (fails if it is never reached). */
    const tabTo = async (id: string) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab')
        if ((await focused()) === id) return
      }
      throw new Error(`Tab never reached #${id}`)
    }
    try {
      const t = tFor('en')
      await page.goto(`${served.origin}/en/report`)
      await tabTo('country')
      for (let i = 0; i < 20 && (await page.locator('#country').inputValue()) !== 'MX'; i++)
        await page.keyboard.press('ArrowDown')
      expect(await page.locator('#country').inputValue()).toBe('MX')
      await tabTo('employer')
      await page.keyboard.type('Keyboard Farms')
      await tabTo('rights-wages')
      await page.keyboard.press('Space')
      await tabTo('description')
      await page.keyboard.type('We have not been paid for six weeks.')
      await tabTo('consentToContact')
      await page.keyboard.press('Tab')
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON')
      await page.keyboard.press('Enter')
      await page.waitForSelector('#receipt')
      const receipt = (await page.locator('#receipt').textContent())!.trim()
      const row = await rt.deps.sql.get<{ rights_chosen: string }>(
        "SELECT rights_chosen FROM cases WHERE employer = 'Keyboard Farms'",
      )
      expect(row?.rights_chosen).toBe('["wages"]')

      await page.goto(`${served.origin}/en/follow-up`)
      await tabTo('receipt')
      await page.keyboard.type(receipt)
      await page.keyboard.press('Enter')
      await page.waitForSelector('#status')
      await tabTo('body')
      await page.keyboard.type('Still not paid.')
      await page.keyboard.press('Tab')
      await page.keyboard.press('Enter')
      await page.waitForSelector('[role=status]')
      expect(await page.getByRole('status').textContent()).toBe(t('web:followUp.sent'))
    } finally {
      await ctx.close()
    }
  })
})
