/**
 * @module console/stats-api
 * GET /api/v1/stats?by=right,country,…[&from=YYYY-MM&to=YYYY-MM][&format=csv] (design §3): the
 * caller's figures, small counts suppressed (docs/analytics.md). Admins read the whole caseload,
 * monitors and organisations their scope. A bad `by`, period or format is a translated 400.
 */
import { Hono } from 'hono'
import { append } from '../audit/log.js'
import { CASE_READERS } from '../cases/scope.js'
import { answer, parseRequest, toCsv } from '../stats/query.js'
import { statsSettings } from '../stats/settings.js'
import { facilityDomain } from '../stats/facility-domain.js'
import { baseFor } from '../stats/source.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'

/** Mounted at /api/v1/stats by createApp. */
export const statsApi = new Hono<ConsoleEnv>()

statsApi.get('/', requireStaff(CASE_READERS, 'api'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const settings = await statsSettings(deps)
  const { domains } = await facilityDomain(deps)
  const req = parseRequest((k) => c.req.query(k), settings.lattice, deps.clock.now(), domains)
  const result = answer(await baseFor(deps, actor), req, settings.k, domains)
  await append(deps, { actorId: actor.id, action: 'stats_view', data: { by: req.by, format: req.format } })
  if (req.format === 'csv') {
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="stats-${req.by.join('-')}.csv"`)
    return c.body(toCsv(result))
  }
  return c.json(result)
})
