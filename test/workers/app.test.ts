/**
 * @module test/workers/app.test
 * The Worker end to end inside workerd: the entry point, Deps from env, D1, libsodium.
 */
import {
  createExecutionContext,
  createScheduledController,
  waitOnExecutionContext,
} from 'cloudflare:test'
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { createWorker } from '../../src/workers/entry.js'

describe('worker', () => {
  it('GET /health → 200 {"status":"ok"}', async () => {
    const res = await exports.default.fetch('http://hotline.test/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })

  it('GET /es/ → 200, a Spanish page', async () => {
    const res = await exports.default.fetch('http://hotline.test/es/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    expect(await res.text()).toMatch(/<html lang="es"/)
  })

  it('a missing or malformed key answers 500 naming the variable, never its value', async () => {
    const cases = [
      { vars: { DATA_KEY: undefined }, variable: 'DATA_KEY' },
      { vars: { CUSTODIAN_PUBLIC_KEY: 'c2VjcmV0LXZhbHVl' }, variable: 'CUSTODIAN_PUBLIC_KEY' },
    ]
    for (const { vars, variable } of cases) {
      const ctx = createExecutionContext()
      const res = await createWorker().fetch(
        new Request('http://hotline.test/health'),
        { ...env, ...vars },
        ctx,
      )
      await waitOnExecutionContext(ctx)
      expect(res.status).toBe(500)
      const body = await res.text()
      expect(body).toContain(variable)
      expect(body).not.toContain('c2VjcmV0LXZhbHVl')
    }
  })

  it('the scheduled handler runs maintenance against D1', async () => {
    const controller = createScheduledController({ cron: '*/5 * * * *' })
    await expect(createWorker().scheduled(controller, env)).resolves.toBeUndefined()
  })
})
