/**
 * Staff sign-in: password + TOTP, enrolment only with a one-time enrolment code (inline-SVG QR
 * code), throttling by (account, source) with a per-account ceiling, one message for every
 * failure, no code replay, cookie flags, logout.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hit } from '../../src/privacy/rate-limit.js'
import { resetTotp } from '../../src/staff/admin.js'
import {
  accountLimit,
  ACCOUNT_SOURCE,
  sealPending,
  STAFF_LOGIN_ACCOUNT,
  STAFF_LOGIN_FAILURES,
  STAFF_LOGIN_PAIR,
} from '../../src/staff/auth.js'
import { newTotpSecret, totpCode } from '../../src/staff/totp.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  consoleRuntime,
  cookies,
  form,
  login,
  makeStaff,
  newStaff,
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

/** Requests from now on come from this client address. */
const from = (address: string) => {
  rt.deps.remoteAddress = () => address
}

const alertOf = (html: string) => /<p class="error" role="alert">([^<]+)<\/p>/.exec(html)?.[1]

/** The secret shown on the enrolment page of a pending sign-in. */
async function enrolSecret(pending: string | undefined) {
  const html = await (
    await rt.app.request('/console/totp', { headers: { cookie: `hl_pending=${pending}` } })
  ).text()
  return /id="totp-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '')
}

