/**
 * Evidence in real Chromium with JavaScript off (issue 21): a worker attaches a phone photo on the
 * report form (a plain multipart form) and a voice note on the follow-up page; both are stored,
 * stripped; a wrong file comes back with the translated message next to the file input and what
 * the worker wrote kept; the form and its file error pass axe.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listEvidence } from '../../src/evidence/list.js'
import { tFor } from '../../src/i18n/index.js'
import { launchChromium, screenshot, seriousViolations, serveApp, skipBrowser, type Served } from '../helpers/browser.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { fixture } from '../evidence/helpers.js'

describe.skipIf(skipBrowser)('evidence in Chromium, without JavaScript', () => {
  let rt: TestRuntime
  let served: Served
  let browser: Browser
  beforeAll(async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.50' })
    served = await serveApp(rt)
    browser = await launchChromium()
  })
  afterAll(async () => {
    await browser?.close()
    await served?.close()
    rt?.close()
  })

  it('attaches a photo on the report form and a voice note on follow-up', { timeout: 90_000 }, async () => {
    const t = tFor('es')
    const photo = join(rt.dir, 'Maria_Lopez_Garcia.jpg')
    const gif = join(rt.dir, 'dibujo.jpg')
    const note = join(rt.dir, 'nota.wav')
    writeFileSync(photo, fixture('photo-gps.jpg'))
    writeFileSync(gif, Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'))
    writeFileSync(note, fixture('voice-note.wav'))
    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'es-MX' })
    const page = await ctx.newPage()
    await page.goto(`${served.origin}/es/report`)
    await page.getByLabel(t('web:report.country')).selectOption('MX')
    await page.getByLabel(t('web:report.employer')).fill('Autopartes del Bajío')
    await page.getByLabel(t('web:report.description')).fill('Nos pagan menos de lo que dice el recibo. Adjunto la foto del recibo.')

    // A file we do not take: the message next to the input, the text kept.
    await page.setInputFiles('#file', gif)
    await page.getByRole('button', { name: t('web:report.send') }).click()
    expect(await page.locator('#file-error').textContent()).toBe(t('web:attachments.wrongType'))
    expect(await page.locator('#description').inputValue()).toContain('Adjunto la foto')
    await screenshot(page, 'evidence-1-wrong-type')

    await page.setInputFiles('#file', photo)
    await page.getByRole('button', { name: t('web:report.send') }).click()
    const receipt = (await page.locator('#receipt').textContent())!.trim()
    expect(receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    expect(await listEvidence(rt.deps.sql, kase!.id)).toEqual([expect.objectContaining({ kind: 'image', mime: 'image/jpeg' })])

    await page.goto(`${served.origin}/es/follow-up`)
    await page.fill('#receipt', receipt)
    await page.getByRole('button', { name: t('web:followUp.open') }).click()
    await page.setInputFiles('#file', note)
    await page.getByRole('button', { name: t('web:attachments.send') }).click()
    expect(await page.textContent('body')).toContain(t('web:attachments.sent'))
    await screenshot(page, 'evidence-2-follow-up')
    const all = await listEvidence(rt.deps.sql, kase!.id)
    expect(all.map((e) => e.mime)).toEqual(['image/jpeg', 'audio/wav'])
    await ctx.close()
  })

  it('the form with a file error passes axe (JavaScript on, for the audit)', { timeout: 90_000 }, async () => {
    const gif = join(rt.dir, 'x.jpg')
    writeFileSync(gif, Buffer.from('GIF89a\x01\x00', 'latin1'))
    const page = await browser.newPage({ locale: 'es-MX' })
    await page.goto(`${served.origin}/es/report`)
    expect(await seriousViolations(page)).toEqual([])
    await page.setInputFiles('#file', gif)
    await page.getByRole('button', { name: tFor('es')('web:report.send') }).click()
    await page.waitForSelector('#file-error')
    expect(await seriousViolations(page)).toEqual([])
    await page.close()
  })
})
