/**
 * The authorization matrix: every staff route × every role × a case inside and outside the
 * caller's scope, through the API (bearer token and session) and the console pages. No response
 * ever carries the original text or the identity.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { requestAccess } from '../../src/cases/staff-actions.js'
import type { Role } from '../../src/staff/accounts.js'
import { apiTokenId, revokeApiToken } from '../../src/staff/accounts.js'
import { ensureOrganisation } from '../../src/partners/organisations.js'
import type { TestRuntime } from '../helpers/runtime.js'
import {
  api,
  consoleRuntime,
  IDENTITY_NAME,
  insertCase,
  login,
  makeStaff,
  ORIGINAL,
  postForm,
  type Session,
  type TestCase,
  type TestStaff,
} from './setup.js'

let rt: TestRuntime
const staff = {} as Record<Role | 'excluded' | 'otherNgo', TestStaff>
const sessions = {} as Record<Role, Session>
let inCase: Record<Role, TestCase>
let outCase: Record<Role, TestCase>
const bodies: string[] = []

const ROLES: Role[] = ['admin', 'monitor', 'ngo', 'custodian']

beforeAll(async () => {
  rt = await consoleRuntime()
  staff.admin = await makeStaff(rt, 'admin', 'admin@example.org')
  staff.monitor = await makeStaff(rt, 'monitor', 'mx@example.org', {
    scopes: ['right:freedom_of_association@MX'],
  })
  staff.excluded = await makeStaff(rt, 'monitor', 'conflict@example.org', {
    scopes: ['right:*@*'],
    exclude: ['Autopartes del Bajio'],
  })
  staff.ngo = await makeStaff(rt, 'ngo', 'ngo@example.org', { org: 'Authz NGO' })
  staff.otherNgo = await makeStaff(rt, 'ngo', 'other-ngo@example.org', { org: 'Authz Other NGO' })
  staff.custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
  await ensureOrganisation(rt.deps, null, { name: 'Authz Partner' })
  const mx = await insertCase(rt, { filedBy: staff.ngo.id })
  const us = await insertCase(rt, {
    country: 'US',
    employer: 'Acme Farms LLC',
    rights: ['wages'],
    commitments: ['usmca.23.3.2.wages'],
    filedBy: staff.otherNgo.id,
    sector: 'agriculture',
  })
  const unrouted = await insertCase(rt, {
    country: 'GT',
    employer: 'Maquila X',
    rights: ['wages'],
    commitments: [],
  })
  // Consents on the NGO's case (given to its organisation) and on the other NGO's (to theirs).
  for (const [k, c, who] of [['in', mx, staff.ngo], ['out', us, staff.otherNgo]] as const) {
    for (const via of ['api', 'page']) {
      rt.db
        .prepare(
          `INSERT INTO consents (id, case_id, org_id, disclose, recipients, until_day, method, recorded_by, status, created_at)
           VALUES (?, ?, (SELECT org_id FROM staff WHERE id = ?), '["redacted"]', '["us_dol"]', '2027-12-31', 'oral', ?, 'given', 0)`,
        )
        .run(`consent-${k}-${via}`, c.id, who.id, who.id)
    }
  }
  inCase = { admin: unrouted, monitor: mx, ngo: mx, custodian: mx }
  outCase = { admin: us, monitor: us, ngo: us, custodian: us }
  for (const r of ROLES) {
    sessions[r] = await login(rt, staff[r])
  }
})
afterAll(() => rt.close())

async function record(res: Response): Promise<Response> {
  bodies.push(await res.clone().text())
  return res
}

/** Expected status per role for a case in scope / out of scope. */
const READ = {
  admin: [200, 200],
  monitor: [200, 404],
  ngo: [200, 404],
  custodian: [403, 403],
} as const
const WRITE = {
  admin: [200, 200],
  monitor: [200, 404],
  ngo: [403, 403],
  custodian: [403, 403],
} as const
const MESSAGE = {
  admin: [201, 201],
  monitor: [201, 404],
  ngo: [201, 404],
  custodian: [403, 403],
} as const
const PAGE_WRITE = {
  admin: [303, 303],
  monitor: [303, 404],
  ngo: [403, 403],
  custodian: [403, 403],
} as const
const PAGE_QUESTION = {
  admin: [303, 303],
  monitor: [303, 404],
  ngo: [303, 404],
  custodian: [403, 403],
} as const

