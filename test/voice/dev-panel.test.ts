/**
 * The simulator's voice panel in real Chromium: a whole call with the keypad and the record
 * button against the real IVR. The panel is composed into the simulator's page here (the page
 * itself belongs to channels/dev); the signer used here accepts query strings, as the real one
 * must for the IVR's URLs.
 */
import { Hono } from 'hono'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PhonePage } from '../../src/channels/dev/phone.js'
import { PHONE_CSS, PHONE_JS } from '../../src/channels/dev/phone-assets.js'
import { twilioSignature } from '../../src/channels/twilio/signature.js'
import { VOICE_PANEL_CSS, VOICE_PANEL_JS, VoicePanel } from '../../src/channels/voice/dev-panel.js'
import { launchChromium, serveApp, skipBrowser, type Served } from '../helpers/browser.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

describe.skipIf(skipBrowser)('phone simulator: voice panel', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser
  beforeAll(async () => {
    rt = await makeRuntime()
    const inner = rt.app
    const outer = new Hono()
    outer.get('/dev/phone', (c) =>
      c.html('<!doctype html>' + String(PhonePage({ panels: VoicePanel(), tokenMissing: false }))),
    )
    outer.get('/dev/phone/app.js', (c) =>
      c.body(PHONE_JS + VOICE_PANEL_JS, 200, { 'Content-Type': 'text/javascript' }),
    )
    outer.get('/dev/phone/app.css', (c) =>
      c.body(PHONE_CSS + VOICE_PANEL_CSS, 200, { 'Content-Type': 'text/css' }),
    )
    outer.post('/dev/phone/sign', async (c) => {
      const { path, params } = (await c.req.json()) as {
        path: string
        params: Record<string, string>
      }
      const url = rt.config.publicBaseUrl + path
      return c.json({ signature: await twilioSignature(rt.config.twilioAuthToken!, url, params) })
    })
    outer.all('*', (c) => inner.fetch(c.req.raw))
    served = await serveApp({ ...rt, app: outer } as unknown as TestRuntime)
    browser = await launchChromium()
  }, 60_000)
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('calls, picks Spanish, reports with keypad and record button, hears the receipt', async () => {
    const page = await browser.newPage()
    await page.goto(`${served.origin}/dev/phone`)
    const log = page.locator('#call-log')
    const key = (k: string) => page.click(`.key[data-key="${k}"]`)
    await page.click('#call-start')
    await expect.poll(() => log.textContent()).toContain('Para español, marque 2.')
    await key('2')
    await expect.poll(() => log.textContent()).toContain('Para denunciar un problema')
    await key('1')
    await expect.poll(() => log.textContent()).toContain('Escoja uno')
    await key('2')
    await expect.poll(() => log.textContent()).toContain('Después del tono')
    await page.click('#call-record')
    await page.waitForTimeout(1100)
    await page.click('#call-record')
    await expect.poll(() => log.textContent()).toContain('¿Cuántos trabajadores')
    await key('4')
    await key('#')
    await expect.poll(() => log.textContent()).toContain('¿Le podemos llamar')
    await key('2')
    await expect.poll(() => log.textContent()).toContain('Su número de recibo es:')
    await page.click('#call-silence')
    await expect.poll(() => log.textContent()).toContain('(the hotline hung up)')
    const kase = await rt.deps.sql.get<{ channel: string; workers_affected: number }>(
      'SELECT channel, workers_affected FROM cases',
    )
    expect(kase).toEqual({ channel: 'voice', workers_affected: 4 })
  })
})
