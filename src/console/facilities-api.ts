/**
 * @module console/facilities-api
 * The facility registry's JSON API (docs/facilities.md):
 * - GET /api/v1/facilities[?country=MX] — every facility (admin, monitor, ngo);
 * - POST /api/v1/facilities — create (admin) → 201 {facility};
 * - GET /api/v1/facilities/:id — the facility and its page: month × right counts (suppressed
 *   below k outside the caller's scope), pattern flags, the caller's cases;
 * - PATCH /api/v1/facilities/:id — edit (admin) → {facility};
 * - GET /api/v1/cases/:id/facility — the case's links;
 * - POST /api/v1/cases/:id/facility {facilityId, action: confirm|reject|set} → {links}.
 * Session (with X-CSRF-Token on writes) or bearer token, as the rest of the staff API.
 */
import { Hono } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { AppError } from '../errors.js'
import { decideFacility, linksForStaff } from '../facilities/links.js'
import { createFacility, listFacilities, updateFacility, type FacilityInput } from '../facilities/registry.js'
import { facilityReport } from '../facilities/report.js'
import { jsonObject, limitBody } from '../middleware/body.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'

const limit = limitBody(32 * 1024)
const FIELDS = ['code', 'name', 'aliases', 'employer', 'country', 'state', 'location', 'sector', 'covered', 'prioritySector']

/** The body's facility fields; any other field is a 400 naming it. */
async function facilityBody(b: Record<string, unknown>): Promise<FacilityInput> {
  const unknown = Object.keys(b).filter((k) => !FIELDS.includes(k))
  if (unknown.length > 0 || Object.keys(b).length === 0)
    throw new AppError('validation', Object.fromEntries(unknown.map((k) => [k, { key: 'console:errors.invalid' }])))
  return b
}

/** Mounted at /api/v1/facilities by createApp. */
export const facilitiesApi = new Hono<ConsoleEnv>()

facilitiesApi.get('/', requireStaff(CASE_READERS, 'api'), async (c) => {
  const country = c.req.query('country')?.trim().toUpperCase().slice(0, 2)
  return c.json({ facilities: await listFacilities(c.get('deps'), country || undefined) })
})

facilitiesApi.post('/', requireStaff(['admin'], 'api'), limit, async (c) => {
  const facility = await createFacility(c.get('deps'), c.get('actor'), await facilityBody(await jsonObject(c)))
  return c.json({ facility }, 201)
})

facilitiesApi.get('/:id', requireStaff(CASE_READERS, 'api'), async (c) => {
  const report = await facilityReport(c.get('deps'), c.get('actor'), c.req.param('id'))
  return c.json(report)
})

facilitiesApi.patch('/:id', requireStaff(['admin'], 'api'), limit, async (c) => {
  const facility = await updateFacility(c.get('deps'), c.get('actor'), c.req.param('id'), await facilityBody(await jsonObject(c)))
  return c.json({ facility })
})

/** Mounted at /api/v1/cases beside the staff API: a case's facility. */
export const caseFacilityApi = new Hono<ConsoleEnv>()

caseFacilityApi.get('/:id/facility', requireStaff(CASE_READERS, 'api'), async (c) =>
  c.json({ links: await linksForStaff(c.get('deps'), c.get('actor'), c.req.param('id')) }),
)

caseFacilityApi.post('/:id/facility', requireStaff(CASE_READERS, 'api'), limit, async (c) => {
  const b = await jsonObject(c)
  const action = typeof b.action === 'string' ? b.action : ''
  const facilityId = typeof b.facilityId === 'string' ? b.facilityId : ''
  const links = await decideFacility(c.get('deps'), c.get('actor'), c.req.param('id'), action, facilityId)
  return c.json({ links })
})
