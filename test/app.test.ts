import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LANGS } from '../src/i18n/languages.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

describe('public pages', () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await makeRuntime()
  })
  afterAll(() => rt.close())

  it('GET /health answers {"status":"ok"}', async () => {
    const res = await rt.app.request('/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it.each([
    ['en', 'Report a problem at work'],
    ['es', 'Denunciar un problema en el trabajo'],
    ['fr', 'Signaler un problème au travail'],
  ])('/%s/ is in its language', async (lang, title) => {
    const res = await rt.app.request(`/${lang}/`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain(`<html lang="${lang}"`)
    expect(html).toContain(title)
  })

  it('/ follows Accept-Language and offers the three languages', async () => {
    const res = await rt.app.request('/', { headers: { 'accept-language': 'fr-CI,fr;q=0.9,en;q=0.5' } })
    const html = await res.text()
    expect(html).toContain('<html lang="fr"')
    for (const l of LANGS) expect(html).toContain(`href="/${l}/"`)
  })

  it('sends strict security headers and no cookie', async () => {
    const res = await rt.app.request('/es/')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('answers an unknown page with a translated 404', async () => {
    const res = await rt.app.request('/es/nada-aqui')
    expect(res.status).toBe(404)
    expect(await res.text()).toContain('Esta página no existe.')
  })

  it('logs requests without query strings or addresses', async () => {
    await rt.app.request('/en/?phone=5215551234567')
    expect(rt.logs.join('\n')).not.toContain('5215551234567')
  })
})

describe('request bodies', () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await makeRuntime()
  })
  afterAll(() => rt.close())

  it.each(['/twilio/voice', '/twilio/status', '/console/login', '/en/report'])(
    'refuses a body over the ceiling on %s with 413',
    async (path) => {
      const res = await rt.app.request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'a='.padEnd(300 * 1024, 'x'),
      })
      expect(res.status).toBe(413)
    },
  )

  it('refuses an unsigned Twilio webhook without parsing it', async () => {
    const res = await rt.app.request('/twilio/voice', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'CallSid=CA' + '0'.repeat(32),
    })
    expect(res.status).toBe(403)
  })
})
