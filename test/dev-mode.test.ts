/**
 * Development mode fails closed: the demo password is the install's own (random, 0600 beside the
 * database, printed on the console, never logged as JSON), demo accounts enrol TOTP only with
 * their printed one-time codes, and a development server refuses a non-loopback HOST unless
 * HOTLINE_ALLOW_PUBLIC_DEV=1.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from '../src/loopback.js'
import { listenHost } from '../src/node/listen-host.js'
import { totpCode } from '../src/staff/totp.js'
import { cookies, form } from './console/setup.js'
import { cli } from './helpers/cli.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

const PUBLISHED = 'demo-password-change-me'

describe('listen address', () => {
  it('development stays on loopback unless HOTLINE_ALLOW_PUBLIC_DEV=1', () => {
    expect(listenHost({})).toBe('127.0.0.1')
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])
      expect(listenHost({ HOST: host })).toBe(host)
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'example.org', '127.0.0.1.example.org']) {
      expect(() => listenHost({ HOST: host })).toThrow(/HOTLINE_ALLOW_PUBLIC_DEV/)
      expect(() => listenHost({ HOTLINE_ENV: 'development', HOST: host })).toThrow(/HOST=/)
    }
    expect(listenHost({ HOST: '0.0.0.0', HOTLINE_ALLOW_PUBLIC_DEV: '1' })).toBe('0.0.0.0')
    expect(() => listenHost({ HOST: '0.0.0.0', HOTLINE_ALLOW_PUBLIC_DEV: 'yes' })).toThrow()
    // Production listens where it is told (a reverse proxy stands in front).
    expect(listenHost({ HOTLINE_ENV: 'production', HOST: '0.0.0.0' })).toBe('0.0.0.0')
  })

  it('knows loopback names and addresses', () => {
    for (const h of ['localhost', 'LOCALHOST', '127.0.0.1', '127.255.255.254', '::1', '[::1]', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(h), h).toBe(true)
    for (const h of ['127.0.0.256', '128.0.0.1', '10.0.0.1', '::', 'localhost.example.org', ''])
      expect(isLoopbackHost(h), h).toBe(false)
  })

  it('npm start refuses HOST=0.0.0.0 in development, naming the variable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-host-'))
    try {
      const r = await startServer(dir, { HOST: '0.0.0.0' })
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/cannot start: HOST=0\.0\.0\.0 .*HOTLINE_ALLOW_PUBLIC_DEV=1/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('demo staff', () => {
  it('first start: a random password, printed once on the console, kept 0600 beside the DB, never in JSON logs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-first-'))
    try {
      const r = await startServer(dir, { PORT: String(await freePort()) }, /listening on/)
      const file = join(dir, 'demo-password')
      const password = readFileSync(file, 'utf8').trim()
      expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(password).not.toBe(PUBLISHED)
      expect(password.length).toBeGreaterThanOrEqual(16)
      expect(r.out).toContain(`demo password for every demo account (kept in ${file}): ${password}`)
      expect(r.out).not.toContain(PUBLISHED)
      const codes = [...r.out.matchAll(/^ {2}(\S+@demo\.hotline) +([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})$/gm)]
      expect(codes.map((m) => m[1])).toContain('admin@demo.hotline')
      expect(new Set(codes.map((m) => m[2])).size).toBe(codes.length)
      for (const line of r.out.split('\n').filter((l) => l.startsWith('{'))) {
        expect(line).not.toContain(password)
        for (const m of codes) expect(line).not.toContain(m[2])
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }, 60_000)

  it('seed demo uses and prints the same password; the password alone cannot enrol TOTP, the printed code can', async () => {
    const rt = await makeRuntime()
    try {
      const seeded = await cli(['seed', 'demo'], { dir: rt.dir })
      expect(seeded.code, seeded.out).toBe(0)
      const password = readFileSync(join(rt.dir, 'demo-password'), 'utf8').trim()
      expect(password).not.toBe(PUBLISHED)
      expect(seeded.out).toContain(password)
      const code = new RegExp(
        '^ {2}admin@demo\\.hotline +([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})$',
        'm',
      ).exec(seeded.out)?.[1]
      expect(code).toBeDefined()
      const again = await cli(['seed', 'demo'], { dir: rt.dir })
      expect(again.code).toBe(0)
      expect(again.out).toContain(password)
      expect(again.out).not.toContain(code!)

      // The reviewer's attack: sign in first with the password and enrol an authenticator.
      expect((await enrol(rt, 'admin@demo.hotline', password, '')).status).toBe(401)
      expect((await enrol(rt, 'admin@demo.hotline', password, 'AAAA-BBBB-CCCC-DDDD')).status).toBe(401)
      const ok = await enrol(rt, 'admin@demo.hotline', password, code!)
      expect(ok.status).toBe(303)
      expect(ok.headers.get('location')).toBe('/console/queue')
    } finally {
      rt.close()
    }
  }, 60_000)
})

/** Sign in with the password, then enrol an authenticator with `enrolCode`. */
async function enrol(rt: TestRuntime, email: string, password: string, enrolCode: string) {
  const post = (path: string, body: Record<string, string>, cookie = '') =>
    rt.app.request(path, {
      method: 'POST',
      body: form(body),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    })
  const r1 = await post('/console/login', { email, password })
  expect(r1.status).toBe(303)
  const cookie = `hl_pending=${cookies(r1).hl_pending}`
  const html = await (await rt.app.request('/console/totp', { headers: { cookie } })).text()
  const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '')
  rt.clock.advance(30_000)
  return post('/console/totp', { enrol_code: enrolCode, code: totpCode(secret, rt.clock.now()) }, cookie)
}

/** A port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

/**
 * `npm start` (node --import tsx src/node.ts) on a fresh data folder. Returns when it exits, or
 * once its output matches `until` (then this process, which this test started, is stopped).
 */
function startServer(
  dir: string,
  env: Record<string, string>,
  until?: RegExp,
): Promise<{ code: number | null; out: string }> {
  const clean = { ...process.env }
  for (const k of ['DATA_KEY', 'CUSTODIAN_PUBLIC_KEY', 'TWILIO_AUTH_TOKEN', 'HOST', 'PORT', 'HOTLINE_ALLOW_PUBLIC_DEV'])
    delete clean[k]
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), join(import.meta.dirname, '../src/node.ts')],
    {
      cwd: join(import.meta.dirname, '..'),
      env: { ...clean, HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db'), ...env },
    },
  )
  let out = ''
  // Never leave a server behind, even if it neither exits nor prints what we wait for.
  const stop = setTimeout(() => child.kill('SIGTERM'), 45_000)
  return new Promise((resolve) => {
    const seen = (chunk: Buffer) => {
      out += chunk.toString()
      if (until?.test(out)) child.kill('SIGTERM')
    }
    child.stdout.on('data', seen)
    child.stderr.on('data', seen)
    child.on('exit', (code) => {
      clearTimeout(stop)
      resolve({ code, out })
    })
  })
}
