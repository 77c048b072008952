/**
 * Bodies the parsers cannot read get a translated 4xx, never a 500 (finding 6): malformed
 * multipart on every form route, JSON nested 20,000 deep with an Idempotency-Key, bytes that are
 * not UTF-8, JSON sent as another type, bodies over the limit. Each changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueToken } from '../src/channels/web/csrf.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'
import { expectedSignature } from './helpers/twilio-sign.js'

let rt: TestRuntime
beforeAll(async () => {
  rt = await makeRuntime({ remoteAddress: '198.51.100.7' })
})
afterAll(() => rt.close())

const rows = async () => {
  const tables = await rt.deps.sql.all<{ name: string }>(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
  )
  let n = 0
  for (const { name } of tables) n += (await rt.deps.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`))!.n
  return n
}

const post = (path: string, type: string, body: BodyInit, headers: Record<string, string> = {}) =>
  rt.app.request(path, { method: 'POST', headers: { 'content-type': type, ...headers }, body })

const deep = (n: number) => `{"a":${'['.repeat(n)}1${']'.repeat(n)}}`
const notUtf8 = (prefix: string, suffix: string) =>
  Buffer.concat([Buffer.from(prefix), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(suffix)])

describe('malformed bodies', () => {
  it('answers malformed multipart on every form route with a translated 400 page', async () => {
    const before = await rows()
    const routes: [string, string][] = [
      ['/es/report', 'No pudimos leer lo que envió.'],
      ['/fr/follow-up', "Nous n&#39;avons pas pu lire votre envoi."],
      ['/es/follow-up/reply', 'No pudimos leer lo que envió.'],
      ['/console/login', 'We could not read what you sent.'],
    ]
    for (const [path, message] of routes) {
      for (const body of ['garbage', '--xyz\r\nContent-Disposition: form-data\r\n\r\nx']) {
        const res = await post(path, 'multipart/form-data; boundary=xyz', body)
        expect(res.status, path).toBe(400)
        expect(res.headers.get('content-type')).toMatch(/^text\/html/)
        expect(await res.text()).toContain(message)
      }
      const noBoundary = await post(path, 'multipart/form-data', 'a=b')
      expect(noBoundary.status, path).toBe(400)
    }
    expect(await rows()).toBe(before)
    expect(rt.logs.join('\n')).not.toContain('unhandled')
  })

  it('refuses JSON nested 20,000 deep, with or without an Idempotency-Key, as a JSON 400', async () => {
    const before = await rows()
    for (const headers of [{ 'idempotency-key': 'deep-1' }, {}] as Record<string, string>[]) {
      const res = await post('/api/v1/reports', 'application/json', deep(20_000), headers)
      expect(res.status).toBe(400)
      expect(await res.json()).toMatchObject({ error: { code: 'bad_request' } })
    }
    // Deep, but within what any request needs: read, then refused by validation.
    expect((await post('/api/v1/reports', 'application/json', deep(10), { 'idempotency-key': 'deep-2' })).status).toBe(400)
    expect(await rows()).toBe(before)
    expect(rt.logs.join('\n')).not.toContain('unhandled')
  })

  it('refuses bytes that are not UTF-8, in JSON, urlencoded and multipart bodies, and bad escapes', async () => {
    const before = await rows()
    const token = issueToken(rt.deps, 'report')
    const cases: [string, string, BodyInit][] = [
      ['/api/v1/reports', 'application/json', notUtf8('{"language":"es","description":"', '"}')],
      ['/api/v1/follow-up', 'application/json', notUtf8('{"receipt":"', '"}')],
      ['/es/report', 'application/x-www-form-urlencoded', notUtf8(`token=${token}&description=`, '')],
      ['/es/report', 'application/x-www-form-urlencoded', `token=${token}&description=%C3%28`],
      ['/es/report', 'application/x-www-form-urlencoded', `token=${token}&description=100%`],
      [
        '/es/report',
        'multipart/form-data; boundary=b',
        notUtf8('--b\r\nContent-Disposition: form-data; name="description"\r\n\r\n', '\r\n--b--\r\n'),
      ],
      ['/console/login', 'application/x-www-form-urlencoded', notUtf8('email=a%40b.c&password=', '')],
    ]
    for (const [path, type, body] of cases) {
      const res = await post(path, type, body)
      expect(res.status, `${path} ${type}`).toBe(400)
    }
    expect(await rows()).toBe(before)
  })

  it('answers a signed Twilio webhook whose body does not parse with 400, an unsigned one with 403', async () => {
    const path = '/twilio/sms'
    const sig = expectedSignature(path, {}, { baseUrl: rt.config.publicBaseUrl, authToken: rt.config.twilioAuthToken! })
    const before = await rows()
    expect((await post(path, 'multipart/form-data; boundary=q', 'junk', { 'x-twilio-signature': sig })).status).toBe(400)
    const signed = { 'x-twilio-signature': sig }
    expect((await post(path, 'application/x-www-form-urlencoded', 'Body=%FF', signed)).status).toBe(400)
    expect((await post(path, 'multipart/form-data; boundary=q', 'junk')).status).toBe(403)
    expect(await rows()).toBe(before)
  })

  it('answers JSON sent as another content type with a translated 415', async () => {
    const body = JSON.stringify({ language: 'es', country: 'MX', employer: 'X', description: 'No pagan.' })
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', '']) {
      const res = await rt.app.request('/api/v1/reports', {
        method: 'POST',
        headers: { ...(type ? { 'content-type': type } : {}), 'accept-language': 'es' },
        body,
      })
      expect(res.status, type).toBe(415)
      expect(await res.json()).toEqual({
        error: { code: 'unsupported_type', message: 'Aquí solo podemos leer JSON (Content-Type: application/json).' },
      })
    }
  })

  it('answers bodies over the limit with 413 on every public route', async () => {
    const huge = 'a='.padEnd(300 * 1024, 'x')
    for (const [path, type] of [
      ['/api/v1/reports', 'application/json'],
      ['/api/v1/follow-up', 'application/json'],
      ['/es/report', 'application/x-www-form-urlencoded'],
      ['/es/follow-up', 'application/x-www-form-urlencoded'],
      ['/console/login', 'application/x-www-form-urlencoded'],
      ['/twilio/sms', 'application/x-www-form-urlencoded'],
      ['/twilio/voice/menu', 'application/x-www-form-urlencoded'],
      ['/twilio/status', 'application/x-www-form-urlencoded'],
    ]) {
      const res = await post(path!, type!, huge, { 'x-twilio-signature': 'x' })
      expect(res.status, path).toBe(413)
    }
  })
})