const storedSecret = async (email: string) =>
  (
    await rt.deps.sql.get<{ totp_secret_enc: Uint8Array | null }>(
      'SELECT totp_secret_enc FROM staff WHERE email = ?',
      email,
    )
  )?.totp_secret_enc ?? null

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

  it('answers a throttled account like an unknown e-mail: same argon2id work, counted', async () => {
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
    for (let i = 0; i < STAFF_LOGIN_PAIR.max; i++)
      expect((await password(s.email, 'wrong')).res.status).toBe(401)
    const verify = vi.spyOn(rt.deps.crypto, 'verifyPassword')
    const before = await failures()
    const throttled = await password(s.email, PASSWORD)
    const unknown = await password('nobody@example.org', PASSWORD)
    expect(throttled.res.status).toBe(401)
    expect(unknown.res.status).toBe(401)
    expect(await throttled.res.text()).toBe(await unknown.res.text())
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
    const n = await newStaff(rt, 'monitor', 'new@example.org')
    const first = (await password(n.email, PASSWORD)).pending
    const second = (await password(n.email, PASSWORD)).pending
    const [a, b] = [await enrolSecret(first), await enrolSecret(second)]
    expect(a).not.toBe(b)
    const ok = await post(
      '/console/totp',
      { enrol_code: n.enrolCode, code: totpCode(a, rt.clock.now()) },
      `hl_pending=${first}`,
    )
    expect(ok.status).toBe(303)
    const hex = async () => Buffer.from((await storedSecret(n.email))!).toString('hex')
    const enrolled = await hex()
    rt.clock.advance(30_000)
    const late = await post(
      '/console/totp',
      { enrol_code: n.enrolCode, code: totpCode(b, rt.clock.now()) },
      `hl_pending=${second}`,
    )
    expect(late.status).toBe(401)
    expect(await hex()).toBe(enrolled)
    // A forged-looking but valid pending state for an enrolled account changes nothing either.
    const c = newTotpSecret(rt.deps.crypto.randomBytes(20))
    const cookie = sealPending(rt.deps, { id: s.id, exp: rt.clock.now() + 60_000, enrol: c })
    rt.clock.advance(30_000)
    const replace = await post(
      '/console/totp',
      { enrol_code: n.enrolCode, code: totpCode(c, rt.clock.now()) },
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

  it('enrols TOTP on first sign-in with the one-time code: QR code as inline SVG, the secret as text', async () => {
    const n = await newStaff(rt, 'monitor', 'new@example.org')
    expect(n.enrolCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/)
    const { pending } = await password(n.email, PASSWORD)
    const page = await rt.app.request('/console/totp', {
      headers: { cookie: `hl_pending=${pending}` },
    })
    const html = await page.text()
    expect(html).toContain('<svg')
    expect(html).toContain('name="enrol_code"')
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(html)![1]!.replace(/ /g, '')
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    expect(await storedSecret(n.email)).toBeNull()
    // Typed as people type it: lower case, spaces instead of dashes.
    const typed = n.enrolCode.toLowerCase().replace(/-/g, ' ')
    const ok = await post(
      '/console/totp',
      { enrol_code: typed, code: totpCode(secret, rt.clock.now()) },
      `hl_pending=${pending}`,
    )
    expect(ok.status).toBe(303)
    const after = await storedSecret(n.email)
    expect(Buffer.from(after!).toString()).not.toContain(secret)
    // The code is spent: only its keyed hash was ever stored, and now not even that.
    const row = await rt.deps.sql.get<{ enrol_code_hash: string | null }>(
      'SELECT enrol_code_hash FROM staff WHERE id = ?',
      n.id,
    )
    expect(row?.enrol_code_hash).toBeNull()
    expect(rt.writtenBytes().toString('latin1')).not.toContain(n.enrolCode)
  })

  it('refuses to enrol without a valid enrolment code, with a translated message, storing nothing', async () => {
    const n = await newStaff(rt, 'monitor', 'new@example.org')
    const noCode = await newStaff(rt, 'monitor', 'nocode@example.org')
    await rt.deps.sql.run(
      'UPDATE staff SET enrol_code_hash = NULL, enrol_expires_at = NULL WHERE id = ?',
      noCode.id,
    )
    const tryEnrol = async (email: string, enrolCode: string, lang = 'en') => {
      const { pending } = await password(email, PASSWORD)
      const secret = await enrolSecret(pending)
      rt.clock.advance(30_000)
      const res = await post(
        `/console/totp?lang=${lang}`,
        { enrol_code: enrolCode, code: totpCode(secret, rt.clock.now()) },
        `hl_pending=${pending}`,
      )
      return { status: res.status, alert: alertOf(await res.text()) }
    }
    const wrong = await tryEnrol(n.email, 'AAAA-BBBB-CCCC-DDDD')
    expect(wrong.status).toBe(401)
    expect(wrong.alert).toMatch(/enrolment code is wrong, already used or expired/)
    expect((await tryEnrol(n.email, '')).status).toBe(401)
    expect((await tryEnrol(n.email, n.enrolCode.slice(0, -1))).status).toBe(401)
    // Another account's code does not work either.
    expect((await tryEnrol(noCode.email, n.enrolCode)).alert).toBe(wrong.alert)
    const es = await tryEnrol(n.email, 'nope', 'es')
    expect(es.alert).toMatch(/código de activación no es correcto/)
    expect(await storedSecret(n.email)).toBeNull()
    expect(await storedSecret(noCode.email)).toBeNull()
    // Expired after 7 days.
    rt.clock.advance(7 * 86_400_000)
    expect((await tryEnrol(n.email, n.enrolCode)).alert).toBe(wrong.alert)
    expect(await storedSecret(n.email)).toBeNull()
  })

  it('a TOTP reset ends sessions and needs the new code; the old code stays spent', async () => {
    const n = await newStaff(rt, 'monitor', 'new@example.org')
    const enrol = async (code: string) => {
      const { pending } = await password(n.email, PASSWORD)
      const secret = await enrolSecret(pending)
      rt.clock.advance(30_000)
      const res = await post(
        '/console/totp',
        { enrol_code: code, code: totpCode(secret, rt.clock.now()) },
        `hl_pending=${pending}`,
      )
      return { res, secret }
    }
    const first = await enrol(n.enrolCode)
    expect(first.res.status).toBe(303)
    const session = `hl_staff=${cookies(first.res).hl_staff}`
    expect((await rt.app.request('/console/queue', { headers: { cookie: session } })).status).toBe(200)
    const fresh = await resetTotp(rt.deps, null, n.id)
    expect((await rt.app.request('/console/queue', { headers: { cookie: session } })).status).toBe(303)
    expect((await enrol(n.enrolCode)).res.status).toBe(401)
    expect((await enrol(fresh)).res.status).toBe(303)
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

describe('staff sign-in throttling (by account and source, with a per-account ceiling)', () => {
  const attacker = '203.0.113.66'
  const owner = '198.51.100.9'

  it('an attacker failing 50 times from one network cannot lock out the owner on another', async () => {
    from(attacker)
    for (let i = 0; i < 50; i++) expect((await password(s.email, 'wrong')).res.status).toBe(401)
    // The attacker's network itself is throttled: even the right password is refused there.
    expect((await password(s.email, PASSWORD)).res.status).toBe(401)
    // The owner, elsewhere, signs in at once with password and code.
    from(owner)
    const session = await login(rt, s)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(200)
    // And the attacker's pair stays throttled until its window ends.
    from(attacker)
    expect((await password(s.email, PASSWORD)).res.status).toBe(401)
    rt.clock.advance(STAFF_LOGIN_PAIR.windowMs)
    expect((await password(s.email, PASSWORD)).res.status).toBe(303)
  })

  it('wrong TOTP codes count like wrong passwords, per account and source', async () => {
    from(attacker)
    const { pending } = await password(s.email, PASSWORD)
    for (let i = 0; i < STAFF_LOGIN_PAIR.max; i++)
      expect((await post('/console/totp', { code: '000000' }, `hl_pending=${pending}`)).status).toBe(401)
    const right = await post(
      '/console/totp',
      { code: totpCode(s.secret, rt.clock.now()) },
      `hl_pending=${pending}`,
    )
    expect(right.status).toBe(401)
    from(owner)
    await login(rt, s)
  })

  it('keeps a per-account ceiling against guesses spread over many networks', async () => {
    // Stand-in for STAFF_LOGIN_ACCOUNT.max - 1 failures from other networks earlier today.
    for (let i = 1; i < STAFF_LOGIN_ACCOUNT.max; i++)
      await hit(rt.deps, accountLimit(s.id), ACCOUNT_SOURCE)
    from('192.0.2.1')
    expect((await password(s.email, 'wrong')).res.status).toBe(401)
    // The ceiling is reached: the right password from a fresh network is refused too.
    from('192.0.2.2')
    expect((await password(s.email, PASSWORD)).res.status).toBe(401)
    from(owner)
    expect((await password(s.email, PASSWORD)).res.status).toBe(401)
    // A day later the account's window has ended.
    rt.clock.advance(STAFF_LOGIN_ACCOUNT.windowMs)
    expect((await password(s.email, PASSWORD)).res.status).toBe(303)
  })

  it('one network alone never reaches the account ceiling in a day', () => {
    const perDay = STAFF_LOGIN_PAIR.max * (STAFF_LOGIN_ACCOUNT.windowMs / STAFF_LOGIN_PAIR.windowMs)
    expect(perDay).toBeLessThan(STAFF_LOGIN_ACCOUNT.max)
  })
})
