/** @jsxImportSource hono/jsx */
/**
 * @module console/audit-page
 * GET /console/audit (admins): the audit log, newest first, 100 rows a page (`before=` the last
 * seq shown), optionally one action or one case reference. Details are the row's JSON data,
 * which never holds reporter text (audit/log.ts). Viewing is itself audited (`audit_view`).
 */
import { Hono } from 'hono'
import { append } from '../audit/log.js'
import { AppError } from '../errors.js'
import * as view from '../store/audit-view.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'
import { ConsoleLayout, day } from './views/layout.js'

export const AUDIT_PAGE = 100

export const auditPages = new Hono<ConsoleEnv>()

auditPages.get('/', requireStaff(['admin'], 'page'), async (c) => {
  const deps = c.get('deps')
  const t = c.get('t')
  const lang = c.get('lang')
  const actor = c.get('actor')
  const action = c.req.query('action')?.trim().slice(0, 60) || undefined
  const caseReference = c.req.query('case')?.trim().slice(0, 60) || undefined
  const beforeRaw = c.req.query('before')
  if (beforeRaw !== undefined && !/^\d{1,15}$/.test(beforeRaw))
    throw new AppError('validation', { before: { key: 'console:errors.invalid' } })
  const before = beforeRaw === undefined ? undefined : Number(beforeRaw)
  const rows = await view.newest(deps.sql, { action, caseReference, before }, AUDIT_PAGE)
  const actions = await view.actions(deps.sql)
  await append(deps, { actorId: actor.id, action: 'audit_view', data: { count: rows.length } })
  const more = rows.length === AUDIT_PAGE ? rows[rows.length - 1]!.seq : undefined
  const q = (extra: Record<string, string>) => {
    const p = new URLSearchParams()
    if (action) p.set('action', action)
    if (caseReference) p.set('case', caseReference)
    for (const [k, v] of Object.entries(extra)) p.set(k, v)
    return `/console/audit?${p.toString()}`
  }
  return c.html(
    <ConsoleLayout lang={lang} t={t} title={t('console:daily.audit.title')} actor={actor}>
      <h1>{t('console:daily.audit.title')}</h1>
      <p>{t('console:daily.audit.intro')}</p>
      <form method="get" action="/console/audit" class="filters">
        <label>
          {t('console:daily.audit.filterAction')}
          <select name="action">
            <option value="">{t('console:daily.audit.any')}</option>
            {actions.map((a) => (
              <option value={a} selected={a === action}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console:daily.audit.filterCase')}
          <input type="text" name="case" value={caseReference ?? ''} />
        </label>
        <button type="submit">{t('console:daily.audit.apply')}</button>
      </form>
      {rows.length === 0 ? (
        <p>{t('console:daily.audit.none')}</p>
      ) : (
        <table class="audit">
          <thead>
            <tr>
              <th>{t('console:daily.audit.seq')}</th>
              <th>{t('console:daily.audit.at')}</th>
              <th>{t('console:daily.audit.actor')}</th>
              <th>{t('console:daily.audit.action')}</th>
              <th>{t('console:daily.audit.case')}</th>
              <th>{t('console:daily.audit.data')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <td>{r.seq}</td>
                <td>{day(r.at)}</td>
                <td>{r.actor_email ?? t('console:daily.audit.cli')}</td>
                <td>{r.action}</td>
                <td>{r.case_reference ?? ''}</td>
                <td>
                  <code>{r.data === '{}' ? '' : r.data}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {more !== undefined ? (
        <p>
          <a rel="next" href={q({ before: String(more) })}>
            {t('console:daily.audit.older')}
          </a>
        </p>
      ) : null}
    </ConsoleLayout>,
  )
})
