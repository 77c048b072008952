/** @jsxImportSource hono/jsx */
/**
 * @module console/escalation-pages
 * The console's escalation pages (mounted at /console/escalations): list, choose a forum
 * (`/new?refs=…` or `?case=REF`, or `?facility=ID`), draft, and one package with its masks,
 * human read, export links and tracking. Forms post and redirect with `?done=` or `?error=`
 * (an i18n key of console:escalation.errors), so the pages work without JavaScript.
 */
import { Hono, type Context } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { caseRefsOfFacility } from '../escalation/facility-cases.js'
import { addMask, createEscalation, forumOptions, listEscalations, markReviewed, readPackage, recordStage } from '../escalation/service.js'
import { recordDismissal } from '../escalation/urgent.js'
import { AppError } from '../errors.js'
import { formFields } from '../middleware/body.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'
import { ChooseForumPage, EscalationListPage, PackagePage } from './views/escalation.js'

export const escalationPages = new Hono<ConsoleEnv>()
escalationPages.use('*', requireStaff(CASE_READERS, 'page'))

/** The first error's message key, for the redirect (only our own keys are shown back). */
const errorKey = (err: unknown): string => {
  if (!(err instanceof AppError) || (err.code !== 'validation' && err.code !== 'conflict')) throw err
  const first = Object.values(err.fields ?? {})[0]
  return first?.key.startsWith('console:escalation.errors.') ? first.key : 'console:escalation.errors.kind'
}
const shownError = (c: Context<ConsoleEnv>) => {
  const e = c.req.query('error')
  return e && /^console:escalation\.errors\.[\w.]+$/.test(e) ? e : undefined
}

escalationPages.get('/', async (c) =>
  c.html(<EscalationListPage lang={c.get('lang')} t={c.get('t')} actor={c.get('actor')} rows={await listEscalations(c.get('deps'), c.get('actor'))} />),
)

escalationPages.get('/new', async (c) => {
  const deps = c.get('deps')
  const facilityId = (c.req.query('facility') ?? '').trim().slice(0, 64)
  const refs = [
    ...(c.req.queries('case') ?? []),
    ...(c.req.query('refs') ?? '').split(/[\s,;]+/),
  ]
    .map((r) => r.trim().slice(0, 64))
    .filter(Boolean)
    .slice(0, 200)
  let error = shownError(c)
  let options: Awaited<ReturnType<typeof forumOptions>> = []
  try {
    const lookup = facilityId ? await caseRefsOfFacility(deps, facilityId) : refs
    if (lookup.length === 0) throw new AppError('validation', { caseRefs: { key: 'console:escalation.errors.caseRefs' } })
    options = await forumOptions(deps, c.get('actor'), lookup)
  } catch (err) {
    error ??= errorKey(err)
  }
  return c.html(
    <ChooseForumPage lang={c.get('lang')} t={c.get('t')} actor={c.get('actor')} refs={facilityId ? [] : refs} facilityId={facilityId} options={options} error={error} />,
  )
})

escalationPages.post('/', async (c) => {
  const form = await formFields(c)
  const one = (k: string) => form[k]?.[0]?.trim() ?? ''
  const details: Record<string, string> = {}
  for (const k of ['remedy', 'evidence', 'goods', 'supplyChain']) if (one(k)) details[k] = one(k)
  const body = {
    kind: one('kind'),
    ...(one('facilityId') ? { facilityId: one('facilityId') } : { caseRefs: form.caseRefs ?? [] }),
    ...(one('org') ? { org: one('org') } : {}),
    details,
  }
  try {
    const id = await createEscalation(c.get('deps'), c.get('actor'), body)
    return c.redirect(`/console/escalations/${id}?done=drafted`, 303)
  } catch (err) {
    const back = new URLSearchParams()
    for (const r of form.caseRefs ?? []) back.append('case', r)
    if (one('facilityId')) back.set('facility', one('facilityId'))
    back.set('error', errorKey(err))
    return c.redirect(`/console/escalations/new?${back.toString()}`, 303)
  }
})

/** From the case page: the day a worker in Mexico was dismissed (starts the LFT clock). */
escalationPages.post('/dismissal', async (c) => {
  const form = await formFields(c)
  const caseId = (form.caseId?.[0] ?? '').slice(0, 64)
  try {
    await recordDismissal(c.get('deps'), c.get('actor'), caseId, (form.on?.[0] ?? '').trim())
    return c.redirect(`/console/cases/${encodeURIComponent(caseId)}#clocks`, 303)
  } catch (err) {
    const key = errorKey(err)
    return c.redirect(`/console/cases/${encodeURIComponent(caseId)}?error=${encodeURIComponent(key.split('.').pop()!)}`, 303)
  }
})

escalationPages.get('/:id', async (c) => {
  const pkg = await readPackage(c.get('deps'), c.get('actor'), c.req.param('id').slice(0, 64), c.get('lang'))
  const done = c.req.query('done')
  return c.html(
    <PackagePage
      lang={c.get('lang')}
      t={c.get('t')}
      actor={c.get('actor')}
      pkg={pkg}
      done={done && ['drafted', 'masked', 'recorded'].includes(done) ? done : undefined}
      error={shownError(c)}
    />,
  )
})

/** POST handlers for one package: run, then back to its page with the outcome. */
const action = (name: string, run: (c: Context<ConsoleEnv>, id: string, form: Record<string, string>) => Promise<void>, done: string) =>
  escalationPages.post(`/:id/${name}`, async (c) => {
    const id = c.req.param('id').slice(0, 64)
    const raw = await formFields(c)
    const form = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v[0] ?? '']))
    try {
      await run(c, id, form)
      return c.redirect(`/console/escalations/${id}?done=${done}`, 303)
    } catch (err) {
      return c.redirect(`/console/escalations/${id}?error=${encodeURIComponent(errorKey(err))}`, 303)
    }
  })

action('mask', (c, id, f) => addMask(c.get('deps'), c.get('actor'), id, { text: f.text, kind: f.kind }), 'masked')
action('review', (c, id) => markReviewed(c.get('deps'), c.get('actor'), id), 'recorded')
action(
  'stage',
  (c, id, f) => recordStage(c.get('deps'), c.get('actor'), id, { stage: f.stage, on: f.on, ...(f.outcome ? { outcome: f.outcome } : {}) }),
  'recorded',
)