describe.each(ROLES)('role %s', (role) => {
  const cases = () => [inCase[role], outCase[role]] as const

  it('GET /api/v1/cases lists only cases in scope (token and session)', async () => {
    const byToken = await record(
      await api(rt, 'GET', '/api/v1/cases?status=all', staff[role].token),
    )
    const bySession = await record(
      await rt.app.request('/api/v1/cases?status=all', {
        headers: { cookie: sessions[role].cookie },
      }),
    )
    for (const res of [byToken, bySession]) {
      if (role === 'custodian') {
        expect(res.status).toBe(403)
        continue
      }
      expect(res.status).toBe(200)
      const ids = ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)
      expect(ids).toContain(inCase[role].id)
      if (role === 'admin') expect(ids).toContain(outCase[role].id)
      else expect(ids).not.toContain(outCase[role].id)
    }
  })

  it('GET /api/v1/cases/:id', async () => {
    const [i, o] = cases()
    expect(
      (await record(await api(rt, 'GET', `/api/v1/cases/${i.id}`, staff[role].token))).status,
    ).toBe(READ[role][0])
    expect(
      (await record(await api(rt, 'GET', `/api/v1/cases/${o.id}`, staff[role].token))).status,
    ).toBe(READ[role][1])
  })

  it('PATCH /api/v1/cases/:id (token, and session with X-CSRF-Token)', async () => {
    const [i, o] = cases()
    expect(
      (
        await record(
          await api(rt, 'PATCH', `/api/v1/cases/${i.id}`, staff[role].token, { note: 'n' }),
        )
      ).status,
    ).toBe(WRITE[role][0])
    expect(
      (
        await record(
          await api(rt, 'PATCH', `/api/v1/cases/${o.id}`, staff[role].token, { note: 'n' }),
        )
      ).status,
    ).toBe(WRITE[role][1])
    const viaSession = (csrf?: string) =>
      rt.app.request(`/api/v1/cases/${i.id}`, {
        method: 'PATCH',
        headers: {
          cookie: sessions[role].cookie,
          'content-type': 'application/json',
          ...(csrf ? { 'x-csrf-token': csrf } : {}),
        },
        body: JSON.stringify({ note: 'via session' }),
      })
    expect((await viaSession(sessions[role].csrf)).status).toBe(WRITE[role][0])
    expect((await viaSession()).status).toBe(403)
  })

  it('POST /api/v1/cases/:id/messages', async () => {
    const [i, o] = cases()
    const post = (id: string) =>
      api(rt, 'POST', `/api/v1/cases/${id}/messages`, staff[role].token, { body: '¿Cuándo pasó?' })
    expect((await record(await post(i.id))).status).toBe(MESSAGE[role][0])
    expect((await record(await post(o.id))).status).toBe(MESSAGE[role][1])
  })

  it('GET /console/queue and /console/cases/:id', async () => {
    const [i, o] = cases()
    const get = (p: string) => rt.app.request(p, { headers: { cookie: sessions[role].cookie } })
    const queue = await record(await get('/console/queue?status=all'))
    if (role === 'custodian') expect(queue.status).toBe(403)
    else {
      const html = await queue.text()
      expect(html).toContain(i.reference)
      if (role !== 'admin') expect(html).not.toContain(o.reference)
    }
    expect((await record(await get(`/console/cases/${i.id}`))).status).toBe(READ[role][0])
    expect((await record(await get(`/console/cases/${o.id}`))).status).toBe(READ[role][1])
  })

  const ACTIONS: [string, Record<string, string>][] = [
    ['status', { status: 'triaging' }],
    ['assign', { assignTo: 'EXCLUDED' }],
    ['commitments', { commitments: 'usmca.23.3.1.a' }],
    ['note', { note: 'internal' }],
    ['merge', { into: 'HL-NOPE-0000' }],
    ['review-request', { on: '2026-11-20' }],
    ['access', { what: 'identity', reason: 'Need to contact the witness safely.' }],
    ['share', { org: 'Authz Partner' }],
    ['unshare', { org: 'Authz Partner' }],
    ['refer', { org: 'Authz Partner', disclose: 'redacted', recipients: 'us_dol', until: '2027-12-31' }],
  ]
  it.each(ACTIONS)('POST /console/cases/:id/%s', async (name, body) => {
    const [i, o] = cases()
    const b = name === 'assign' ? { assignTo: staff.excluded.id } : body
    const r1 = await record(await postForm(rt, `/console/cases/${i.id}/${name}`, sessions[role], b))
    const r2 = await record(await postForm(rt, `/console/cases/${o.id}/${name}`, sessions[role], b))
    expect(r1.status).toBe(PAGE_WRITE[role][0])
    expect(r2.status).toBe(PAGE_WRITE[role][1])
  })

  it('POST /console/cases/:id/question', async () => {
    const [i, o] = cases()
    expect(
      (
        await postForm(rt, `/console/cases/${i.id}/question`, sessions[role], {
          body: '¿Y la fecha?',
        })
      ).status,
    ).toBe(PAGE_QUESTION[role][0])
    expect(
      (
        await postForm(rt, `/console/cases/${o.id}/question`, sessions[role], {
          body: '¿Y la fecha?',
        })
      ).status,
    ).toBe(PAGE_QUESTION[role][1])
  })

  it('POST /api/v1/ngo/reports, GET and POST /console/ngo/file: ngo only', async () => {
    const report = {
      language: 'es',
      country: 'MX',
      employer: 'Autopartes del Bajío',
      description: 'Nos cambian el turno sin avisar.',
      consent: { disclose: ['redacted'], recipients: ['mx_cfcrl'], until: '2027-12-31', method: 'oral' },
    }
    const ngo = role === 'ngo'
    const filed = await record(await api(rt, 'POST', '/api/v1/ngo/reports', staff[role].token, report))
    expect(filed.status).toBe(ngo ? 201 : 403)
    const page = await record(
      await rt.app.request('/console/ngo/file', { headers: { cookie: sessions[role].cookie } }),
    )
    expect(page.status).toBe(ngo ? 200 : 403)
    const { consent, ...intake } = report
    const posted = await record(
      await postForm(rt, '/console/ngo/file', sessions[role], {
        ...intake,
        disclose: consent.disclose,
        recipients: consent.recipients,
        until: consent.until,
        method: consent.method,
      }),
    )
    expect(posted.status).toBe(ngo ? 201 : 403)
  })

  it('GET /api/v1/consents?case=REF', async () => {
    const [i, o] = cases()
    for (const [c, want] of [[i, READ[role][0]], [o, READ[role][1]]] as const) {
      const res = await record(await api(rt, 'GET', `/api/v1/consents?case=${c.reference}`, staff[role].token))
      expect(res.status, c.reference).toBe(want)
    }
  })

  it('GET /console/account and POST /console/account/notifications: every role that reads cases, for itself', async () => {
    const reader = role !== 'custodian'
    const page = await record(await rt.app.request('/console/account', { headers: { cookie: sessions[role].cookie } }))
    expect(page.status).toBe(reader ? 200 : 403)
    const posted = await record(
      await postForm(rt, '/console/account/notifications', sessions[role], { newCases: 'each', replies: 'daily', lang: 'es' }),
    )
    expect(posted.status).toBe(reader ? 303 : 403)
    // Without the CSRF token, or without a session: refused.
    expect((await postForm(rt, '/console/account/notifications', sessions[role], { newCases: 'none', replies: 'none', lang: 'en' }, false)).status).toBe(403)
    expect((await rt.app.request('/console/account')).status).toBe(303)
    // What was saved is the caller's own row, and only a reader's.
    const row = rt.db.prepare('SELECT new_cases, replies FROM staff_notify WHERE staff_id = ?').get(staff[role].id)
    expect(row).toEqual(reader ? { new_cases: 'each', replies: 'daily' } : undefined)
  })

  it('POST /api/v1/consents/:id/withdraw and /console/cases/:id/consents/:cid/withdraw: the organisation only', async () => {
    const ngo = role === 'ngo'
    const viaApi = (k: string) => api(rt, 'POST', `/api/v1/consents/consent-${k}-api/withdraw`, staff[role].token)
    expect((await record(await viaApi('in'))).status).toBe(ngo ? 200 : 403)
    expect((await record(await viaApi('out'))).status).toBe(ngo ? 404 : 403)
    const [i, o] = [inCase.ngo, outCase.ngo]
    const viaPage = (c: TestCase, k: string) =>
      postForm(rt, `/console/cases/${c.id}/consents/consent-${k}-page/withdraw`, sessions[role], {})
    expect((await record(await viaPage(i, 'in'))).status).toBe(ngo ? 303 : 403)
    expect((await record(await viaPage(o, 'out'))).status).toBe(ngo ? 404 : 403)
    const left = rt.db.prepare("SELECT id FROM consents WHERE status = 'given' AND id LIKE 'consent-%' ORDER BY id").all()
    expect(left).toEqual(
      ngo ? [{ id: 'consent-out-api' }, { id: 'consent-out-page' }] : expect.arrayContaining([{ id: 'consent-out-api' }]),
    )
  })

  it('POST /console/cases/:id/org-note: the NGO, on its cases only', async () => {
    const [i, o] = cases()
    const post = (id: string) => postForm(rt, `/console/cases/${id}/org-note`, sessions[role], { note: 'Nota de la organización' })
    const ngo = role === 'ngo'
    expect((await record(await post(i.id))).status).toBe(ngo ? 303 : 403)
    expect((await record(await post(o.id))).status).toBe(ngo ? 404 : 403)
  })

  it('refuses session posts without the CSRF token', async () => {
    const res = await postForm(
      rt,
      `/console/cases/${inCase[role].id}/note`,
      sessions[role],
      { note: 'x' },
      false,
    )
    expect(res.status).toBe(403)
  })

  it('GET /console/staff and its POST actions: admin only', async () => {
    const target = await makeStaff(rt, 'monitor', `target-${role}@example.org`)
    const tokenId = apiTokenId(rt.deps, target.token)
    const page = await record(
      await rt.app.request('/console/staff', { headers: { cookie: sessions[role].cookie } }),
    )
    expect(page.status).toBe(role === 'admin' ? 200 : 403)
    const admin = role === 'admin'
    const posts: [string, number][] = [
      [`/console/staff/${target.id}/disable`, 303],
      [`/console/staff/${target.id}/enable`, 303],
      [`/console/staff/${target.id}/totp-reset`, 200],
      [`/console/staff/tokens/${tokenId}/revoke`, 303],
    ]
    for (const [path, ok] of posts) {
      const res = await record(await postForm(rt, path, sessions[role], {}))
      expect(res.status, path).toBe(admin ? ok : 403)
    }
    // Without the CSRF token even the admin is refused.
    expect((await postForm(rt, `/console/staff/${target.id}/disable`, sessions[role], {}, false)).status).toBe(403)
    // Bearer tokens do not reach console pages.
    expect(
      (
        await rt.app.request('/console/staff', {
          headers: { authorization: `Bearer ${staff[role].token}` },
        })
      ).status,
    ).toBe(303)
    const disabled = await rt.deps.sql.get<{ disabled: number }>(
      'SELECT disabled FROM staff WHERE id = ?',
      target.id,
    )
    expect(disabled?.disabled).toBe(0)
    expect((await api(rt, 'GET', '/api/v1/cases', target.token)).status).toBe(admin ? 401 : 200)
  })

  it('GET /console/custodian and POST a decision: custodian only', async () => {
    const page = await rt.app.request('/console/custodian', {
      headers: { cookie: sessions[role].cookie },
    })
    expect(page.status).toBe(role === 'custodian' ? 200 : 403)
    const req = await rt.deps.sql.get<{ id: string }>(
      'SELECT id FROM access_requests WHERE decision IS NULL LIMIT 1',
    )
    if (role !== 'custodian' && req) {
      const res = await postForm(rt, `/console/custodian/requests/${req.id}`, sessions[role], {
        decision: 'approved',
        reason: 'ok',
      })
      expect(res.status).toBe(403)
    }
  })
})

