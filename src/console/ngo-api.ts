/**
 * @module console/ngo-api
 * POST /api/v1/ngo/reports: an organisation files on a worker's behalf (partners/file-for-worker)
 * → 201 {receipt, reference, consentId, sms}. NGO accounts only (bearer token, or session with
 * X-CSRF-Token). The receipt is in this answer only: the organisation passes it on.
 */
import { Hono } from 'hono'
import { jsonObject, limitBody } from '../middleware/body.js'
import { fileForWorker } from '../partners/file-for-worker.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'

export const ngoApi = new Hono<ConsoleEnv>()

ngoApi.post('/reports', requireStaff(['ngo'], 'api'), limitBody(64 * 1024), async (c) => {
  const filed = await fileForWorker(c.get('deps'), c.get('actor'), await jsonObject(c))
  return c.json(
    { receipt: filed.receipt, reference: filed.reference, consentId: filed.consentId, sms: filed.sms },
    201,
  )
})
