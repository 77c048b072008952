/** @jsxImportSource hono/jsx */
/**
 * @module console/pages
 * The queue and case pages, and the case actions as form posts (POST → 303 back to the case,
 * with `?done=` or `?error=`: the console works without JavaScript).
 */
import { Hono, type Context } from 'hono'
import { append } from '../audit/log.js'
import { listCases, viewCase } from '../cases/queue.js'
import { CASE_READERS, CASE_WORKERS } from '../cases/scope.js'
import {
  addNote,
  askReporter,
  assignCase,
  changeStatus,
  mergeCase,
  recordReviewRequest,
  requestAccess,
  tagCommitments,
} from '../cases/staff-actions.js'
import { AppError } from '../errors.js'
import { consentsForStaff, withdrawByOrganisation } from '../partners/ledger.js'
import { addOrgNote, orgNotes } from '../partners/org-notes.js'
import { listOrganisations, organisationOf } from '../partners/organisations.js'
import { referToOrganisation } from '../partners/referral.js'
import { revokeShare, shareWithOrganisation, sharesOf } from '../partners/sharing.js'
import { enabledMonitors } from '../store/staff.js'
import { listTemplates } from '../cases/templates.js'
import type { Lang } from '../i18n/index.js'
import { filtersFrom } from './api.js'
import { facilitySection } from './facility-section.js'
import { savedFilters } from './saved-filters.js'
import { field, fields, requireStaff, type ConsoleEnv } from './middleware.js'
import { CasePage } from './views/case.js'
import { QueuePage } from './views/queue.js'
import { withVoice } from './voice.js'
import { evidenceForStaff } from '../evidence/access.js'

export const casePages = new Hono<ConsoleEnv>()

casePages.get('/queue', requireStaff(CASE_READERS, 'page'), async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const t = c.get('t')
  const filters = filtersFrom((k) => c.req.query(k), actor.role === 'admin')
  const { cases, next } = await listCases(deps, actor, filters, undefined, c.get('lang'))
  await append(deps, {
    actorId: actor.id,
    action: 'queue_view',
    data: { via: 'session', count: cases.length },
  })
  const worker = actor.role === 'admin' || actor.role === 'monitor'
  const done = c.req.query('done')
  const num = (k: string) => Number(c.req.query(k) ?? 0) || 0
  const notice =
    done === 'assign' || done === 'close'
      ? t(`console:daily.bulk.done.${done}`, { count: num('n') }) +
        (num('failed') > 0 ? ` ${t('console:daily.bulk.failed', { count: num('failed') })}` : '')
      : done === 'saved'
        ? t('console:daily.saved.done')
        : undefined
  const errorField = c.req.query('error')
  const error = errorField
    ? errorField === 'ids'
      ? t('console:daily.bulk.none')
      : t('console:errors.field', { field: t(`console:fields.${errorField}`, { defaultValue: errorField }) })
    : undefined
  return c.html(
    <QueuePage
      lang={c.get('lang')}
      t={t}
      actor={actor}
      filters={filters}
      cases={cases}
      next={next}
      monitors={worker ? await enabledMonitors(deps.sql) : []}
      saved={await savedFilters(deps, actor.id)}
      notice={notice}
      error={error}
    />,
  )
})

casePages.get('/cases/:id', requireStaff(CASE_READERS, 'page'), async (c) => {
  const actor = c.get('actor')
  const deps = c.get('deps')
  const view = await viewCase(deps, actor, c.req.param('id'), c.get('lang'))
  if (!view) throw new AppError('not_found')
  const kase = await withVoice(deps, view)
  const monitors =
    actor.role === 'ngo'
      ? []
      : await enabledMonitors(deps.sql)
  const sharing =
    actor.role === 'admin' || actor.role === 'monitor'
      ? {
          organisations: (await listOrganisations(deps)).map((o) => o.name),
          shares: await sharesOf(deps, kase.id),
        }
      : undefined
  const ledger = await consentsForStaff(deps, actor, kase.id)
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  const consents = {
    consents: ledger.consents,
    withdrawable: ledger.consents.filter((x) => x.status === 'given' && org && x.orgId === org.id).map((x) => x.id),
  }
  const ngo = actor.role === 'ngo' && org ? { notes: await orgNotes(deps, actor, kase.id) } : undefined
  const t = c.get('t')
  const worker = actor.role === 'admin' || actor.role === 'monitor'
  const templates = worker ? await listTemplates(deps) : []
  const chosen = templates.find((x) => x.id === c.req.query('template'))
  const errorField = c.req.query('error')
  const error = errorField
    ? t('console:errors.field', {
        field: t(`console:fields.${errorField}`, { defaultValue: errorField }),
      })
    : undefined
  return c.html(
    <CasePage
      lang={c.get('lang')}
      t={t}
      actor={actor}
      kase={kase}
      monitors={monitors}
      sharing={sharing}
      consents={consents}
      ngo={ngo}
      facility={await facilitySection(deps, actor, kase, c.req.query('facilityError'))}
      error={error}
      done={c.req.query('done')}
      templates={templates.map(({ id, name }) => ({ id, name }))}
      template={chosen ? { id: chosen.id, text: chosen.body[kase.language as Lang] ?? chosen.body.en } : undefined}
      evidence={await evidenceForStaff(deps, actor, kase.id)}
    />,
  )
})

