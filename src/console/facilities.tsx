/** @jsxImportSource hono/jsx */
/**
 * @module console/facilities
 * The facility pages (server-rendered, no script; forms CSRF-checked by requireStaff):
 * - GET /console/facilities — the registry; admins also get the form to add one;
 * - POST /console/facilities — add (admin); a bad field shows the form again with its error (400);
 * - GET /console/facilities/:id — the facility page (month × right counts, flags, cases); admins
 *   also get the edit form; POST /console/facilities/:id saves it;
 * - POST /console/cases/:id/facility — confirm, reject or set a case's facility (staff who can see
 *   the case), then back to the case.
 */
import { Hono, type Context } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { AppError } from '../errors.js'
import { decideFacility } from '../facilities/links.js'
import { createFacility, getFacility, listFacilities, updateFacility, type FacilityInput } from '../facilities/registry.js'
import { facilityReport } from '../facilities/report.js'
import { formFields } from '../middleware/body.js'
import { field, requireStaff, type ConsoleEnv } from './middleware.js'
import { FacilitiesPage, FacilityPage, type FormValues } from './views/facilities.js'

/** Mounted at /console/facilities by createApp. */
export const facilityPages = new Hono<ConsoleEnv>()

const admin = requireStaff(['admin'], 'page')
const readers = requireStaff(CASE_READERS, 'page')

/** The form's fields as the registry reads them (an unchecked box is "no"). */
async function formInput(c: Context<ConsoleEnv>): Promise<{ input: FacilityInput; values: FormValues }> {
  const form = await formFields(c)
  const one = (k: string) => form[k]?.[0]?.trim() ?? ''
  const values: FormValues = {}
  for (const k of ['code', 'name', 'aliases', 'employer', 'country', 'state', 'location', 'sector', 'covered', 'prioritySector'])
    values[k] = one(k)
  return {
    values,
    input: {
      ...values,
      aliases: values.aliases!.split(/\r?\n/),
      covered: values.covered === 'yes' ? true : false,
      // '' (decided by the sector) is kept, so that an edit recomputes it from the sector.
      prioritySector: values.prioritySector,
    },
  }
}

const errorsOf = (err: unknown) => {
  if (err instanceof AppError && err.code === 'validation') return err.fields ?? {}
  throw err
}

facilityPages.get('/', readers, async (c) =>
  c.html(
    <FacilitiesPage
      lang={c.get('lang')}
      t={c.get('t')}
      actor={c.get('actor')}
      facilities={await listFacilities(c.get('deps'))}
      values={{}}
      errors={{}}
    />,
  ),
)

facilityPages.post('/', admin, async (c) => {
  const { input, values } = await formInput(c)
  try {
    const f = await createFacility(c.get('deps'), c.get('actor'), input)
    return c.redirect(`/console/facilities/${f.id}?done=created`, 303)
  } catch (err) {
    const errors = errorsOf(err)
    return c.html(
      <FacilitiesPage
        lang={c.get('lang')}
        t={c.get('t')}
        actor={c.get('actor')}
        facilities={await listFacilities(c.get('deps'))}
        values={values}
        errors={errors}
      />,
      400,
    )
  }
})

async function page(c: Context<ConsoleEnv>, id: string, values?: FormValues, errors = {}) {
  const report = await facilityReport(c.get('deps'), c.get('actor'), id)
  return (
    <FacilityPage
      lang={c.get('lang')}
      t={c.get('t')}
      actor={c.get('actor')}
      report={report}
      values={values}
      errors={errors}
      done={c.req.query('done')}
    />
  )
}

facilityPages.get('/:id', readers, async (c) => c.html(await page(c, c.req.param('id'))))

facilityPages.post('/:id', admin, async (c) => {
  const id = c.req.param('id')
  if (!(await getFacility(c.get('deps'), id))) throw new AppError('not_found')
  const { input, values } = await formInput(c)
  try {
    await updateFacility(c.get('deps'), c.get('actor'), id, input)
    return c.redirect(`/console/facilities/${id}?done=saved`, 303)
  } catch (err) {
    return c.html(await page(c, id, values, errorsOf(err)), 400)
  }
})

/** Mounted at /console beside the case pages: a case's facility decision. */
export const caseFacilityPages = new Hono<ConsoleEnv>()

caseFacilityPages.post('/cases/:id/facility', readers, async (c) => {
  const id = c.req.param('id')
  try {
    await decideFacility(c.get('deps'), c.get('actor'), id, await field(c, 'action'), await field(c, 'facilityId'))
  } catch (err) {
    // The case page's facility section shows the message (console:facility.errors.*).
    const e = Object.values(errorsOf(err))[0]
    const key = e?.key.replace('console:facility.errors.', '') ?? 'action'
    return c.redirect(`/console/cases/${id}?facilityError=${encodeURIComponent(key)}#facility`, 303)
  }
  return c.redirect(`/console/cases/${id}?done=facility`, 303)
})
