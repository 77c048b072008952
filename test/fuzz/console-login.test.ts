/**
 * Fuzz: the staff sign-in (POST /console/login, then /console/totp) with random and malformed
 * bodies, e-mails and passwords (the real account's among them), random codes, and real, forged
 * and missing pending cookies. See harness.ts for what every request is checked for.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addStaff } from '../../src/staff/accounts.js'
import { anyText, fieldsOf, formBody, headerText, postInit, source, visitorHeaders } from './arbitraries.js'
import { assertSent, expectAllSent, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'

const EMAIL = 'monitor@fuzz.example'
const PASSWORD = 'correct horse battery staple'

/**
 * What a refused sign-in writes, and why: each failed try counts against its source, its
 * (account, source) pair and its account (the limits on guessing), and every failure is audited
 * (the audit row and the chain's head move together).
 */
const SIGN_IN = {
  rate_limits: 'failed sign-ins count per source, per (account, source) and per account: the count is the refusal',
  audit_log: 'every failed sign-in is audited (login_failed)',
  audit_head: 'the audit chain head moves with every audit row',
}

const PAGE = { refusal: 'page', refusalWrites: SIGN_IN } as const

/**
 * Every password check costs argon2id (~100 ms), so sign-ins come from one address: after its 30
 * failures it is limited, and later tries are refused before any hashing.
 */
const LOGIN_SOURCE = '203.0.113.9'

describe('fuzz: staff sign-in', () => {
  let fuzz: Fuzz
  let pending: string
  beforeAll(async () => {
    fuzz = await startFuzz()
    await addStaff(fuzz.rt.deps, { email: EMAIL, role: 'monitor', password: PASSWORD })
    // A real pending sign-in (password accepted, code not yet given), for the code step.
    const res = await fuzz.rt.app.request('/console/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-fuzz-source': '192.0.2.1' },
      body: new URLSearchParams({ email: EMAIL, password: PASSWORD }).toString(),
    })
    expect(res.status).toBe(303)
    pending = /hl_pending=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!
  })
  afterAll(() => {
    console.log(fuzz.summary('staff sign-in'))
    fuzz.close()
  })

  const p1: Property = 'console.login'
  it('POST /console/login', { timeout: timeoutFor(p1) }, async () => {
    const fields = fieldsOf({
      email: fc.oneof(
        fc.constantFrom(EMAIL, ` ${EMAIL.toUpperCase()} `, 'nobody@fuzz.example'),
        fc.emailAddress(),
        anyText,
      ),
      password: fc.oneof(fc.constantFrom(PASSWORD, `${PASSWORD} `, ''), anyText),
      _csrf: anyText,
    })
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(formBody(fields, 256 * 1024), visitorHeaders, async (raw, headers) => {
        await fuzz.send(p1, '/console/login', postInit(raw, headers, LOGIN_SOURCE), PAGE)
      }),
    )
  })

  const p2: Property = 'console.totp'
  it('POST /console/totp, with a real, forged or missing pending cookie', { timeout: timeoutFor(p2) }, async () => {
    const cookie = fc.oneof(
      { weight: 3, arbitrary: fc.constant(`hl_pending=${pending}`) },
      { weight: 1, arbitrary: headerText.map((v) => `hl_pending=${v}`) },
      { weight: 1, arbitrary: fc.constantFrom('', 'hl_staff=x', `hl_pending=${pending.slice(0, -2)}`) },
    )
    const fields = fieldsOf({ code: fc.oneof(fc.stringMatching(/^\d{6}$/), anyText) })
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(formBody(fields, 256 * 1024), cookie, source, async (raw, c, from) => {
        await fuzz.send(p2, '/console/totp', postInit(raw, { cookie: c }, from), PAGE)
      }),
    )
  })

  it('sent every generated request and still answers /health', async () => {
    await fuzz.health()
    expectAllSent(fuzz, [p1, p2])
  })
})