/**
 * Routes added after the first matrix (facilities, escalations, statistics, evidence, the daily-work
 * pages, staff management, audit and retention). Each row: what a role gets for a case in its scope
 * and for one outside it (or, for routes without a case, the one status). Every response joins the
 * leak scan below.
 */
type Caller = { role: Role; token: string; session: Session }
type Row = {
  what: string
  call: (who: Caller, c: TestCase) => Response | Promise<Response>
  /** [in scope, out of scope] per role, or one status when the route takes no case. */
  want: Record<Role, readonly [number, number] | readonly [number]>
  /** The cases to try, when not the role's in-scope and out-of-scope pair. */
  cases?: (role: Role) => TestCase[]
}
const get = (path: string) => (who: Caller) =>
  rt.app.request(path, { headers: { cookie: who.session.cookie } })
const bearer = (method: string, path: (c: TestCase) => string, body?: (who: Caller, c: TestCase) => unknown) =>
  (who: Caller, c: TestCase) => api(rt, method, path(c), who.token, body?.(who, c))
const page = (path: (c: TestCase) => string, body: (who: Caller, c: TestCase) => Record<string, string | string[]>) =>
  (who: Caller, c: TestCase) => postForm(rt, path(c), who.session, body(who, c))
const only = (allowed: Role[], ok: number) =>
  Object.fromEntries(ROLES.map((r) => [r, [allowed.includes(r) ? ok : 403]])) as unknown as Row['want']
