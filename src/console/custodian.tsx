/** @jsxImportSource hono/jsx */
/**
 * @module console/custodian
 * GET /console/custodian and POST /console/custodian/requests/:id (custodian only).
 */
import { Hono } from 'hono'
import { decideAccess, listAccessRequests } from '../cases/access.js'
import { AppError } from '../errors.js'
import { field, requireStaff, type ConsoleEnv } from './middleware.js'
import { CustodianPage } from './views/custodian.js'

/** Mounted at /console/custodian by createApp. */
export const custodianPages = new Hono<ConsoleEnv>()

custodianPages.get('/', requireStaff(['custodian'], 'page'), async (c) => {
  const actor = c.get('actor')
  const t = c.get('t')
  const requests = await listAccessRequests(c.get('deps'), actor)
  const error = c.req.query('error') ? t('console:errors.reason') : undefined
  return c.html(
    <CustodianPage
      lang={c.get('lang')}
      t={t}
      actor={actor}
      requests={requests}
      error={error}
      done={c.req.query('done') === '1'}
      now={c.get('deps').clock.now()}
    />,
  )
})

custodianPages.post('/requests/:id', requireStaff(['custodian'], 'page'), async (c) => {
  try {
    await decideAccess(
      c.get('deps'),
      c.get('actor'),
      c.req.param('id'),
      await field(c, 'decision'),
      await field(c, 'reason'),
    )
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation')
      return c.redirect('/console/custodian?error=1', 303)
    throw err
  }
  return c.redirect('/console/custodian?done=1', 303)
})
