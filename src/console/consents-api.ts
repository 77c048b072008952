/**
 * @module console/consents-api
 * The consent ledger's API: GET /api/v1/consents?case=REF (staff who may see the case; an NGO
 * sees the consents given to its organisation) and POST /api/v1/consents/:id/withdraw (the
 * organisation that recorded it). Unknown and out-of-scope cases and consents are 404.
 */
import { Hono } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { consentsForStaff, withdrawByOrganisation } from '../partners/ledger.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'

export const consentsApi = new Hono<ConsoleEnv>()

consentsApi.get('/', requireStaff(CASE_READERS, 'api'), async (c) => {
  const { consents } = await consentsForStaff(c.get('deps'), c.get('actor'), (c.req.query('case') ?? '').slice(0, 64))
  return c.json({ consents })
})

consentsApi.post('/:id/withdraw', requireStaff(['ngo'], 'api'), async (c) => {
  const consent = await withdrawByOrganisation(c.get('deps'), c.get('actor'), c.req.param('id').slice(0, 64))
  return c.json({ consent })
})
