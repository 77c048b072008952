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

  it('names every missing or malformed variable at once, without their values', () => {
    const secrets = {
      TWILIO_AUTH_TOKEN: 'short-secret',
      DATA_KEY: 'c2VjcmV0LWRhdGEta2V5',
      TWILIO_ACCOUNT_SID: 'ACsecretsecret',
      PORT: 'port-99999',
      PUBLIC_BASE_URL: 'http://secret-host.example.org',
      RETENTION_NEW_DAYS: 'forever-and-ever',
    }
    let err: ConfigError | undefined
    try {
      parseConfig({ HOTLINE_ENV: 'production', ...secrets })
    } catch (e) {
      err = e as ConfigError
    }
    expect(err).toBeInstanceOf(ConfigError)
    expect(err!.problems.map((p) => p.variable).sort()).toEqual(
      [...Object.keys(secrets), 'CUSTODIAN_PUBLIC_KEY'].sort(),
    )
    expect(err!.problems.find((p) => p.variable === 'CUSTODIAN_PUBLIC_KEY')?.reason).toBe('is required')
    for (const value of Object.values(secrets)) expect(err!.message).not.toContain(value)
    expect(err!.message).not.toContain('secret')
  })

  it('turns staff notifications on with SMTP_URL and SMTP_FROM, and names what is wrong without values', () => {
    expect(parseConfig(prod).smtp).toBeUndefined()
    const on = parseConfig({ ...prod, SMTP_URL: 'smtp://mailer:s%40cret@mail.example.org', SMTP_FROM: 'Hotline <hotline@example.org>' })
    expect(on.smtp).toEqual({
      host: 'mail.example.org', port: 587, secure: false, requireTls: true, user: 'mailer', pass: 's@cret',
      from: 'Hotline <hotline@example.org>', fromAddress: 'hotline@example.org', fromName: 'Hotline', digestHour: 7,
    })
    const tls = parseConfig({ ...prod, SMTP_URL: 'smtps://mail.example.org', SMTP_FROM: 'hotline@example.org', NOTIFY_DIGEST_HOUR: '18' })
    expect(tls.smtp).toMatchObject({ port: 465, secure: true, requireTls: false, user: undefined, digestHour: 18, fromAddress: 'hotline@example.org', fromName: undefined })
    // A relay on this machine may speak plain SMTP.
    expect(parseConfig({ ...prod, SMTP_URL: 'smtp://127.0.0.1:25', SMTP_FROM: 'h@example.org' }).smtp?.requireTls).toBe(false)
    const bad = (vars: Record<string, string>) => {
      try {
        parseConfig({ ...prod, ...vars })
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError)
        for (const v of Object.values(vars)) if (v.length > 3) expect((err as Error).message).not.toContain(v)
        return (err as ConfigError).problems.map((p) => p.variable)
      }
      return []
    }
    expect(bad({ SMTP_URL: 'http://user:hunter22@mail.example.org', SMTP_FROM: 'h@example.org' })).toEqual(['SMTP_URL'])
    expect(bad({ SMTP_URL: 'smtp://user:hunter22@mail.example.org' })).toEqual(['SMTP_FROM'])
    expect(bad({ SMTP_FROM: 'hotline@example.org' })).toEqual(['SMTP_URL'])
    expect(bad({ SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: 'not an address' })).toEqual(['SMTP_FROM'])
    expect(bad({ SMTP_URL: 'smtp://mail.example.org', SMTP_FROM: 'h@example.org', NOTIFY_DIGEST_HOUR: '24' })).toEqual(['NOTIFY_DIGEST_HOUR'])
    const message = (() => {
      try {
        parseConfig({ ...prod, SMTP_URL: 'smtp://mail.example.org' })
      } catch (err) {
        return (err as Error).message
      }
    })()
    expect(message).toMatch(/SMTP_FROM: is required when SMTP_URL is set/)
  })

  it('reads retention overrides', () => {
    expect(parseConfig({ ...prod, RETENTION_NEW_DAYS: '30' }).retentionDays.new).toBe(30)
  })
})

describe('npm start in production without keys', () => {
  it('exits non-zero naming every missing or malformed variable, one a line, without values', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-prod-'))
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/node.ts'], {
      env: {
        PATH: process.env.PATH,
        HOTLINE_ENV: 'production',
        DATABASE_PATH: join(dir, 'h.db'),
        PUBLIC_BASE_URL: 'https://h.example.org',
        DATA_KEY: 'not-a-key-secret',
        PORT: '0',
      },
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(r.status).not.toBe(0)
    expect(r.stderr).toMatch(/^ {2}TWILIO_AUTH_TOKEN: is required$/m)
    expect(r.stderr).toMatch(/^ {2}CUSTODIAN_PUBLIC_KEY: is required$/m)
    expect(r.stderr).toMatch(/^ {2}DATA_KEY: must be 32 bytes in base64$/m)
    expect(r.stderr).toMatch(/^ {2}PORT: must be a port number/m)
    expect(r.stderr).not.toContain('not-a-key-secret')
  })
})
