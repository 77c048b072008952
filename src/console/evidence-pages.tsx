/**
 * @module console/evidence-pages
 * The console's evidence actions (mounted at /console): upload to a case (multipart), ask the
 * custodian to open one file, and open it (POST, so that a prefetch never spends a single-use
 * approval). The opened file is sent as a download, never rendered inline on the console's
 * origin.
 */
import { Hono } from 'hono'
import { CASE_READERS, CASE_WORKERS, canSee } from '../cases/scope.js'
import { AppError } from '../errors.js'
import { openEvidence, requestEvidenceAccess } from '../evidence/access.js'
import { attachToCase } from '../evidence/attach.js'
import { EXTENSION } from '../evidence/extensions.js'
import { readUpload } from '../evidence/multipart.js'
import { organisationOf } from '../partners/organisations.js'
import { field, requireStaff, type ConsoleEnv } from './middleware.js'

export const evidencePages = new Hono<ConsoleEnv>()


evidencePages.post('/cases/:id/attachments', requireStaff(CASE_READERS, 'page'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const id = c.req.param('id')
  if (!(await canSee(deps, actor, id))) throw new AppError('not_found')
  const { files } = await readUpload(c)
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  try {
    await attachToCase(deps, id, files, {
      source: actor.role === 'ngo' ? 'ngo' : 'staff',
      staffId: actor.id,
      orgId: org?.id ?? null,
    })
  } catch (err) {
    if (err instanceof AppError && err.fields?.file) return c.redirect(`/console/cases/${id}?error=file`, 303)
    throw err
  }
  return c.redirect(`/console/cases/${id}?done=attachments#evidence`, 303)
})

evidencePages.post('/cases/:id/evidence/:eid/access', requireStaff(CASE_WORKERS, 'page'), async (c) => {
  const id = c.req.param('id')
  try {
    await requestEvidenceAccess(c.get('deps'), c.get('actor'), id, c.req.param('eid'), await field(c, 'reason'))
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') return c.redirect(`/console/cases/${id}?error=reason`, 303)
    throw err
  }
  return c.redirect(`/console/cases/${id}?done=access#evidence`, 303)
})

evidencePages.post('/cases/:id/evidence/:eid/open', requireStaff(CASE_READERS, 'page'), async (c) => {
  const eid = c.req.param('eid')
  const file = await openEvidence(c.get('deps'), c.get('actor'), c.req.param('id'), eid)
  return new Response(file.bytes as Uint8Array<ArrayBuffer>, {
    status: 200,
    headers: {
      'content-type': file.mime,
      'content-disposition': `attachment; filename="evidence-${eid.slice(0, 8)}.${EXTENSION[file.mime] ?? 'bin'}"`,
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    },
  })
})
