/**
 * Console test helpers: a runtime, cases inserted directly
 * (with an original and an identity that must never come back), staff with an enrolled TOTP
 * secret, and sign-in through the real pages.
 */
import { stmt } from '../../src/store/port.js'
import { addStaff, issueApiToken, parseScope, type Role } from '../../src/staff/accounts.js'
import { issueEnrolCode } from '../../src/staff/admin.js'
import { ensureOrganisation } from '../../src/partners/organisations.js'
import { newTotpSecret, totpCode } from '../../src/staff/totp.js'
import { formatReceipt } from '../../src/privacy/crypto.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

export const ORIGINAL = 'ORIGINAL-UNREDACTED Juana Pérez +52 477 123 4567'
export const IDENTITY_NAME = 'Juana Pérez'
export const PASSWORD = 'correct horse battery staple'

/** The test runtime for console tests. */
export async function consoleRuntime(): Promise<TestRuntime> {
  return makeRuntime({ remoteAddress: '198.51.100.9' })
}

export interface TestCase {
  id: string
  reference: string
  receipt: string
}

let n = 0

/** Insert a case directly (redacted text differs from the original, which is encrypted). */
export async function insertCase(
  rt: TestRuntime,
  o: Partial<{
    country: string
    sector: string | null
    employer: string
    facility: string
    rights: string[]
    commitments: string[]
    assignedTo: string | null
    filedBy: string | null
    channel: string
    priority: string
    createdAt: number
  }> = {},
): Promise<TestCase> {
  const { crypto } = rt.deps
  const id = crypto.randomToken(16)
  const reference = `HL-TEST-${String(++n).padStart(4, '0')}`
  const receipt = formatReceipt(crypto.newReceipt())
  const now = o.createdAt ?? rt.clock.now()
  await rt.deps.sql.batch([
    stmt(
      `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, sector, employer, facility,
        description_redacted, original_enc, identity_sealed, rights, commitments, status, priority, assigned_to,
        filed_by, created_at, updated_at, ack_due_at)
       VALUES (?, ?, ?, ?, 'es', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)`,
      id,
      reference,
      crypto.hashReceipt(receipt),
      o.channel ?? 'web',
      o.country ?? 'MX',
      o.sector === undefined ? 'auto_parts' : o.sector,
      o.employer ?? 'Autopartes del Bajío SA de CV',
      o.facility ?? 'Planta 2',
      'Despidieron a [NAME-1] por apoyar al sindicato. Llamen al [PHONE-1].',
      crypto.encrypt(ORIGINAL, `case:${id}`),
      crypto.sealIdentity({ name: IDENTITY_NAME, phone: '+524771234567' }),
      JSON.stringify(o.rights ?? ['freedom_of_association']),
      JSON.stringify(o.commitments ?? ['usmca.23.3.1.a', 'usmca.31a.dor']),
      o.priority ?? 'normal',
      o.assignedTo ?? null,
      o.filedBy ?? null,
      now,
      now,
      now + 7 * 86_400_000,
    ),
  ])
  return { id, reference, receipt }
}

export interface TestStaff {
  id: string
  email: string
  role: Role
  secret: string
  token: string
}

/** A staff account with password PASSWORD, an enrolled TOTP secret and an API token. */
export async function makeStaff(
  rt: TestRuntime,
  role: Role,
  email: string,
  opts: { scopes?: string[]; exclude?: string[]; org?: string } = {},
): Promise<TestStaff> {
  const org = opts.org ? (await ensureOrganisation(rt.deps, null, { name: opts.org })).org.id : undefined
  const id = await addStaff(rt.deps, {
    email,
    role,
    password: PASSWORD,
    ...(org ? { orgId: org } : {}),
    scopes: (opts.scopes ?? []).map(parseScope),
    excludedEmployers: opts.exclude ?? [],
  })
  const secret = newTotpSecret(rt.deps.crypto.randomBytes(20))
  await rt.deps.sql.run(
    'UPDATE staff SET totp_secret_enc = ? WHERE id = ?',
    rt.deps.crypto.encrypt(secret, `totp:${id}`),
    id,
  )
  return { id, email, role, secret, token: await issueApiToken(rt.deps, id, 'test') }
}

/**
 * A new account with password PASSWORD, not enrolled yet, and the one-time enrolment code its
 * administrator would hand over (as `staff add` prints it).
 */
export async function newStaff(
  rt: TestRuntime,
  role: Role,
  email: string,
  scopes: string[] = [],
): Promise<{ id: string; email: string; enrolCode: string }> {
  const id = await addStaff(rt.deps, { email, role, password: PASSWORD, scopes: scopes.map(parseScope) })
  return { id, email, enrolCode: await issueEnrolCode(rt.deps, null, id) }
}

/** Cookies from a response's Set-Cookie headers, as name → value. */
export function cookies(res: Response): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';')
    const i = pair!.indexOf('=')
    out[pair!.slice(0, i)] = pair!.slice(i + 1)
  }
  return out
}

export const form = (o: Record<string, string | string[]>) => {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(o)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p
}

export interface Session {
  cookie: string
  csrf: string
}

/** Sign in through /console/login and /console/totp; returns the session cookie and CSRF token. */
export async function login(rt: TestRuntime, s: TestStaff): Promise<Session> {
  const r1 = await rt.app.request('/console/login', {
    method: 'POST',
    body: form({ email: s.email, password: PASSWORD }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  if (r1.status !== 303) throw new Error(`login answered ${r1.status}`)
  const pending = cookies(r1).hl_pending!
  const r2 = await rt.app.request('/console/totp', {
    method: 'POST',
    body: form({ code: totpCode(s.secret, rt.clock.now()) }),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `hl_pending=${pending}`,
    },
  })
  if (r2.status !== 303) throw new Error(`totp answered ${r2.status}`)
  const cookie = `hl_staff=${cookies(r2).hl_staff}`
  const page = await rt.app.request(
    s.role === 'custodian' ? '/console/custodian' : '/console/queue',
    { headers: { cookie } },
  )
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1]
  if (!csrf) throw new Error('no CSRF token on the page')
  return { cookie, csrf }
}

/** POST a console form with the session and its CSRF token. */
export function postForm(
  rt: TestRuntime,
  path: string,
  session: Session,
  body: Record<string, string | string[]>,
  csrf = true,
) {
  return rt.app.request(path, {
    method: 'POST',
    body: form({ ...(csrf ? { _csrf: session.csrf } : {}), ...body }),
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: session.cookie },
  })
}

/** A staff API call with a bearer token. */
export function api(rt: TestRuntime, method: string, path: string, token: string, body?: unknown) {
  return rt.app.request(path, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
}
