/** @jsxImportSource hono/jsx */
/**
 * @module console/auth-routes
 * /console/login → /console/totp (code, or enrolment on first sign-in) → the queue; /console/logout.
 * One message for every failure: it never says whether the e-mail exists, which step failed,
 * or that the account is throttled. The one exception comes after a right password: an
 * enrolment page says when the one-time enrolment code is wrong or expired.
 */
import { Hono, type Context } from 'hono'
import {
  checkPassword,
  checkTotp,
  endSession,
  openPending,
  PENDING_MS,
  sealPending,
  sessionActor,
  startSession,
} from '../staff/auth.js'
import { staffById } from '../staff/admin.js'
import { newTotpSecret, totpQrSvg } from '../staff/totp.js'
import { EnrolPage, LoginPage, TotpPage } from './views/auth.js'
import {
  clearCookie,
  field,
  pendingCookie,
  requireStaff,
  sessionToken,
  setPendingCookie,
  setSessionCookie,
  type ConsoleEnv,
} from './middleware.js'

export const authRoutes = new Hono<ConsoleEnv>()

const source = (c: Context<ConsoleEnv>) => c.get('deps').remoteAddress(c) ?? 'unknown'

const home = (role: string) => (role === 'custodian' ? '/console/custodian' : '/console/queue')

authRoutes.get('/', async (c) => {
  const actor = await sessionActor(c.get('deps'), sessionToken(c))
  return c.redirect(actor ? home(actor.role) : '/console/login', 303)
})

authRoutes.get('/login', (c) => c.html(<LoginPage lang={c.get('lang')} t={c.get('t')} />))

authRoutes.post('/login', async (c) => {
  const deps = c.get('deps')
  const email = (await field(c, 'email')).slice(0, 320)
  const password = (await field(c, 'password')).slice(0, 1024)
  const r =
    email && password
      ? await checkPassword(deps, email, password, source(c))
      : ({ ok: false } as const)
  if (!r.ok) {
    return c.html(
      <LoginPage lang={c.get('lang')} t={c.get('t')} error={c.get('t')('console:login.failed')} />,
      401,
    )
  }
  const exp = deps.clock.now() + PENDING_MS
  const enrol = r.enrolled ? undefined : newTotpSecret(deps.crypto.randomBytes(20))
  setPendingCookie(c, sealPending(deps, { id: r.id, exp, ...(enrol ? { enrol } : {}) }))
  return c.redirect('/console/totp', 303)
})

async function totpPage(c: Context<ConsoleEnv>, error?: string) {
  const deps = c.get('deps')
  const p = openPending(deps, pendingCookie(c))
  if (!p) return c.redirect('/console/login', 303)
  const lang = c.get('lang')
  const t = c.get('t')
  const status = error ? 401 : 200
  if (!p.enrol) return c.html(<TotpPage lang={lang} t={t} error={error} />, status)
  const s = await staffById(deps, p.id)
  const qr = totpQrSvg(p.enrol, s?.email ?? 'staff')
  return c.html(<EnrolPage lang={lang} t={t} error={error} qrSvg={qr} secret={p.enrol} />, status)
}

authRoutes.get('/totp', (c) => totpPage(c))

authRoutes.post('/totp', async (c) => {
  const deps = c.get('deps')
  const p = openPending(deps, pendingCookie(c))
  if (!p) return c.redirect('/console/login', 303)
  const enrolment = p.enrol
    ? { secret: p.enrol, code: (await field(c, 'enrol_code')).slice(0, 64) }
    : undefined
  const r = await checkTotp(deps, p.id, (await field(c, 'code')).slice(0, 16), source(c), enrolment)
  if (!r.ok) {
    const t = c.get('t')
    return totpPage(c, t(r.reason === 'enrol_code' ? 'console:enrol.codeInvalid' : 'console:login.failed'))
  }
  const { token } = await startSession(deps, p.id)
  clearCookie(c, 'pending')
  setSessionCookie(c, token)
  const s = await staffById(deps, p.id)
  return c.redirect(home(s?.role ?? ''), 303)
})

authRoutes.post(
  '/logout',
  requireStaff(['admin', 'monitor', 'ngo', 'custodian'], 'page'),
  async (c) => {
    const token = sessionToken(c)
    if (token) await endSession(c.get('deps'), token, c.get('actor').id)
    clearCookie(c, 'staff')
    return c.redirect('/console/login', 303)
  },
)