const scoped = (allowed: Role[], ok: number, hidden = 404) =>
  Object.fromEntries(
    ROLES.map((r) => [r, allowed.includes(r) ? [ok, r === 'admin' ? ok : hidden] : [403, 403]]),
  ) as unknown as Row['want']
const READERS: Role[] = ['admin', 'monitor', 'ngo']
const WORKERS: Role[] = ['admin', 'monitor']
let facilityId = ''
let rrmCase: TestCase

const NEW_ROUTES: Row[] = [
  { what: 'GET /api/v1/facilities', call: bearer('GET', () => '/api/v1/facilities'), want: only(READERS, 200) },
  {
    what: 'POST /api/v1/facilities',
    call: bearer('POST', () => '/api/v1/facilities', (who) => ({ code: `authz-${who.role}`, name: `Planta ${who.role}`, country: 'MX', sector: 'auto_parts' })),
    want: only(['admin'], 201),
  },
  { what: 'GET /api/v1/facilities/:id', call: (who) => api(rt, 'GET', `/api/v1/facilities/${facilityId}`, who.token), want: only(READERS, 200) },
  {
    what: 'PATCH /api/v1/facilities/:id',
    call: (who) => api(rt, 'PATCH', `/api/v1/facilities/${facilityId}`, who.token, { code: 'authz-matrix', name: 'Planta Matriz', country: 'MX', sector: 'auto_parts' }),
    want: only(['admin'], 200),
  },
  { what: 'GET /api/v1/cases/:id/facility', call: bearer('GET', (c) => `/api/v1/cases/${c.id}/facility`), want: scoped(READERS, 200) },
  {
    what: 'POST /api/v1/cases/:id/facility',
    call: bearer('POST', (c) => `/api/v1/cases/${c.id}/facility`, () => ({ facilityId, action: 'set' })),
    want: scoped(READERS, 200), // organisations group their cases under a facility too
  },
  { what: 'GET /api/v1/cases/:id/attachments', call: bearer('GET', (c) => `/api/v1/cases/${c.id}/attachments`), want: scoped(READERS, 200) },
  { what: 'GET /api/v1/escalations', call: bearer('GET', () => '/api/v1/escalations'), want: only(READERS, 200) },
  // A reference the caller cannot see is refused like an unknown one (400, never 404: see below).
  { what: 'GET /api/v1/escalations/forums?case=', call: bearer('GET', (c) => `/api/v1/escalations/forums?case=${c.reference}`), want: scoped(READERS, 200, 400) },
  {
    what: 'POST /api/v1/escalations',
    call: bearer('POST', () => '/api/v1/escalations', (_w, c) => ({ kind: 'usmca-rrm', caseRefs: [c.reference] })),
    want: { ...scoped(READERS, 201, 400), admin: [201] },
    // A fresh Mexican case (the NGO's), since an earlier test withdrew the consent on inCase.ngo.
    cases: (role) => (role === 'admin' ? [rrmCase] : [rrmCase, outCase[role]]),
  },
  { what: 'GET /api/v1/stats', call: bearer('GET', () => '/api/v1/stats?by=right'), want: only(READERS, 200) },
  { what: 'GET /console/facilities', call: get('/console/facilities'), want: only(READERS, 200) },
  { what: 'GET /console/facilities/:id', call: (who) => get(`/console/facilities/${facilityId}`)(who), want: only(READERS, 200) },
  {
    what: 'POST /console/facilities',
    call: page(() => '/console/facilities', (who) => ({ code: `authz-page-${who.role}`, name: `Planta página ${who.role}`, country: 'MX', sector: 'auto_parts' })),
    want: only(['admin'], 303),
  },
  {
    what: 'POST /console/cases/:id/facility',
    call: page((c) => `/console/cases/${c.id}/facility`, () => ({ facilityId, action: 'set' })),
    want: scoped(READERS, 303),
  },
  { what: 'GET /console/escalations', call: get('/console/escalations'), want: only(READERS, 200) },
  // The page answers 200 with the same error it shows for an unknown reference.
  { what: 'GET /console/escalations/new', call: (who, c) => get(`/console/escalations/new?case=${c.reference}`)(who), want: scoped(READERS, 200, 200) },
  { what: 'GET /console/stats', call: get('/console/stats'), want: only(READERS, 200) },
  {
    what: 'POST /console/stats/settings',
    call: page(() => '/console/stats/settings', () => ({ k: '5', public: 'off', lattice: ['month', 'right', 'agreement', 'country', 'channel', 'ack'] })),
    want: only(['admin'], 303),
  },
  {
    what: 'POST /console/bulk',
    call: page(() => '/console/bulk', (_w, c) => ({ ids: [c.id], action: 'assign', assignTo: staff.excluded.id, back: '' })),
    want: only(WORKERS, 303),
  },
  {
    what: 'POST /console/filters',
    call: page(() => '/console/filters', (who) => ({ name: `mine ${who.role}`, query: 'status=open' })),
    want: only(READERS, 303),
  },
  { what: 'GET /console/templates', call: get('/console/templates'), want: only(WORKERS, 200) },
  {
    what: 'POST /console/templates',
    call: page(() => '/console/templates', (who) => ({ name: `t-${who.role}`, body_en: 'When did it happen?', body_es: '¿Cuándo pasó?', body_fr: 'Quand est-ce arrivé ?' })),
    want: only(WORKERS, 303),
  },
  { what: 'GET /console/audit', call: get('/console/audit'), want: only(['admin'], 200) },
  { what: 'GET /console/retention', call: get('/console/retention'), want: only(['admin'], 200) },
  {
    what: 'POST /console/staff/add',
    call: page(() => '/console/staff/add', (who) => ({ email: `added-${who.role}@example.org`, role: 'monitor', scopes: 'right:wages@US', exclusions: '', org: '' })),
    want: only(['admin'], 200),
  },
  {
    what: 'POST /console/staff/:id/scopes',
    call: page(() => `/console/staff/${staff.excluded.id}/scopes`, () => ({ scopes: 'right:*@*', exclusions: 'Autopartes del Bajio' })),
    want: only(['admin'], 303),
  },
  {
    what: 'POST /console/staff/:id/token',
    call: page(() => `/console/staff/${staff.excluded.id}/token`, () => ({ label: 'matrix' })),
    want: only(['admin'], 200),
  },
]

