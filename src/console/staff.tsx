/** @jsxImportSource hono/jsx */
/**
 * @module console/staff
 * The admin's staff page (admin only): GET /console/staff, and POST forms (CSRF-checked by
 * requireStaff) to disable or enable an account, reset its TOTP and revoke an API token. Each
 * change is audited with the admin as actor (staff/admin). An admin cannot disable or reset
 * their own account here (they would lock themselves out); the CLI can.
 */
import { Hono, type Context } from 'hono'
import { AppError } from '../errors.js'
import {
  disableStaff,
  enableStaff,
  listStaff,
  listTokens,
  resetTotp,
  revokeTokenById,
  staffById,
} from '../staff/admin.js'
import { reassignOpenCases } from '../cases/reassign.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'
import { StaffPage } from './views/staff.js'

/** Mounted at /console/staff by createApp. */
export const staffPages = new Hono<ConsoleEnv>()

const admin = requireStaff(['admin'], 'page')

/** The staff page; `extra` shows a secret made on this answer only (never in a URL). */
export async function staffPage(
  c: Context<ConsoleEnv>,
  extra: {
    reset?: { email: string; code: string }
    created?: { email: string; password: string; enrolCode: string }
    token?: string
    error?: string
  } = {},
  status: 200 | 400 = 200,
) {
  const deps = c.get('deps')
  const t = c.get('t')
  const error = c.req.query('error')
  return c.html(
    <StaffPage
      lang={c.get('lang')}
      t={t}
      actor={c.get('actor')}
      staff={await listStaff(deps)}
      tokens={await listTokens(deps)}
      done={c.req.query('done')}
      error={extra.error ?? (error === 'self' ? t('console:staff.self') : undefined)}
      reset={extra.reset}
      created={extra.created}
      token={extra.token}
      reassigned={
        c.req.query('moved') === undefined
          ? undefined
          : { moved: Number(c.req.query('moved')) || 0, left: Number(c.req.query('left')) || 0 }
      }
    />,
    status,
  )
}

staffPages.get('/', admin, (c) => staffPage(c))

/** The account named in the path (404 when none); `self` refuses the admin's own account. */
async function target(c: Context<ConsoleEnv>) {
  const s = await staffById(c.get('deps'), c.req.param('id') ?? '')
  if (!s) throw new AppError('not_found')
  return { ...s, self: s.id === c.get('actor').id }
}

staffPages.post('/:id/disable', admin, async (c) => {
  const s = await target(c)
  if (s.self) return c.redirect('/console/staff?error=self', 303)
  const deps = c.get('deps')
  await disableStaff(deps, c.get('actor').id, s.id)
  // Their open cases go to other monitors now, not when someone notices (issue 20).
  const r = await reassignOpenCases(deps, c.get('actor').id, s.id)
  const moved = r.moved + r.left > 0 ? `&moved=${r.moved}&left=${r.left}` : ''
  return c.redirect(`/console/staff?done=disabled${moved}`, 303)
})

staffPages.post('/:id/enable', admin, async (c) => {
  const s = await target(c)
  await enableStaff(c.get('deps'), c.get('actor').id, s.id)
  return c.redirect('/console/staff?done=enabled', 303)
})

// The new code is shown on this answer only (no redirect: it must not travel in a URL).
staffPages.post('/:id/totp-reset', admin, async (c) => {
  const s = await target(c)
  if (s.self) return c.redirect('/console/staff?error=self', 303)
  const code = await resetTotp(c.get('deps'), c.get('actor').id, s.id)
  return staffPage(c, { reset: { email: s.email, code } })
})

staffPages.post('/tokens/:id/revoke', admin, async (c) => {
  const r = await revokeTokenById(c.get('deps'), c.get('actor').id, c.req.param('id'))
  if (r === 'unknown') throw new AppError('not_found')
  return c.redirect('/console/staff?done=revoked', 303)
})
