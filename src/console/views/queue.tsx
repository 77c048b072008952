/** @jsxImportSource hono/jsx */
/**
 * @module console/views/queue
 * The queue: a GET filter form (works without JavaScript) and a table sorted by priority, then
 * age, with the next deadline of each case; a "next page" link when there are more.
 */
import { commitmentLabel, getCatalog } from '../../catalog/index.js'
import { nextClock } from '../../cases/clocks.js'
import { CHANNELS, STATUSES, type QueueFilters, type QueueItem } from '../../cases/queue.js'
import type { Actor } from '../../cases/scope.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { OUTCOMES } from '../../cases/staff-actions.js'
import { ConsoleLayout, Csrf, day } from './layout.js'

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  filters: QueueFilters
  cases: QueueItem[]
  /** The cursor of the next page, or null on the last one. */
  next: string | null
  /** Monitors a case may be assigned to (bulk assignment; empty for NGOs). */
  monitors?: { id: string; email: string }[]
  /** The actor's saved filters. */
  saved?: { id: string; name: string; query: string }[]
  /** What the last bulk action or filter save did. */
  notice?: string | undefined
  error?: string | undefined
}

/** The filters as a query string (no cursor): saved filters and the bulk form's way back. */
export function filterQuery(filters: QueueFilters): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'after' || v === undefined || v === false) continue
    q.set(k, v === true ? '1' : String(v))
  }
  return q.toString()
}

/** The queue URL of the page after `next`, with the same filters. */
function nextHref(filters: QueueFilters, next: string): string {
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(filters)) {
    if (k === 'after' || v === undefined || v === false) continue
    q.set(k, v === true ? '1' : String(v))
  }
  q.set('after', next)
  return `/console/queue?${q.toString()}`
}

