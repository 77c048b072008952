/**
 * The phone simulator's WhatsApp mode in real Chromium: a report by WhatsApp with a voice note
 * (a generated silent Ogg Opus file on the simulator's fake media URL), through to its receipt;
 * the hotline's job then fetches the note from that URL, seals it and erases it there.
 */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEV_NOTE_SECONDS } from '../../src/channels/whatsapp/dev-panel.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { launchChromium, MOBILE, serveApp, skipBrowser, type Served } from '../helpers/browser.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

describe('the fake media URL is development only', () => {
  it('serves a voice note in development and 404 in production', async () => {
    const rt = await makeRuntime()
    try {
      const path = `/dev/twilio/2010-04-01/Accounts/AC${'0'.repeat(32)}/Messages/MM${'a'.repeat(32)}/Media/ME${'b'.repeat(32)}`
      const res = await rt.app.request(path)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('audio/ogg')
      expect(Buffer.from(await res.arrayBuffer()).subarray(0, 4).toString()).toBe('OggS')
      rt.deps.config.env = 'production'
      expect((await rt.app.request(path)).status).toBe(404)
    } finally {
      rt.close()
    }
  })
})

describe.skipIf(skipBrowser)('the phone simulator in WhatsApp mode', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser

  beforeAll(async () => {
    rt = await makeRuntime({ env: { TWILIO_ACCOUNT_SID: 'AC' + '0'.repeat(32) } })
    served = await serveApp(rt)
    // The voice-note job fetches from the simulator's fake media URL on this server.
    rt.deps.config.twilioApiBase = `${served.origin}/dev/twilio`
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('files a WhatsApp report with a voice note, which the job fetches and seals', async () => {
    const ctx = await browser.newContext({ viewport: MOBILE })
    const page = await ctx.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
    await page.goto(`${served.origin}/dev/phone`)
    const replies = page.locator('#wa-thread li.msg.in')
    async function reply(act: () => Promise<void>): Promise<string> {
      const before = await replies.count()
      await act()
      await expect.poll(() => replies.count(), { timeout: 10_000 }).toBe(before + 1)
      return (await replies.nth(before).locator('p').textContent()) ?? ''
    }
    const text = (body: string) =>
      reply(async () => {
        await page.fill('#wa-body', body)
        await page.click('#wa-send')
      })

    expect(await text('Hola')).toMatch(/notas de voz/)
    expect(await text('OK')).toMatch(/4 Discriminación/) // +52: Mexico, and accents kept
    await text('5')
    await text('Empacadora del Valle')
    expect(await text('Culiacán')).toMatch(/notas de voz/)
    expect(await reply(() => page.click('#wa-photo'))).toMatch(/fotos/)
    expect(await reply(() => page.click('#wa-voice'))).toMatch(/Recibido/)
    await text('LISTO')
    const done = await text('NO')
    expect(done).toMatch(/\d{4} \d{4} \d{4} \d{4}/)

    const kase = await rt.deps.sql.get<{ id: string; channel: string; description_redacted: string }>(
      'SELECT id, channel, description_redacted FROM cases',
    )
    expect(kase).toMatchObject({ channel: 'whatsapp' })
    expect(kase!.description_redacted).toContain('[nota de voz 1]')
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const rec = await rt.deps.sql.get<{ purpose: string; duration_s: number; sealed: number }>(
      'SELECT purpose, duration_s, audio_sealed IS NOT NULL AS sealed FROM voice_recordings',
    )
    expect(rec).toEqual({ purpose: 'voice_note', duration_s: DEV_NOTE_SECONDS, sealed: 1 })
    expect(errors).toEqual([])
    await ctx.close()
  })
})
