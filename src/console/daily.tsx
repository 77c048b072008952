/** @jsxImportSource hono/jsx */
/**
 * @module console/daily
 * The console's daily-work forms (issue 20), mounted at /console by createApp:
 * - POST /console/bulk: assign or close the ticked cases of a queue page (each case through the
 *   single-case action: scope, event and audit row), then 303 back to the same filters with a
 *   count of what applied and what did not;
 * - POST /console/filters, POST /console/filters/:id/delete: a staff member's saved filters;
 * - GET/POST /console/templates, POST /console/templates/:id/delete: reply templates in three
 *   languages (admins and monitors add, admins remove).
 */
import { Hono, type Context } from 'hono'
import { bulkApply } from '../cases/bulk.js'
import { CASE_WORKERS } from '../cases/scope.js'
import { addTemplate, listTemplates, removeTemplate } from '../cases/templates.js'
import { AppError } from '../errors.js'
import { LANGS } from '../i18n/index.js'
import { field, fields, requireStaff, type ConsoleEnv } from './middleware.js'
import { deleteFilter, saveFilter } from './saved-filters.js'
import { TemplatesPage } from './views/templates.js'

export const dailyPages = new Hono<ConsoleEnv>()

/** Back to the queue with its filters (a query string the page wrote; nothing else is kept). */
function queueUrl(back: string, extra: Record<string, string>): string {
  const q = new URLSearchParams(back.slice(0, 1000))
  q.delete('after')
  for (const [k, v] of Object.entries(extra)) q.set(k, v)
  return `/console/queue?${q.toString()}`
}

dailyPages.post('/bulk', requireStaff(CASE_WORKERS, 'page'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const back = await field(c, 'back')
  const kind = await field(c, 'action')
  const ids = await fields(c, 'ids')
  try {
    if (kind !== 'assign' && kind !== 'close') throw new AppError('validation', { action: { key: 'console:errors.invalid' } })
    const to = await field(c, 'assignTo')
    const r = await bulkApply(
      deps,
      actor,
      ids,
      kind === 'assign' ? { kind, to: to || null } : { kind, outcome: await field(c, 'outcome') },
    )
    return c.redirect(queueUrl(back, { done: kind, n: String(r.done), failed: String(r.failed) }), 303)
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      return c.redirect(queueUrl(back, { error: Object.keys(err.fields ?? {})[0] ?? 'ids' }), 303)
    }
    throw err
  }
})

dailyPages.post('/filters', requireStaff(['admin', 'monitor', 'ngo'], 'page'), async (c) => {
  const query = await field(c, 'query')
  try {
    await saveFilter(c.get('deps'), c.get('actor'), await field(c, 'name'), query)
  } catch (err) {
    // Back to the plain queue: the refused query itself would be refused again.
    if (err instanceof AppError && err.code === 'validation')
      return c.redirect(queueUrl('', { error: Object.keys(err.fields ?? {})[0] ?? 'name' }), 303)
    throw err
  }
  return c.redirect(queueUrl(query, { done: 'saved' }), 303)
})

dailyPages.post('/filters/:id/delete', requireStaff(['admin', 'monitor', 'ngo'], 'page'), async (c) => {
  await deleteFilter(c.get('deps'), c.get('actor').id, c.req.param('id'))
  return c.redirect('/console/queue', 303)
})

async function templatesPage(c: Context<ConsoleEnv>, status: 200 | 400, error?: string) {
  return c.html(
    <TemplatesPage
      lang={c.get('lang')}
      t={c.get('t')}
      actor={c.get('actor')}
      templates={await listTemplates(c.get('deps'))}
      error={error}
      done={c.req.query('done') !== undefined}
    />,
    status,
  )
}

dailyPages.get('/templates', requireStaff(CASE_WORKERS, 'page'), (c) => templatesPage(c, 200))

dailyPages.post('/templates', requireStaff(CASE_WORKERS, 'page'), async (c) => {
  const body: Record<string, string> = {}
  for (const l of LANGS) body[l] = await field(c, `body_${l}`)
  try {
    await addTemplate(c.get('deps'), c.get('actor'), { name: await field(c, 'name'), body })
  } catch (err) {
    if (err instanceof AppError && err.code === 'validation') {
      const t = c.get('t')
      const [f, e] = Object.entries(err.fields ?? {})[0] ?? ['name', { key: 'console:errors.invalid' }]
      return templatesPage(c, 400, `${t(`console:daily.templates.fields.${f}`)}: ${t(e.key)}`)
    }
    throw err
  }
  return c.redirect('/console/templates?done=1', 303)
})

dailyPages.post('/templates/:id/delete', requireStaff(['admin'], 'page'), async (c) => {
  await removeTemplate(c.get('deps'), c.get('actor'), c.req.param('id'))
  return c.redirect('/console/templates?done=1', 303)
})