function Select(props: {
  name: string
  label: string
  value: string | undefined
  options: [string, string][]
  any: string
}) {
  return (
    <label>
      {props.label}
      <select name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map(([v, l]) => (
          <option value={v} selected={props.value === v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  )
}

export function QueuePage({ lang, t, actor, filters, cases, next, monitors = [], saved = [], notice, error }: Props) {
  const worker = actor.role === 'admin' || actor.role === 'monitor'
  const catalog = getCatalog()
  const any = t('console:filter.any')
  const statusOptions: [string, string][] = [
    ['open', t('console:filter.open')],
    ['all', t('console:filter.all')],
    ...STATUSES.map((s): [string, string] => [s, t(`console:status.${s}`)]),
  ]
  const assigned: [string, string][] = [['me', t('console:filter.me')]]
  if (actor.role === 'admin') assigned.push(['unrouted', t('console:filter.unrouted')])
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:queue.title')} actor={actor}>
      <h1>{t('console:queue.title')}</h1>
      {/* On a phone the cases come before the long filter form (styles.ts: .queue-page). */}
      <div class="queue-page">
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {saved.length > 0 ? (
        <nav class="saved" aria-label={t('console:daily.saved.title')}>
          <span>{t('console:daily.saved.title')}:</span>{' '}
          {saved.map((f) => (
            <span class="saved-filter">
              <a href={`/console/queue?${f.query}`}>{f.name}</a>
              <form method="post" action={`/console/filters/${f.id}/delete`} class="inline">
                <Csrf actor={actor} />
                <button type="submit" class="link" aria-label={t('console:daily.saved.delete', { name: f.name })}>
                  ×
                </button>
              </form>
            </span>
          ))}
        </nav>
      ) : null}
      <form method="get" action="/console/queue" class="search" role="search">
        <label>
          {t('console:daily.search.label')}
          <input type="search" name="q" value={filters.q ?? ''} maxlength={120} />
        </label>
        <button type="submit">{t('console:daily.search.submit')}</button>
      </form>
      <form
        method="get"
        action="/console/queue"
        class="filters"
        aria-label={t('console:filter.label')}
      >
        <label>
          {t('console:filter.status')}
          <select name="status">
            {statusOptions.map(([v, l]) => (
              <option value={v} selected={(filters.status ?? 'open') === v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <Select
          name="right"
          label={t('console:filter.right')}
          value={filters.right}
          any={any}
          options={Object.entries(catalog.rights).map(([k, r]) => [k, r.title[lang]])}
        />
        <Select
          name="commitment"
          label={t('console:filter.commitment')}
          value={filters.commitment}
          any={any}
          options={catalog.commitments
            .filter((c) => !c.meta)
            .map((c) => [c.code, commitmentLabel(catalog, c, lang)])}
        />
        <Select
          name="country"
          label={t('console:filter.country')}
          value={filters.country}
          any={any}
          options={Object.entries(catalog.countries).map(([k, c]) => [k, c.name[lang]])}
        />
        <Select
          name="sector"
          label={t('console:filter.sector')}
          value={filters.sector}
          any={any}
          options={Object.entries(catalog.sectors).map(([k, s]) => [k, s.title[lang]])}
        />
        <Select
          name="channel"
          label={t('console:filter.channel')}
          value={filters.channel}
          any={any}
          options={CHANNELS.map((ch) => [ch, t(`console:channel.${ch}`)])}
        />
        <Select
          name="assigned"
          label={t('console:filter.assigned')}
          value={filters.assigned}
          any={any}
          options={assigned}
        />
        <label>
          {t('console:filter.facility')}
          <input type="text" name="facility" value={filters.facility ?? ''} />
        </label>
        <Select
          name="sort"
          label={t('console:escalation.queue.sort')}
          value={filters.sort}
          any={t('console:escalation.queue.sortPriority')}
          options={[['due', t('console:escalation.queue.sortDue')]]}
        />
        <Select
          name="due"
          label={t('console:escalation.queue.due')}
          value={filters.due}
          any={any}
          options={[
            ['overdue', t('console:escalation.queue.dueOverdue')],
            ['week', t('console:escalation.queue.dueWeek')],
            ['any', t('console:escalation.queue.dueAny')],
          ]}
        />
        {filters.q ? <input type="hidden" name="q" value={filters.q} /> : null}
        <button type="submit">{t('console:filter.apply')}</button>
      </form>
      <form method="post" action="/console/filters" class="save-filter">
        <Csrf actor={actor} />
        <input type="hidden" name="query" value={filterQuery(filters)} />
        <label>
          {t('console:daily.saved.name')}
          <input type="text" name="name" maxlength={60} required />
        </label>
        <button type="submit" class="secondary">
          {t('console:daily.saved.save')}
        </button>
      </form>
      <p>{t('console:queue.count', { count: cases.length })}</p>
      {cases.length === 0 && actor.role === 'ngo' ? <p id="empty-queue">{t('console:partners.emptyQueue')}</p> : null}
      {cases.length === 0 ? null : (
        <form method="post" action="/console/bulk" class="bulk">
          <Csrf actor={actor} />
          <input type="hidden" name="back" value={filterQuery(filters)} />
          <table class="queue">
            <thead>
              <tr>
                {worker ? <th><span class="visually-hidden">{t('console:daily.bulk.select')}</span></th> : null}
                <th>{t('console:case.reference')}</th>
                <th>{t('console:case.status')}</th>
                <th>{t('console:daily.summary')}</th>
                <th>{t('console:case.where')}</th>
                <th>{t('console:case.rights')}</th>
                <th>{t('console:case.received')}</th>
                <th>{t('console:case.nextDeadline')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((k) => {
                const next = nextClock(k.clocks)
                return (
                  <tr class={k.unread > 0 ? 'unread' : ''} data-case={k.reference}>
                    {worker ? (
                      <td class="pick">
                        <input
                          type="checkbox"
                          name="ids"
                          value={k.id}
                          id={`pick-${k.id}`}
                          aria-label={t('console:daily.bulk.pick', { reference: k.reference })}
                        />
                      </td>
                    ) : null}
                    <td>
                      <a href={`/console/cases/${k.id}`}>{k.reference}</a>
                      {k.priority === 'high' ? (
                        <span class="tag high"> {t('console:priority.high')}</span>
                      ) : null}
                      {k.unread > 0 ? (
                        <span class="tag unread-marker"> {t('console:daily.unread', { count: k.unread })}</span>
                      ) : null}
                    </td>
                    <td>{t(`console:status.${k.status}`)}</td>
                    <td>
                      <strong class="employer">{k.employer}</strong>
                      <span class="snippet">{k.snippet}</span>
                    </td>
                    <td>
                      {[
                        k.country,
                        k.sector ? (catalog.sectors[k.sector]?.title[lang] ?? k.sector) : null,
                        k.facility,
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </td>
                    <td>
                      {k.rights
                        .map(
                          (r) => catalog.rights[r as keyof typeof catalog.rights]?.title[lang] ?? r,
                        )
                        .join(', ')}
                    </td>
                    <td>{day(k.createdAt)}</td>
                    <td class={next?.state === 'overdue' ? 'overdue' : ''}>
                      {next ? `${t(next.label)}: ${day(next.dueAt)}` : ''}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {worker ? (
            <fieldset class="bulk-actions">
              <legend>{t('console:daily.bulk.title')}</legend>
              <label>
                {t('console:daily.bulk.assignTo')}
                <select name="assignTo">
                  <option value="">{t('console:daily.bulk.nobody')}</option>
                  {monitors.map((m) => (
                    <option value={m.id} selected={m.id === actor.id}>
                      {m.email}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" name="action" value="assign">
                {t('console:daily.bulk.assign')}
              </button>
              <label>
                {t('console:actions.outcome')}
                <select name="outcome">
                  <option value="">—</option>
                  {OUTCOMES.map((o) => (
                    <option value={o}>{t(`console:outcome.${o}`)}</option>
                  ))}
                </select>
              </label>
              <button type="submit" name="action" value="close" class="secondary">
                {t('console:daily.bulk.close')}
              </button>
            </fieldset>
          ) : null}
        </form>
      )}
      {next ? (
        <p>
          <a rel="next" href={nextHref(filters, next)}>
            {t('console:queue.next')}
          </a>
        </p>
      ) : null}
      </div>
    </ConsoleLayout>
  )
}
