/**
 * Issue 20: what a deployment configures, said truthfully (defect 12) and configurable (language):
 * - development keys are written beside the database, wherever DATABASE_PATH points;
 * - in development PUBLIC_BASE_URL follows PORT unless set; production requires it;
 * - the service's name per language comes from SERVICE_NAME_EN/_ES/_FR, else the locale's.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from '../src/config.js'
import { tFor } from '../src/i18n/index.js'
import { bootNode } from '../src/node/boot.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

const quiet = { info() {}, warn() {}, error() {} }
const KEY = Buffer.alloc(32, 7).toString('base64')
let rt: TestRuntime | undefined
afterEach(() => {
  rt?.close()
  rt = undefined
})

describe('deployment settings (issue 20)', () => {
  it('12: development keys go beside the database, wherever DATABASE_PATH points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-keys-'))
    try {
      const db = join(dir, 'elsewhere', 'my.db')
      const r = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: db }, { log: quiet })
      r.db.close()
      expect(r.generatedSecretsIn).toBe(join(dir, 'elsewhere'))
      for (const f of ['server.env', 'custodian.key']) {
        expect(existsSync(join(dir, 'elsewhere', f)), f).toBe(true)
        expect(statSync(join(dir, 'elsewhere', f)).mode & 0o777).toBe(0o600)
      }
      expect(existsSync(join(process.cwd(), 'data', 'my.db'))).toBe(false)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('12: PUBLIC_BASE_URL follows PORT in development, is kept when set, and is required in production', () => {
    const dev = { CUSTODIAN_PUBLIC_KEY: KEY, DATA_KEY: KEY }
    expect(parseConfig(dev).publicBaseUrl).toBe('http://localhost:8787')
    expect(parseConfig({ ...dev, PORT: '9000' }).publicBaseUrl).toBe('http://localhost:9000')
    expect(parseConfig({ ...dev, PORT: '9000', PUBLIC_BASE_URL: 'http://127.0.0.1:9100/' }).publicBaseUrl).toBe(
      'http://127.0.0.1:9100',
    )
    const prod = { ...dev, HOTLINE_ENV: 'production', TWILIO_AUTH_TOKEN: 'x'.repeat(32), PORT: '9000' }
    expect(() => parseConfig(prod)).toThrow(ConfigError)
    expect(() => parseConfig(prod)).toThrow(/PUBLIC_BASE_URL: is required/)
  })

  it('names the service per deployment and language, and refuses a name that is not plain', async () => {
    rt = await makeRuntime({ env: { SERVICE_NAME_ES: 'Línea Obrera del Bajío', SERVICE_NAME_FR: 'Allô Travail' } })
    const es = await (await rt.app.request('/es/')).text()
    expect(es).toContain('Línea Obrera del Bajío')
    const fr = await (await rt.app.request('/fr/')).text()
    expect(fr).toContain('Allô Travail')
    const en = await (await rt.app.request('/en/')).text()
    expect(en).toContain("Workers' Voice Hotline".replace("'", '&#39;'))
    rt.close()
    rt = await makeRuntime()
    expect(await (await rt.app.request('/es/')).text()).toContain(tFor('es')('common:site.name'))
    expect(tFor('es')('common:site.name')).not.toBe('Línea Obrera del Bajío')
    const KEYS = { CUSTODIAN_PUBLIC_KEY: KEY, DATA_KEY: KEY }
    expect(() => parseConfig({ ...KEYS, SERVICE_NAME_ES: '<b>x</b>' })).toThrow(/SERVICE_NAME_ES/)
    expect(() => parseConfig({ ...KEYS, SERVICE_NAME_FR: 'x'.repeat(81) })).toThrow(/SERVICE_NAME_FR/)
  })
})
