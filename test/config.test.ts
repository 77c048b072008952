import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, encodeBase64, parseConfig } from '../src/config.js'

const key = encodeBase64(new Uint8Array(32).fill(7))
const prod = {
  HOTLINE_ENV: 'production',
  PUBLIC_BASE_URL: 'https://hotline.example.org',
  TWILIO_AUTH_TOKEN: 'x'.repeat(32),
  CUSTODIAN_PUBLIC_KEY: key,
  DATA_KEY: key,
}

describe('parseConfig', () => {
  it('accepts a complete production environment', () => {
    const c = parseConfig(prod)
    expect(c.env).toBe('production')
    expect(c.port).toBe(8787)
    expect(c.dataKey.length).toBe(32)
    expect(c.retentionDays.closed).toBe(90)
  })

  for (const name of ['PUBLIC_BASE_URL', 'TWILIO_AUTH_TOKEN', 'CUSTODIAN_PUBLIC_KEY', 'DATA_KEY']) {
    it(`refuses production without ${name}, naming it`, () => {
      expect(() => parseConfig({ ...prod, [name]: undefined })).toThrow(new RegExp(`^${name}: is required`))
    })
  }

  it('names malformed variables without echoing their values', () => {
    const bad = (vars: Record<string, string>) => {
      try {
        parseConfig({ ...prod, ...vars })
      } catch (e) {
        return e as ConfigError
      }
      throw new Error('did not throw')
    }
    expect(bad({ DATA_KEY: 'c2hvcnQ=' }).variable).toBe('DATA_KEY')
    expect(bad({ DATA_KEY: 'c2hvcnQ=' }).message).not.toContain('c2hvcnQ')
    expect(bad({ PUBLIC_BASE_URL: 'http://insecure.example.org' }).variable).toBe('PUBLIC_BASE_URL')
    expect(bad({ PORT: 'eighty' }).variable).toBe('PORT')
    expect(bad({ TWILIO_ACCOUNT_SID: 'nope' }).variable).toBe('TWILIO_ACCOUNT_SID')
    expect(bad({ RETENTION_CLOSED_DAYS: '-3' }).variable).toBe('RETENTION_CLOSED_DAYS')
    expect(bad({ HOTLINE_ENV: 'staging' }).variable).toBe('HOTLINE_ENV')
  })

  it('reads retention overrides', () => {
    expect(parseConfig({ ...prod, RETENTION_NEW_DAYS: '30' }).retentionDays.new).toBe(30)
  })
})

describe('npm start in production without keys', () => {
  it('exits non-zero naming the missing variable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-prod-'))
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
      env: { PATH: process.env.PATH, HOTLINE_ENV: 'production', DATABASE_PATH: join(dir, 'h.db'), PUBLIC_BASE_URL: 'https://h.example.org' },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/TWILIO_AUTH_TOKEN: is required/)
  })
})
