/** @jsxImportSource hono/jsx */
/**
 * @module console/staff-manage
 * The admin page's forms beyond disable / enable / TOTP reset / revoke (console/staff.tsx), mounted
 * at /console/staff by createApp: POST /add (a new account; its password and one-time enrolment
 * code are shown on that answer only), POST /:id/scopes (replace scopes, add or clear
 * exclusions), POST /:id/token (a new API token, shown once). Admins only, CSRF, audited.
 */
import { Hono, type Context } from 'hono'
import { AppError } from '../errors.js'
import { createAccount, issueTokenFor, setScopes } from '../staff/manage.js'
import { field, requireStaff, type ConsoleEnv } from './middleware.js'
import { staffPage } from './staff.js'

export const staffManagePages = new Hono<ConsoleEnv>()

const admin = requireStaff(['admin'], 'page')

/** A validation error as the page's message: "Please check: e-mail (…)". */
function message(c: Context<ConsoleEnv>, err: AppError): string {
  const t = c.get('t')
  const [f, e] = Object.entries(err.fields ?? {})[0] ?? ['email', { key: 'console:errors.invalid' }]
  return `${t('console:errors.field', { field: t(`console:daily.staff.fields.${f}`) })} ${t(e.key)}`
}

staffManagePages.post('/add', admin, async (c) => {
  try {
    const created = await createAccount(c.get('deps'), c.get('actor').id, {
      email: await field(c, 'email'),
      role: await field(c, 'role'),
      scopes: await field(c, 'scopes'),
      exclusions: await field(c, 'exclusions'),
      org: await field(c, 'org'),
    })
    // No redirect: the password and the code must not travel in a URL.
    return staffPage(c, { created })
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') return staffPage(c, { error: message(c, err) }, 400)
    throw err
  }
})

staffManagePages.post('/:id/scopes', admin, async (c) => {
  try {
    await setScopes(c.get('deps'), c.get('actor').id, c.req.param('id'), {
      scopes: await field(c, 'scopes'),
      exclusions: await field(c, 'exclusions'),
      clearExclusions: (await field(c, 'clear')) === '1',
    })
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') return staffPage(c, { error: message(c, err) }, 400)
    throw err
  }
  return c.redirect('/console/staff?done=scopes', 303)
})

staffManagePages.post('/:id/token', admin, async (c) => {
  const token = await issueTokenFor(c.get('deps'), c.get('actor').id, c.req.param('id'), await field(c, 'label'))
  return staffPage(c, { token })
})
