/**
 * The development phone simulator in real Chromium: a person texts the hotline from /dev/phone,
 * the page sends correctly signed webhooks, and one report is filed through to its receipt.
 * The simulator is absent in production.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { devPhoneRoutes } from '../../src/channels/dev/phone.js'
import {
  launchChromium,
  MOBILE,
  screenshot,
  serveApp,
  skipBrowser,
  type Served,
} from '../helpers/browser.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

describe('the phone simulator is development only', () => {
  /** What Chromium sends from the simulator's own page at http://localhost. */
  const browser = {
    'content-type': 'application/json',
    'sec-fetch-site': 'same-origin',
    origin: 'http://localhost',
  }
  const sign = (rt: TestRuntime, headers: Record<string, string>, url = '/dev/phone/sign') =>
    rt.app.request(url, { method: 'POST', headers, body: '{"path":"/twilio/sms","params":{}}' })

  it('answers 404 on every route in production', async () => {
    const rt = await makeRuntime()
    try {
      rt.app.route('/dev', devPhoneRoutes)
      rt.deps.config.env = 'production'
      expect((await rt.app.request('/dev/phone')).status).toBe(404)
      expect((await rt.app.request('/dev/phone/app.js')).status).toBe(404)
      expect((await sign(rt, browser)).status).toBe(404)
      rt.deps.config.env = 'development'
      expect((await rt.app.request('/dev/phone')).status).toBe(200)
      expect((await sign(rt, browser)).status).toBe(200)
      // A development server whose public URL is not this machine hands out no signatures.
      rt.deps.config.publicBaseUrl = 'https://staging.example.org'
      expect((await sign(rt, browser)).status).toBe(404)
      rt.deps.config.publicBaseUrl = 'http://localhost:8787'
      const elsewhere = await rt.app.request('/dev/phone/sign', {
        method: 'POST',
        headers: browser,
        body: '{"path":"/api/v1/reports","params":{}}',
      })
      expect(elsewhere.status).toBe(400)
    } finally {
      rt.close()
    }
  })

  it('signs only for its own page in a browser on this machine: a bare curl request gets 403', async () => {
    const rt = await makeRuntime()
    try {
      rt.app.route('/dev', devPhoneRoutes)
      const { signature } = (await (await sign(rt, browser)).json()) as { signature: string }
      expect(signature).toMatch(/^[A-Za-z0-9+/]+=*$/)
      // curl -H 'content-type: application/json' -d '…' http://localhost:8787/dev/phone/sign
      const curl = await sign(rt, { 'content-type': 'application/json' })
      expect(curl.status).toBe(403)
      expect(await curl.text()).not.toContain(signature)
      const refused: Record<string, string>[] = [
        { ...browser, 'sec-fetch-site': 'cross-site' },
        { ...browser, 'sec-fetch-site': 'same-site' },
        { ...browser, origin: 'http://evil.example' },
        { 'content-type': 'application/json', origin: 'http://localhost' },
        { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        { ...browser, 'content-type': 'text/plain' },
        // DNS rebinding: a name of the attacker's that resolves to this machine
        { ...browser, host: 'rebind.evil.example', origin: 'http://rebind.evil.example' },
      ]
      for (const headers of refused) expect((await sign(rt, headers)).status, JSON.stringify(headers)).toBe(403)
      expect(
        (await sign(rt, { ...browser, origin: 'http://rebind.evil.example' }, 'http://rebind.evil.example/dev/phone/sign')).status,
      ).toBe(403)
      // Loopback names other than localhost are this machine too.
      expect(
        (await sign(rt, { ...browser, origin: 'http://127.0.0.1:8787' }, 'http://127.0.0.1:8787/dev/phone/sign')).status,
      ).toBe(200)
      // A connection from elsewhere is refused even with every header right.
      rt.deps.remoteAddress = () => '203.0.113.7'
      expect((await sign(rt, browser)).status).toBe(403)
      rt.deps.remoteAddress = () => '127.0.0.1'
      expect((await sign(rt, browser)).status).toBe(200)
    } finally {
      rt.close()
    }
  })
})

describe.skipIf(skipBrowser)('the phone simulator in Chromium', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser

  beforeAll(async () => {
    rt = await makeRuntime()
    rt.app.route('/dev', devPhoneRoutes)
    served = await serveApp(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('files one report by text, in Spanish, and shows each reply with its segments', async () => {
    const ctx = await browser.newContext({ viewport: MOBILE })
    const page = await ctx.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${served.origin}/dev/phone`)
    await page.selectOption('#country', 'MX')

    const replies = page.locator('#thread li.msg.in')
    async function text(body: string): Promise<string> {
      const before = await replies.count()
      await page.fill('#body', body)
      await page.click('#send')
      await expect.poll(() => replies.count(), { timeout: 10_000 }).toBe(before + 1)
      return (await replies.nth(before).locator('p').textContent()) ?? ''
    }

    expect(await text('Hola')).toMatch(/confidencial/)
    expect(await text('OK')).toMatch(/1 Sindicato/)
    expect(await text('5')).toMatch(/empresa/)
    await text('Empacadora del Valle')
    await text('Culiacán')
    expect(await text('Nos pagan la mitad de lo prometido y sin recibo.')).toMatch(/Recibido/)
    expect(await text('LISTO')).toMatch(/SÍ o NO/)
    const done = await text('NO')
    const receipt = /\d{4} \d{4} \d{4} \d{4}/.exec(done)?.[0]
    expect(receipt).toBeDefined()
    expect(await replies.last().locator('small').textContent()).toMatch(
      /^(GSM-7|UCS-2), [12] segments?$/,
    )

    // Resending the same MessageSid replays the same reply and files nothing new.
    await page.click('#resend')
    await expect.poll(() => replies.count()).toBe(9)
    expect(await replies.last().locator('p').textContent()).toBe(done)

    const cases = await rt.deps.sql.all<{ channel: string; employer: string }>(
      'SELECT channel, employer FROM cases',
    )
    expect(cases).toEqual([{ channel: 'sms', employer: 'Empacadora del Valle' }])
    expect(await text(`ESTADO ${receipt}`)).toMatch(/recibida/)
    await screenshot(page, 'sms-simulator')
    expect(errors).toEqual([])
    await ctx.close()
  })
})
