/**
 * Staff sign-in: password + TOTP, enrolment with an inline-SVG QR code, growing delays, one
 * message for every failure, no code replay, cookie flags, logout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { addStaff } from '../../src/staff/accounts.js'
import { loginDelayMs, sealPending, STAFF_LOGIN_FAILURES } from '../../src/staff/auth.js'
import { newTotpSecret, totpCode } from '../../src/staff/totp.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  consoleRuntime,
  cookies,
  form,
  login,
  makeStaff,
  PASSWORD,
  type TestStaff,
} from './setup.js'

let rt: TestRuntime
let s: TestStaff
beforeEach(async () => {
  rt = await consoleRuntime()
  s = await makeStaff(rt, 'monitor', 'm@example.org', { scopes: ['right:*@MX'] })
})
afterEach(() => rt.close())

const post = (path: string, body: Record<string, string>, cookie = '') =>
  rt.app.request(path, {
    method: 'POST',
    body: form(body),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
  })

async function password(email: string, pw: string) {
  const res = await post('/console/login', { email, password: pw })
  return { res, pending: cookies(res).hl_pending }
}

describe('staff sign-in', () => {
  it('signs in with password and TOTP; sets an HttpOnly, SameSite=Strict session cookie', async () => {
    const { res, pending } = await password(s.email, PASSWORD)
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/totp')
    const r2 = await post(
      '/console/totp',
      { code: totpCode(s.secret, rt.clock.now()) },
      `hl_pending=${pending}`,
    )
    expect(r2.status).toBe(303)
    expect(r2.headers.get('location')).toBe('/console/queue')
    const line = r2.headers.getSetCookie().find((l) => l.startsWith('hl_staff='))!
    expect(line).toMatch(/HttpOnly/)
    expect(line).toMatch(/SameSite=Strict/)
    expect(line).toMatch(/Max-Age=28800/)
    const audit = await rt.deps.sql.all<{ action: string }>(
      'SELECT action FROM audit_log ORDER BY seq',
    )
    expect(audit.map((a) => a.action)).toContain('login')
  })

  it('answers the same for an unknown e-mail, a wrong password and a wrong code', async () => {
    const t = (await password('nobody@example.org', PASSWORD)).res
    const w = (await password(s.email, 'wrong')).res
    expect(t.status).toBe(401)
    expect(w.status).toBe(401)
    const msg = (h: string) => /<p class="error" role="alert">([^<]+)<\/p>/.exec(h)?.[1]
    const m1 = msg(await t.text())
    expect(m1).toBeTruthy()
    expect(msg(await w.text())).toBe(m1)
    const { pending } = await password(s.email, PASSWORD)
    const bad = await post('/console/totp', { code: '000000' }, `hl_pending=${pending}`)
    expect(bad.status).toBe(401)
    expect(msg(await bad.text())).toBe(m1)
  })

  it('locks the account for a growing delay after repeated failures', async () => {
    expect([1, 2, 3, 4, 5, 20].map(loginDelayMs)).toEqual([0, 0, 2000, 4000, 8000, 900_000])
    for (let i = 0; i < 3; i++) expect((await password(s.email, 'wrong')).res.status).toBe(401)
    // locked for 2 s: even the right password is refused
    expect((await password(s.email, PASSWORD)).res.status).toBe(401)
    rt.clock.advance(2_001)
    expect((await password(s.email, PASSWORD)).res.status).toBe(303)
  })

  it('answers a locked account like an unknown e-mail: same argon2id work, counted', async () => {
    const failures = async () =>
      (
        await rt.deps.sql.get<{ count: number }>(
          'SELECT count FROM rate_limits WHERE key = ?',
          rt.deps.crypto.blindIndex(
            'ratelimit',
            `${STAFF_LOGIN_FAILURES.bucket}\u0000198.51.100.9`,
          ),
        )
      )?.count ?? 0
    for (let i = 0; i < 3; i++) expect((await password(s.email, 'wrong')).res.status).toBe(401)
    const verify = vi.spyOn(rt.deps.crypto, 'verifyPassword')
    const before = await failures()
    const locked = await password(s.email, PASSWORD)
    const unknown = await password('nobody@example.org', PASSWORD)
    expect(locked.res.status).toBe(401)
    expect(unknown.res.status).toBe(401)
    expect(await locked.res.text()).toBe(await unknown.res.text())
    // one argon2id verification each, and each counted against the source
    expect(verify).toHaveBeenCalledTimes(2)
    expect(await failures()).toBe(before + 2)
    verify.mockRestore()
  })

  it('refuses a session write with a CSRF token of the right length but wrong', async () => {
    const session = await login(rt, s)
    const forged = session.csrf.slice(0, -1) + (session.csrf.endsWith('A') ? 'B' : 'A')
    const res = await post('/console/logout', { _csrf: forged }, session.cookie)
    expect(res.status).toBe(403)
    const ok = await post('/console/logout', { _csrf: session.csrf }, session.cookie)
    expect(ok.status).toBe(303)
  })

  it('never replaces an enrolled TOTP secret, even with two enrolments in flight', async () => {
    await addStaff(rt.deps, { email: 'new@example.org', role: 'monitor', password: PASSWORD })
    const first = (await password('new@example.org', PASSWORD)).pending
    const second = (await password('new@example.org', PASSWORD)).pending
    const secretOf = async (pending: string | undefined) => {
      const html = await (
        await rt.app.request('/console/totp', { headers: { cookie: `hl_pending=${pending}` } })
      ).text()
      return /id="totp-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '')
    }
    const [a, b] = [await secretOf(first), await secretOf(second)]
    expect(a).not.toBe(b)
    const ok = await post(
      '/console/totp',
      { code: totpCode(a, rt.clock.now()) },
      `hl_pending=${first}`,
    )
    expect(ok.status).toBe(303)
    const stored = async () =>
      Buffer.from(
        (await rt.deps.sql.get<{ totp_secret_enc: Uint8Array }>(
          "SELECT totp_secret_enc FROM staff WHERE email = 'new@example.org'",
        ))!.totp_secret_enc,
      ).toString('hex')
    const enrolled = await stored()
    rt.clock.advance(30_000)
    const late = await post(
      '/console/totp',
      { code: totpCode(b, rt.clock.now()) },
      `hl_pending=${second}`,
    )
    expect(late.status).toBe(401)
    expect(await stored()).toBe(enrolled)
    // A forged-looking but valid pending state for an enrolled account changes nothing either.
    const c = newTotpSecret(rt.deps.crypto.randomBytes(20))
    const cookie = sealPending(rt.deps, { id: s.id, exp: rt.clock.now() + 60_000, enrol: c })
    rt.clock.advance(30_000)
    const replace = await post(
      '/console/totp',
      { code: totpCode(c, rt.clock.now()) },
      `hl_pending=${cookie}`,
    )
    expect(replace.status).toBe(401)
    rt.clock.advance(30_000)
    expect(
      (
        await post(
          '/console/totp',
          { code: totpCode(s.secret, rt.clock.now()) },
          `hl_pending=${sealPending(rt.deps, { id: s.id, exp: rt.clock.now() + 60_000 })}`,
        )
      ).status,
    ).toBe(303)
  })

  it('accepts a TOTP code once (no replay) and refuses a forged pending cookie', async () => {
    await login(rt, s)
    const { pending } = await password(s.email, PASSWORD)
    const replay = await post(
      '/console/totp',
      { code: totpCode(s.secret, rt.clock.now()) },
      `hl_pending=${pending}`,
    )
    expect(replay.status).toBe(401)
    const forged = await post('/console/totp', { code: '123456' }, 'hl_pending=AAAA')
    expect(forged.status).toBe(303)
    expect(forged.headers.get('location')).toBe('/console/login')
  })

  it('enrols TOTP on first sign-in: QR code as inline SVG and the secret as text', async () => {
    await addStaff(rt.deps, { email: 'new@example.org', role: 'monitor', password: PASSWORD })
    const { pending } = await password('new@example.org', PASSWORD)
    const page = await rt.app.request('/console/totp', {
      headers: { cookie: `hl_pending=${pending}` },
    })
    const html = await page.text()
    expect(html).toContain('<svg')
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const row = await rt.deps.sql.get<{ totp_secret_enc: unknown }>(
      "SELECT totp_secret_enc FROM staff WHERE email = 'new@example.org'",
    )
    expect(row?.totp_secret_enc).toBeNull()
    const ok = await post(
      '/console/totp',
      { code: totpCode(secret, rt.clock.now()) },
      `hl_pending=${pending}`,
    )
    expect(ok.status).toBe(303)
    const after = await rt.deps.sql.get<{ totp_secret_enc: Uint8Array }>(
      "SELECT totp_secret_enc FROM staff WHERE email = 'new@example.org'",
    )
    expect(Buffer.from(after!.totp_secret_enc).toString()).not.toContain(secret)
  })

  it('expires sessions after 8 hours and ends them on logout', async () => {
    const session = await login(rt, s)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(200)
    const out = await post('/console/logout', { _csrf: session.csrf }, session.cookie)
    expect(out.status).toBe(303)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(303)
    rt.clock.advance(30_000)
    const again = await login(rt, s)
    rt.clock.advance(8 * 3_600_000 + 1)
    expect(
      (await rt.app.request('/api/v1/cases', { headers: { cookie: again.cookie } })).status,
    ).toBe(401)
  })

  it('translates the console (es, fr) and remembers the choice', async () => {
    const es = await rt.app.request('/console/login?lang=es')
    expect(await es.text()).toContain('Acceso del personal')
    const fr = await rt.app.request('/console/login', {
      headers: { 'accept-language': 'fr-CI,fr;q=0.9' },
    })
    expect(await fr.text()).toContain('Connexion du personnel')
  })
})
