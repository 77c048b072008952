/** @jsxImportSource hono/jsx */
/**
 * @module console/stats-pages
 * The statistics dashboard (GET /console/stats: admins, monitors, organisations, each over their
 * scope) with four server-rendered SVG charts: cases per month by right, top facilities (named
 * from the facility registry), channel mix, time to first response. Every figure comes from the
 * same suppressed base as GET /api/v1/stats (docs/analytics.md). Admins also change k, the public
 * page switch and the lattice here (POST /console/stats/settings, CSRF-checked, audited).
 */
import { Hono } from 'hono'
import { AppError } from '../errors.js'
import { CASE_READERS } from '../cases/scope.js'
import { BASE_DIMENSIONS, domainOf, monthsBetween } from '../stats/dimensions.js'
import { figures } from '../stats/figures.js'
import { labelOf } from '../stats/labels.js'
import { monthOfTime, monthsBefore } from '../stats/query.js'
import { setK, setLattice, setPublic, statsSettings } from '../stats/settings.js'
import { facilityDomain } from '../stats/facility-domain.js'
import { baseFor, type Base } from '../stats/source.js'
import type { Lang, TFunction } from '../i18n/index.js'
import { barsFrom, StatsChart } from '../views/stats-chart.js'
import { field, fields, requireStaff, type ConsoleEnv } from './middleware.js'
import { ConsoleLayout, Csrf } from './views/layout.js'
import type { Actor } from '../cases/scope.js'

/** Mounted at /console/stats by createApp. */
export const statsPages = new Hono<ConsoleEnv>()

/** The dashboard's period: the last 12 months, this one included. */
const DASHBOARD_MONTHS = 12

interface Chart {
  id: string
  key: string
  by: string[]
}

const CHARTS: Chart[] = [
  { id: 'by-month', key: 'byMonth', by: ['month', 'right'] },
  { id: 'facilities', key: 'facilities', by: ['facility'] },
  { id: 'channels', key: 'channels', by: ['channel'] },
  { id: 'response', key: 'response', by: ['ack'] },
]

/** Everything the dashboard shows, computed from one base (the benchmark times this). */
export function dashboardFigures(base: Base, k: number, now: number) {
  const to = monthOfTime(now)
  const from = monthsBefore(to, DASHBOARD_MONTHS - 1)
  const months = monthsBetween(from, to)
  const period = base.lattice.includes('month') ? new Set(months) : undefined
  const out = new Map<string, Map<string, number> | undefined>()
  for (const c of CHARTS) {
    const ok = c.by.every((d) => base.lattice.includes(d))
    out.set(c.id, ok ? figures(base.cells, base.lattice, c.by, k, period) : undefined)
  }
  return { from, to, months, figures: out }
}

