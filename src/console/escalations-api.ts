/**
 * @module console/escalations-api
 * Escalation packages over JSON (docs/escalation.md), for NGOs, monitors and admins (bearer
 * token, or session with X-CSRF-Token):
 * - GET /forums?case=REF&case=REF: the forums these cases can go to and who may file each;
 * - POST / `{kind, caseRefs}` or `{kind, facilityId}` (+ `org`, `details`) → 201 {id, …package};
 * - GET /, GET /:id: the actor's packages, one package (redacted text only);
 * - POST /:id/masks `{text, kind}`: mask a span by hand (the package must be read again);
 * - POST /:id/review: a person read it; export is allowed until it changes;
 * - POST /:id/stages `{stage, on, outcome?}`: tracking, with the day it happened;
 * - GET /:id/export?format=md|json|html[&lang=CODE, a registry language]: refused (409) until reviewed;
 * - POST /dismissal `{case, on}`: staff record the day a worker in Mexico was dismissed (LFT clock).
 */
import { Hono, type Context } from 'hono'
import { CASE_READERS } from '../cases/scope.js'
import { AppError } from '../errors.js'
import { isLang, type Lang } from '../i18n/index.js'
import { jsonObject, limitBody } from '../middleware/body.js'
import { FORMATS, toHtml, toJson, toMarkdown, type Format } from '../escalation/export.js'
import {
  addMask,
  createEscalation,
  exportPackage,
  forumOptions,
  listEscalations,
  markReviewed,
  readPackage,
  recordStage,
} from '../escalation/service.js'
import { tFor } from '../i18n/index.js'
import { recordDismissal } from '../escalation/urgent.js'
import * as cases from '../store/cases.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'

export const escalationsApi = new Hono<ConsoleEnv>()

const langOf = (c: Context<ConsoleEnv>): Lang => {
  const q = c.req.query('lang')
  return isLang(q) ? q : c.get('lang')
}
const id = (c: Context<ConsoleEnv>) => c.req.param('id')!.slice(0, 64)

escalationsApi.use('*', requireStaff(CASE_READERS, 'api'))

escalationsApi.get('/forums', async (c) => {
  const refs = c.req.queries('case') ?? []
  if (refs.length === 0 || refs.length > 200) throw new AppError('validation', { case: { key: 'console:escalation.errors.caseRefs' } })
  return c.json({ forums: await forumOptions(c.get('deps'), c.get('actor'), refs) })
})

escalationsApi.post('/', limitBody(64 * 1024), async (c) => {
  const deps = c.get('deps')
  const newId = await createEscalation(deps, c.get('actor'), await jsonObject(c))
  return c.json(await readPackage(deps, c.get('actor'), newId, langOf(c)), 201)
})

escalationsApi.post('/dismissal', limitBody(4 * 1024), async (c) => {
  const deps = c.get('deps')
  const body = await jsonObject(c)
  const ref = typeof body.case === 'string' ? body.case.trim().slice(0, 64) : ''
  const row = ref ? await cases.byReferenceOrId(deps.sql, ref.toUpperCase(), ref) : undefined
  if (!row) throw new AppError('not_found')
  await recordDismissal(deps, c.get('actor'), row.id, typeof body.on === 'string' ? body.on.trim() : '')
  return c.json({ ok: true }, 201)
})

escalationsApi.get('/', async (c) => {
  const rows = await listEscalations(c.get('deps'), c.get('actor'))
  return c.json({
    escalations: rows.map((r) => ({ id: r.id, kind: r.kind, stage: r.stage, outcome: r.outcome, reviewed: r.reviewed_at !== null })),
  })
})

escalationsApi.get('/:id', async (c) => c.json(await readPackage(c.get('deps'), c.get('actor'), id(c), langOf(c))))

escalationsApi.post('/:id/masks', limitBody(8 * 1024), async (c) => {
  const deps = c.get('deps')
  await addMask(deps, c.get('actor'), id(c), await jsonObject(c))
  return c.json(await readPackage(deps, c.get('actor'), id(c), langOf(c)), 201)
})

escalationsApi.post('/:id/review', async (c) => {
  const deps = c.get('deps')
  await markReviewed(deps, c.get('actor'), id(c))
  return c.json(await readPackage(deps, c.get('actor'), id(c), langOf(c)))
})

escalationsApi.post('/:id/stages', limitBody(8 * 1024), async (c) => {
  const deps = c.get('deps')
  await recordStage(deps, c.get('actor'), id(c), await jsonObject(c))
  return c.json(await readPackage(deps, c.get('actor'), id(c), langOf(c)), 201)
})

escalationsApi.get('/:id/export', async (c) => {
  const format = (c.req.query('format') ?? 'json') as Format
  if (!(FORMATS as readonly string[]).includes(format)) {
    throw new AppError('validation', { format: { key: 'console:escalation.errors.format' } })
  }
  const lang = langOf(c)
  const pkg = await exportPackage(c.get('deps'), c.get('actor'), id(c), lang)
  const t = tFor(lang)
  const name = `escalation-${pkg.id}.${format}`
  if (format === 'json') return c.body(toJson(pkg), 200, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` })
  if (format === 'md') return c.body(toMarkdown(pkg, t), 200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': `attachment; filename="${name}"` })
  return c.body(toHtml(pkg, t), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': `inline; filename="${name}"` })
})