describe('routes added after the first matrix', () => {
  beforeAll(async () => {
    const made = await api(rt, 'POST', '/api/v1/facilities', staff.admin.token, { code: 'authz-matrix', name: 'Planta Matriz', country: 'MX', sector: 'auto_parts' })
    facilityId = ((await made.json()) as { facility: { id: string } }).facility.id
    rrmCase = await insertCase(rt, { filedBy: staff.ngo.id })
  })

  it.each(NEW_ROUTES.map((r) => [r.what, r] as const))('%s', async (_what, row) => {
    const seen: string[] = []
    const wanted: string[] = []
    for (const role of ROLES) {
      const who: Caller = { role, token: staff[role].token, session: sessions[role] }
      const want = row.want[role]
      const targets = row.cases?.(role) ?? (want.length === 2 ? [inCase[role], outCase[role]] : [inCase[role]])
      for (const [k, c] of targets.entries()) {
        const res = await record(await row.call(who, c))
        const note = res.status >= 400 && res.status !== want[k] ? ` ${(await res.clone().text()).slice(0, 200)}` : ''
        seen.push(`${role}/${k === 0 ? 'in' : 'out'} ${res.status}${note}`)
        wanted.push(`${role}/${k === 0 ? 'in' : 'out'} ${want[k]}`)
      }
    }
    expect(seen).toEqual(wanted)
  })

  it('answers a reference outside the caller\'s scope exactly as an unknown one (no existence oracle)', async () => {
    const hidden = outCase.monitor.reference
    const unknown = hidden.replace(/.$/, (d) => (d === '0' ? '1' : '0'))
    const who: Caller = { role: 'monitor', token: staff.monitor.token, session: sessions.monitor }
    const probes: [string, (ref: string) => Response | Promise<Response>][] = [
      ['forums', (ref) => api(rt, 'GET', `/api/v1/escalations/forums?case=${ref}`, who.token)],
      ['draft', (ref) => api(rt, 'POST', '/api/v1/escalations', who.token, { kind: 'usmca-rrm', caseRefs: [ref] })],
      ['page', (ref) => get(`/console/escalations/new?case=${ref}`)(who)],
    ]
    for (const [name, probe] of probes) {
      const a = await record(await probe(hidden))
      const b = await probe(unknown)
      expect(a.status, name).toBe(b.status)
      const scrub = (t: string, ref: string) => t.replaceAll(ref, 'REF').replace(/name="csrf"[^>]*>/g, '')
      expect(scrub(await a.text(), hidden), name).toBe(scrub(await b.text(), unknown))
    }
  })
})

