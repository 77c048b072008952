/**
 * @module routes/evidence-api
 * The evidence API (mounted at /api/v1):
 * - POST /follow-up/attachments (multipart: `receipt`, up to 3 `file`): the reporter attaches to
 *   their case; wrong receipts count like every receipt, files count per source;
 * - POST /cases/:id/attachments (multipart: `file`): staff who can see the case (an organisation:
 *   the cases it filed or was shared), session + CSRF header or bearer token;
 * - GET /cases/:id/attachments: what staff may know of the files (never their bytes).
 * Answers 201 `{"evidence": [{id, kind, mime, size, pages, durationS}]}`.
 */
import { Hono } from 'hono'
import { dayOf } from '../clock.js'
import { openByReceipt } from '../cases/reporter.js'
import { canSee, CASE_READERS } from '../cases/scope.js'
import { requireStaff, type ConsoleEnv } from '../console/middleware.js'
import { AppError } from '../errors.js'
import { isLang, tFor } from '../i18n/index.js'
import { organisationOf } from '../partners/organisations.js'
import * as cases from '../store/cases.js'
import { evidenceForStaff } from '../evidence/access.js'
import { attachToCase } from '../evidence/attach.js'
import { readUpload } from '../evidence/multipart.js'

export const evidenceApi = new Hono<ConsoleEnv>()

evidenceApi.post('/follow-up/attachments', async (c) => {
  const deps = c.get('deps')
  const { fields, files } = await readUpload(c)
  const lang = fields.language?.[0]
  if (isLang(lang)) {
    c.set('lang', lang)
    c.set('t', tFor(lang))
  }
  const receipt = fields.receipt?.[0]
  if (typeof receipt !== 'string' || receipt.length > 64) {
    throw new AppError('validation', { receipt: { key: 'intake:field.receipt' } })
  }
  const source = deps.remoteAddress(c) ?? 'unknown'
  const found = await openByReceipt(deps, receipt, source)
  if (!found.ok) throw new AppError(found.reason === 'limited' ? 'rate_limited' : 'receipt_not_found')
  // Like a message, evidence moves the case's retention clock forward.
  const stored = await attachToCase(deps, found.kase.id, files, { source: 'reporter', from: source }, [
    cases.touch(found.kase.id, dayOf(deps.clock.now())),
  ])
  return c.json({ evidence: stored }, 201)
})

evidenceApi.post('/cases/:id/attachments', requireStaff(CASE_READERS, 'api'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const id = c.req.param('id')
  if (!(await canSee(deps, actor, id))) throw new AppError('not_found')
  const { files } = await readUpload(c)
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  const stored = await attachToCase(
    deps,
    id,
    files,
    { source: actor.role === 'ngo' ? 'ngo' : 'staff', staffId: actor.id, orgId: org?.id ?? null },
  )
  return c.json({ evidence: stored }, 201)
})

evidenceApi.get('/cases/:id/attachments', requireStaff(CASE_READERS, 'api'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const id = c.req.param('id')
  if (!(await canSee(deps, actor, id))) throw new AppError('not_found')
  return c.json({ evidence: await evidenceForStaff(deps, actor, id) })
})