function Dashboard(props: {
  lang: Lang
  t: TFunction
  actor: Actor
  k: number
  base: Base
  now: number
  /** Facility id → registry name. */
  facilityNames: ReadonlyMap<string, string>
  settings?: { public: boolean; lattice: string[] }
  done?: string | undefined
  error?: string | undefined
}) {
  const { t, lang, k, base } = props
  const d = dashboardFigures(base, k, props.now)
  const vars = { from: d.from, to: d.to, k }
  const common = { k, caption: t('console:stats.table.caption'), countLabel: t('console:stats.table.count') }
  const charts = CHARTS.map((c) => {
    const fig = d.figures.get(c.id)
    const title = t(`console:stats.chart.${c.key}.title`)
    const desc = t(`console:stats.chart.${c.key}.desc`, vars)
    if (!fig) {
      const why = t('console:stats.errors.notInLattice', { dims: base.lattice.join(', ') })
      return <StatsChart id={c.id} title={title} desc={desc} series={[]} bars={[]} empty={why} {...common} />
    }
    const barDim = c.by[0]!
    // Facilities: the ten registry facilities with the largest published figures (a function of
    // the rounded base); cases under no facility are not a facility.
    const barKeys =
      barDim === 'facility'
        ? [...fig]
            .map(([key, n]) => [(JSON.parse(key) as string[])[0]!, n] as const)
            .filter(([id]) => id !== 'none')
            .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
            .slice(0, 10)
            .map(([id]) => id)
        : domainOf(barDim, d.months)
    let seriesKeys: string[] | undefined
    let series = [t('console:stats.table.count')]
    if (c.by.length === 2) {
      const used = new Set([...fig.keys()].map((key) => (JSON.parse(key) as string[])[1]!))
      seriesKeys = domainOf(c.by[1]!, d.months).filter((s) => used.has(s))
      series = seriesKeys.map((s) => labelOf(c.by[1]!, s, lang, t))
    }
    const label = (v: string) => (barDim === 'facility' ? (props.facilityNames.get(v) ?? v) : labelOf(barDim, v, lang, t))
    const bars = barsFrom(fig, barKeys, seriesKeys, label)
    return (
      <section>
        <StatsChart id={c.id} title={title} desc={desc} series={series} bars={bars} empty={t('console:stats.empty', { k })} {...common} />
        <p>
          <a href={`/api/v1/stats?by=${c.by.join(',')}&from=${d.from}&to=${d.to}&format=csv`}>{t('console:stats.csv')}</a>
        </p>
      </section>
    )
  })
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:stats.title')} actor={props.actor}>
      <h1>{t('console:stats.title')}</h1>
      <p>{t('console:stats.intro', { k })}</p>
      <p>
        {props.actor.role === 'admin' ? t('console:stats.scopeAll') : t('console:stats.scopeOwn')}{' '}
        {t('console:stats.asOf', { time: new Date(base.asOf).toISOString().slice(0, 16).replace('T', ' '), from: d.from, to: d.to })}
      </p>
      {props.done ? <p role="status">{t('console:stats.settings.saved')}</p> : null}
      {props.error ? <p role="alert">{props.error}</p> : null}
      {charts}
      {props.settings ? (
        <section>
          <h2>{t('console:stats.settings.title')}</h2>
          <form method="post" action="/console/stats/settings">
            <Csrf actor={props.actor} />
            <p>
              <label for="k">{t('console:stats.settings.k')}</label>{' '}
              <input id="k" name="k" type="number" min="3" max="100" value={String(k)} required />
            </p>
            <fieldset>
              <legend>{t('console:stats.settings.public')}</legend>
              <label>
                <input type="radio" name="public" value="on" checked={props.settings.public} /> {t('console:stats.settings.on')}
              </label>{' '}
              <label>
                <input type="radio" name="public" value="off" checked={!props.settings.public} /> {t('console:stats.settings.off')}
              </label>
            </fieldset>
            <fieldset>
              <legend>{t('console:stats.settings.lattice')}</legend>
              <p>{t('console:stats.settings.latticeHint')}</p>
              {BASE_DIMENSIONS.map((dim) => (
                <label>
                  <input type="checkbox" name="lattice" value={dim} checked={props.settings!.lattice.includes(dim)} />{' '}
                  {t(`console:stats.dims.${dim}`)}{' '}
                </label>
              ))}
            </fieldset>
            <button type="submit">{t('console:stats.settings.save')}</button>
          </form>
          <p>
            <a href={`/${lang}/transparency`}>{t('console:stats.settings.publicLink')}</a>
          </p>
        </section>
      ) : null}
    </ConsoleLayout>
  )
}

statsPages.get('/', requireStaff(CASE_READERS, 'page'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const t = c.get('t')
  const s = await statsSettings(deps)
  const base = await baseFor(deps, actor)
  const { names } = await facilityDomain(deps)
  const errorField = c.req.query('error')
  return c.html(
    <Dashboard
      lang={c.get('lang')}
      t={t}
      actor={actor}
      k={s.k}
      base={base}
      now={deps.clock.now()}
      facilityNames={names}
      {...(actor.role === 'admin' ? { settings: { public: s.public, lattice: s.lattice } } : {})}
      done={c.req.query('done')}
      error={
        errorField === 'k'
          ? t('console:stats.errors.k', { min: 3, max: 100 })
          : errorField === 'lattice'
            ? t('console:stats.errors.latticeSetting', { dims: BASE_DIMENSIONS.join(', ') })
            : undefined
      }
    />,
  )
})

statsPages.post('/settings', requireStaff(['admin'], 'page'), async (c) => {
  const deps = c.get('deps')
  const actor = c.get('actor')
  const k = await field(c, 'k')
  const pub = await field(c, 'public')
  const lattice = await fields(c, 'lattice')
  if (pub !== 'on' && pub !== 'off') throw new AppError('bad_request')
  // Check everything before changing anything: a bad value changes nothing.
  const kOk = /^\d{1,3}$/.test(k) && Number(k) >= 3 && Number(k) <= 100
  if (!kOk) return c.redirect('/console/stats?error=k', 303)
  if (lattice.length === 0 || lattice.some((d) => !BASE_DIMENSIONS.includes(d))) {
    return c.redirect('/console/stats?error=lattice', 303)
  }
  const s = await statsSettings(deps)
  if (Number(k) !== s.k) await setK(deps, actor.id, k)
  if ((pub === 'on') !== s.public) await setPublic(deps, actor.id, pub === 'on')
  if (lattice.join(',') !== s.lattice.join(',')) await setLattice(deps, actor.id, lattice)
  return c.redirect('/console/stats?done=settings', 303)
})