type Handler = (c: Context<ConsoleEnv>, caseId: string) => Promise<unknown>

/** A case action: run it, then go back to the case page (with the failing field on a 400). */
function action(name: string, handler: Handler, roles = CASE_WORKERS) {
  casePages.post(`/cases/:id/${name}`, requireStaff(roles, 'page'), async (c) => {
    const id = c.req.param('id')
    try {
      await handler(c, id)
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation') {
        const f = Object.keys(err.fields ?? {})[0] ?? name
        return c.redirect(`/console/cases/${id}?error=${encodeURIComponent(f)}`, 303)
      }
      throw err
    }
    return c.redirect(`/console/cases/${id}?done=${name}`, 303)
  })
}

action('status', async (c, id) => {
  const outcome = await field(c, 'outcome')
  return changeStatus(
    c.get('deps'),
    c.get('actor'),
    id,
    await field(c, 'status'),
    outcome || undefined,
  )
})
action('assign', async (c, id) => {
  const to = await field(c, 'assignTo')
  return assignCase(c.get('deps'), c.get('actor'), id, to || null)
})
action('commitments', async (c, id) =>
  tagCommitments(c.get('deps'), c.get('actor'), id, await fields(c, 'commitments')),
)
action('note', async (c, id) => addNote(c.get('deps'), c.get('actor'), id, await field(c, 'note')))
action(
  'question',
  async (c, id) => askReporter(c.get('deps'), c.get('actor'), id, await field(c, 'body')),
  CASE_READERS,
)
action('org-note', async (c, id) => addOrgNote(c.get('deps'), c.get('actor'), id, await field(c, 'note')), ['ngo'])
action('merge', async (c, id) =>
  mergeCase(c.get('deps'), c.get('actor'), id, await field(c, 'into')),
)
action('review-request', async (c, id) =>
  recordReviewRequest(c.get('deps'), c.get('actor'), id, await field(c, 'on')),
)
action('access', async (c, id) =>
  requestAccess(
    c.get('deps'),
    c.get('actor'),
    id,
    await field(c, 'what'),
    await field(c, 'reason'),
  ),
)
action('share', async (c, id) =>
  shareWithOrganisation(c.get('deps'), c.get('actor'), id, await field(c, 'org')),
)
action('refer', async (c, id) =>
  referToOrganisation(c.get('deps'), c.get('actor'), id, {
    org: await field(c, 'org'),
    disclose: await fields(c, 'disclose'),
    recipients: await fields(c, 'recipients'),
    until: await field(c, 'until'),
  }),
)
action('unshare', async (c, id) => revokeShare(c.get('deps'), c.get('actor'), id, await field(c, 'org')))

/** The organisation withdraws a consent it recorded. */
casePages.post('/cases/:id/consents/:cid/withdraw', requireStaff(['ngo'], 'page'), async (c) => {
  const id = c.req.param('id')
  const deps = c.get('deps')
  const actor = c.get('actor')
  const { consents } = await consentsForStaff(deps, actor, id)
  const cid = c.req.param('cid')
  if (!consents.some((x) => x.id === cid)) throw new AppError('not_found')
  await withdrawByOrganisation(deps, actor, cid)
  return c.redirect(`/console/cases/${id}?done=consent`, 303)
})