describe('without credentials, with revoked tokens, with conflicts of interest', () => {
  it('answers 401 on the API and sends pages to the login page', async () => {
    expect((await rt.app.request('/api/v1/cases')).status).toBe(401)
    expect(
      (await rt.app.request('/api/v1/cases', { headers: { authorization: 'Bearer hl_nope' } }))
        .status,
    ).toBe(401)
    const page = await rt.app.request(`/console/cases/${inCase.monitor.id}`)
    expect(page.status).toBe(303)
    expect(page.headers.get('location')).toBe('/console/login')
  })

  it('stops a revoked token at once', async () => {
    const t = await makeStaff(rt, 'monitor', 'revoked@example.org', { scopes: ['right:*@MX'] })
    expect((await api(rt, 'GET', '/api/v1/cases', t.token)).status).toBe(200)
    expect(await revokeApiToken(rt.deps, t.token)).toBe(true)
    expect((await api(rt, 'GET', '/api/v1/cases', t.token)).status).toBe(401)
  })

  it('never shows a monitor a case about an employer they are excluded from, through any filter', async () => {
    const tok = staff.excluded.token
    for (const q of [
      '',
      '?status=all',
      '?country=MX',
      '?right=freedom_of_association',
      '?facility=Planta',
      '?merged=1&status=all',
    ]) {
      const res = await api(rt, 'GET', `/api/v1/cases${q}`, tok)
      const ids = ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)
      expect(ids).not.toContain(inCase.monitor.id)
      if (q === '') expect(ids).toContain(outCase.monitor.id)
    }
    expect((await api(rt, 'GET', `/api/v1/cases/${inCase.monitor.id}`, tok)).status).toBe(404)
    expect(
      (
        await api(rt, 'PATCH', `/api/v1/cases/${inCase.monitor.id}`, staff.admin.token, {
          assignedTo: staff.excluded.id,
        })
      ).status,
    ).toBe(400)
  })

  it('never lets a monitor reach an out-of-scope case through filters', async () => {
    for (const q of [
      '?country=US',
      '?right=wages',
      '?commitment=usmca.23.3.2.wages',
      '?sector=agriculture',
      '?assigned=unrouted',
      '?status=all&merged=1',
    ]) {
      const res = await api(rt, 'GET', `/api/v1/cases${q}`, staff.monitor.token)
      const ids = ((await res.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)
      expect(ids).not.toContain(outCase.monitor.id)
      expect(ids).not.toContain(inCase.admin.id)
    }
  })

  it('never shows an NGO access requests or their events (API and page)', async () => {
    const k = inCase.ngo
    const as = (s: TestStaff): Actor => ({ id: s.id, role: s.role, email: s.email, via: 'token' })
    const reason = 'NGO-MUST-NOT-READ: the witness fears reprisals at Planta 2.'
    const id = await requestAccess(rt.deps, as(staff.monitor), k.id, 'identity', reason)
    await decideAccess(rt.deps, as(staff.custodian), id, 'refused', 'DECISION-REASON not yet')
    type View = { case: { accessRequests: { id: string }[]; timeline: { kind: string }[] } }
    const get = async (s: TestStaff) => {
      const res = await record(await api(rt, 'GET', `/api/v1/cases/${k.id}`, s.token))
      expect(res.status).toBe(200)
      return { text: await res.clone().text(), view: (await res.json()) as View }
    }
    const ngo = await get(staff.ngo)
    expect(ngo.view.case.accessRequests).toEqual([])
    const kinds = ngo.view.case.timeline.map((e) => e.kind)
    for (const hidden of ['access_request', 'access_decision', 'note'])
      expect(kinds).not.toContain(hidden)
    expect(ngo.text).not.toContain(reason)
    expect(ngo.text).not.toContain(id)
    const page = await record(
      await rt.app.request(`/console/cases/${k.id}`, { headers: { cookie: sessions.ngo.cookie } }),
    )
    const html = await page.text()
    expect(page.status).toBe(200)
    for (const hidden of [reason, 'Access requests', 'Access requested', 'Access decided'])
      expect(html).not.toContain(hidden)
    // monitors and admins still see them
    const mon = await get(staff.monitor)
    expect(mon.view.case.accessRequests.map((r) => r.id)).toContain(id)
    expect(mon.view.case.timeline.map((e) => e.kind)).toContain('access_request')
    expect(mon.text).toContain(reason)
  })

  it('never returned the original text or the identity in any response', () => {
    expect(bodies.length).toBeGreaterThan(50)
    for (const b of bodies) {
      expect(b).not.toContain(ORIGINAL)
      expect(b).not.toContain(IDENTITY_NAME)
      expect(b).not.toMatch(/original_enc|identity_sealed|receipt_hash/)
    }
  })
})
