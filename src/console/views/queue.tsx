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
import { ConsoleLayout, day } from './layout.js'

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  filters: QueueFilters
  cases: QueueItem[]
  /** The cursor of the next page, or null on the last one. */
  next: string | null
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

export function QueuePage({ lang, t, actor, filters, cases, next }: Props) {
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
        <button type="submit">{t('console:filter.apply')}</button>
      </form>
      <p>{t('console:queue.count', { count: cases.length })}</p>
      {cases.length === 0 && actor.role === 'ngo' ? <p id="empty-queue">{t('console:partners.emptyQueue')}</p> : null}
      {cases.length === 0 ? null : (
        <table>
          <thead>
            <tr>
              <th>{t('console:case.reference')}</th>
              <th>{t('console:case.priority')}</th>
              <th>{t('console:case.status')}</th>
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
                <tr>
                  <td>
                    <a href={`/console/cases/${k.id}`}>{k.reference}</a>
                  </td>
                  <td class={k.priority === 'high' ? 'high' : ''}>
                    {t(`console:priority.${k.priority}`)}
                  </td>
                  <td>{t(`console:status.${k.status}`)}</td>
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
      )}
      {next ? (
        <p>
          <a rel="next" href={nextHref(filters, next)}>
            {t('console:queue.next')}
          </a>
        </p>
      ) : null}
    </ConsoleLayout>
  )
}
