/**
 * Taking access away (finding 9): the admin's staff page and the CLI list accounts and tokens
 * without secrets, disable an account (no sign-in, sessions ended, tokens revoked) and enable it,
 * revoke one token by its id, reset a TOTP (sessions ended, a new one-time enrolment code); each
 * change is audited. `staff add` names a duplicate e-mail instead of a raw constraint error.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verify } from '../../src/audit/verify.js'
import { apiTokenId, issueApiToken } from '../../src/staff/accounts.js'
import { totpCode } from '../../src/staff/totp.js'
import { cli as runCli } from '../helpers/cli.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  api,
  consoleRuntime,
  cookies,
  form,
  login,
  makeStaff,
  PASSWORD,
  postForm,
  type Session,
  type TestStaff,
} from './setup.js'

let rt: TestRuntime
let admin: TestStaff
let monitor: TestStaff
let adminSession: Session
beforeEach(async () => {
  rt = await consoleRuntime()
  admin = await makeStaff(rt, 'admin', 'admin@example.org')
  monitor = await makeStaff(rt, 'monitor', 'm@example.org', {
    scopes: ['right:wages@MX/agriculture'],
    exclude: ['Acme'],
  })
  adminSession = await login(rt, admin)
})
afterEach(() => rt.close())

const cli = (args: string[]) => runCli(args, { dir: rt.dir })

const audit = async (action: string) =>
  (
    await rt.deps.sql.all<{ actor_id: string | null; data: string }>(
      'SELECT actor_id, data FROM audit_log WHERE action = ? ORDER BY seq',
      action,
    )
  ).map((r) => ({ actor: r.actor_id, ...(JSON.parse(r.data) as Record<string, unknown>) }))

const signInStatus = async () =>
  (
    await rt.app.request('/console/login', {
      method: 'POST',
      body: form({ email: monitor.email, password: PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
  ).status

const staffPage = async () =>
  (await rt.app.request('/console/staff', { headers: { cookie: adminSession.cookie } })).text()

describe('the admin staff page', () => {
  it('lists accounts and tokens without secrets', async () => {
    const html = await staffPage()
    expect(html).toContain('m@example.org')
    expect(html).toContain('right:wages@MX/agriculture')
    expect(html).toContain('excluded employers: 1')
    expect(html).toContain(apiTokenId(rt.deps, monitor.token))
    expect(html).not.toContain(monitor.token)
    expect(html).not.toContain(rt.deps.crypto.blindIndex('token', monitor.token))
    expect(html).not.toMatch(/\$argon2id\$/)
    expect(html).toContain('href="/console/staff"')
  })

  it('disables an account: sessions end, tokens stop, sign-in fails; enabling lets it sign in again', async () => {
    const session = await login(rt, monitor)
    const res = await postForm(rt, `/console/staff/${monitor.id}/disable`, adminSession, {})
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/console/staff?done=disabled')
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(303)
    expect((await api(rt, 'GET', '/api/v1/cases', monitor.token)).status).toBe(401)
    expect(await signInStatus()).toBe(401)
    const sessions = await rt.deps.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM staff_sessions WHERE staff_id = ?',
      monitor.id,
    )
    expect(sessions?.n).toBe(0)
    expect(await audit('staff_disabled')).toEqual([{ actor: admin.id, staffId: monitor.id }])
    // A second disable changes nothing and writes nothing.
    await postForm(rt, `/console/staff/${monitor.id}/disable`, adminSession, {})
    expect(await audit('staff_disabled')).toHaveLength(1)

    const on = await postForm(rt, `/console/staff/${monitor.id}/enable`, adminSession, {})
    expect(on.status).toBe(303)
    expect(await signInStatus()).toBe(303)
    expect((await api(rt, 'GET', '/api/v1/cases', monitor.token)).status).toBe(401)
    expect(await audit('staff_enabled')).toEqual([{ actor: admin.id, staffId: monitor.id }])
    expect(await verify(rt.deps)).toMatchObject({ ok: true })
  })

  it('revokes one token by its id, leaving the others', async () => {
    const other = await issueApiToken(rt.deps, monitor.id, 'second')
    const id = apiTokenId(rt.deps, monitor.token)
    const res = await postForm(rt, `/console/staff/tokens/${id}/revoke`, adminSession, {})
    expect(res.status).toBe(303)
    expect((await api(rt, 'GET', '/api/v1/cases', monitor.token)).status).toBe(401)
    expect((await api(rt, 'GET', '/api/v1/cases', other)).status).toBe(200)
    expect(await audit('token_revoked')).toEqual([
      { actor: admin.id, tokenId: id, staffId: monitor.id },
    ])
    const unknown = await postForm(rt, '/console/staff/tokens/0123456789abcdef/revoke', adminSession, {})
    expect(unknown.status).toBe(404)
  })

  it('resets a TOTP: shows a new enrolment code once, ends the sessions, and the code enrols', async () => {
    const session = await login(rt, monitor)
    const res = await postForm(rt, `/console/staff/${monitor.id}/totp-reset`, adminSession, {})
    expect(res.status).toBe(200)
    const html = await res.text()
    const code = /id="enrol-code">[\s\S]*?<p class="secret">([A-Z2-7-]+)<\/p>/.exec(html)?.[1]
    expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/)
    expect(await staffPage()).not.toContain(code!)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(303)
    expect(await audit('totp_reset')).toEqual([{ actor: admin.id, staffId: monitor.id }])
    // The old authenticator no longer signs in; the new code enrols a new one.
    const r1 = await rt.app.request('/console/login', {
      method: 'POST',
      body: form({ email: monitor.email, password: PASSWORD }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    const pending = `hl_pending=${cookies(r1).hl_pending}`
    const page = await (await rt.app.request('/console/totp', { headers: { cookie: pending } })).text()
    expect(page).toContain('name="enrol_code"')
    const secret = /id="totp-secret">([A-Z2-7 ]+)</.exec(page)![1]!.replace(/ /g, '')
    rt.clock.advance(30_000)
    const enrolled = await rt.app.request('/console/totp', {
      method: 'POST',
      body: form({ enrol_code: code!, code: totpCode(secret, rt.clock.now()) }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pending },
    })
    expect(enrolled.status).toBe(303)
  })

  it('refuses to disable or reset the admin’s own account, and other roles get 403', async () => {
    const self = await postForm(rt, `/console/staff/${admin.id}/disable`, adminSession, {})
    expect(self.headers.get('location')).toBe('/console/staff?error=self')
    const reset = await postForm(rt, `/console/staff/${admin.id}/totp-reset`, adminSession, {})
    expect(reset.headers.get('location')).toBe('/console/staff?error=self')
    expect(await staffPage()).toBeTruthy()
    const ms = await login(rt, monitor)
    expect((await postForm(rt, `/console/staff/${admin.id}/disable`, ms, {})).status).toBe(403)
    expect(await audit('staff_disabled')).toEqual([])
  })
})

describe('npm run hotline -- staff …', () => {
  it('lists, disables, enables, lists and revokes tokens, resets TOTP, refuses a duplicate e-mail', async () => {
    const list = await cli(['staff', 'list'])
    expect(list.code, list.out).toBe(0)
    const line = list.out.split('\n').find((l) => l.startsWith('m@example.org'))!
    expect(line).toMatch(/monitor\s+right:wages@MX\/agriculture \(1 excluded employer\(s\)\)\s+active\s+enrolled\s+1$/)
    expect(list.out).not.toContain(monitor.token)

    const dup = await cli(['staff', 'add', '--role', 'monitor', '--email', 'M@example.org'])
    expect(dup.code).toBe(1)
    expect(dup.out).toMatch(/a staff account with the e-mail m@example\.org already exists: nothing added/)
    expect(dup.out).not.toMatch(/UNIQUE constraint/)

    const added = await cli(['staff', 'add', '--role', 'ngo', '--email', 'ngo@example.org', '--org', 'Example NGO'])
    expect(added.code, added.out).toBe(0)
    expect(added.out).toMatch(/one-time TOTP enrolment code, valid 7 days \(shown once\): [A-Z2-7]{4}(-[A-Z2-7]{4}){3}/)

    const tokens = await cli(['staff', 'token', 'list', '--email', monitor.email])
    const id = apiTokenId(rt.deps, monitor.token)
    expect(tokens.out).toContain(id)
    expect(tokens.out).not.toContain(monitor.token)
    expect((await cli(['staff', 'token', 'revoke', '--id', id])).out).toContain(`token ${id} revoked`)
    expect((await api(rt, 'GET', '/api/v1/cases', monitor.token)).status).toBe(401)
    const nope = await cli(['staff', 'token', 'revoke', '--id', 'ffffffffffffffff'])
    expect(nope.code).toBe(1)
    expect(nope.out).toMatch(/no API token with id/)

    const session = await login(rt, monitor)
    const off = await cli(['staff', 'disable', '--email', monitor.email])
    expect(off.code, off.out).toBe(0)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: session.cookie } })).status,
    ).toBe(303)
    expect(await signInStatus()).toBe(401)
    expect((await cli(['staff', 'list'])).out).toMatch(/^m@example\.org .*disabled/m)
    expect((await cli(['staff', 'enable', '--email', monitor.email])).code).toBe(0)
    expect(await signInStatus()).toBe(303)

    rt.clock.advance(30_000)
    const again = await login(rt, monitor)
    const reset = await cli(['staff', 'totp', 'reset', '--email', monitor.email])
    expect(reset.code, reset.out).toBe(0)
    expect(reset.out).toMatch(/enrolment code, valid 7 days \(shown once\): [A-Z2-7]{4}(-[A-Z2-7]{4}){3}/)
    expect(
      (await rt.app.request('/console/queue', { headers: { cookie: again.cookie } })).status,
    ).toBe(303)
    expect((await cli(['staff', 'list'])).out).toMatch(/^m@example\.org .*active\s+code issued\s+0$/m)

    const missing = await cli(['staff', 'disable', '--email', 'nobody@example.org'])
    expect(missing.code).toBe(1)
    expect(missing.out).toMatch(/no staff account nobody@example\.org/)

    const actions = (await rt.deps.sql.all<{ action: string; actor_id: string | null }>(
      `SELECT action, actor_id FROM audit_log WHERE action IN
        ('staff_disabled', 'staff_enabled', 'token_revoked', 'totp_reset') ORDER BY seq`,
    ))
    expect(actions).toEqual([
      { action: 'token_revoked', actor_id: null },
      { action: 'staff_disabled', actor_id: null },
      { action: 'staff_enabled', actor_id: null },
      { action: 'totp_reset', actor_id: null },
    ])
    expect(await verify(rt.deps)).toMatchObject({ ok: true })
  }, 120_000)
})
