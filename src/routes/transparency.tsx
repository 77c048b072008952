/** @jsxImportSource hono/jsx */
/**
 * @module routes/transparency
 * The public transparency page, /{lang}/transparency?year=YYYY, and its CSV,
 * /{lang}/transparency/figures.csv?year=YYYY. Off until an administrator switches it on (404
 * before). It shows the same suppressed figures as the staff statistics, from the snapshot of the
 * whole caseload (docs/analytics.md): by agreement and by right, per quarter and for the year, only
 * quarters that have ended; and by facility for the year at a higher threshold (k × 2: each base
 * cell rounded down to a multiple of 2k, still a function of the rounded base), listing the
 * facilities whose figure reaches it, by their registry names.
 */
import { Hono, type Context } from 'hono'
import type { AppEnv } from '../deps.js'
import { AppError } from '../errors.js'
import type { Lang, TFunction } from '../i18n/index.js'
import { domainOf, quarterOf } from '../stats/dimensions.js'
import { display, figures } from '../stats/figures.js'
import { labelOf } from '../stats/labels.js'
import { monthOfTime, toCsv } from '../stats/query.js'
import { PUBLIC_FACILITY_FACTOR, statsSettings } from '../stats/settings.js'
import { facilityDomain } from '../stats/facility-domain.js'
import { wholeBase, type Base } from '../stats/source.js'
import { Layout } from '../views/layout.js'
import { barsFrom, StatsChart } from '../views/stats-chart.js'

/** Mounted at /{lang}/transparency by createApp. */
export const transparencyRoutes = new Hono<AppEnv>()

/** How many years back the page offers. */
const YEARS_BACK = 4
const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4']

/** The months of `year`'s quarters that ended before `now`'s quarter began. */
function endedMonths(year: string, now: number): string[] {
  const current = quarterOf(monthOfTime(now))
  const out: string[] = []
  for (let m = 1; m <= 12; m++) {
    const month = `${year}-${String(m).padStart(2, '0')}`
    if (quarterOf(month) < current) out.push(month)
  }
  return out
}

/** Years with at least one ended quarter, newest first. */
function years(now: number): string[] {
  const y = Number(monthOfTime(now).slice(0, 4))
  const out: string[] = []
  for (let i = 0; i <= YEARS_BACK; i++) if (endedMonths(String(y - i), now).length > 0) out.push(String(y - i))
  return out
}

interface YearFigures {
  year: string
  months: string[]
  quarters: string[]
  /** dim → figures keyed by [quarter, value] and by [value] for the year. */
  tables: { dim: string; byQuarter: Map<string, number>; byYear: Map<string, number> }[]
  /** Facility id → its figure for the year at k × PUBLIC_FACILITY_FACTOR (only those above 0). */
  facilities: Map<string, number> | undefined
}

function yearFigures(base: Base, k: number, year: string, now: number): YearFigures {
  const months = endedMonths(year, now)
  const period = new Set(months)
  const quarters = [...new Set(months.map(quarterOf))]
  const tables = ['agreement', 'right']
    .filter((d) => base.lattice.includes(d) && base.lattice.includes('month'))
    .map((dim) => ({
      dim,
      byQuarter: figures(base.cells, base.lattice, ['quarter', dim], k, period),
      byYear: figures(base.cells, base.lattice, [dim], k, period),
    }))
  const facilities = base.lattice.includes('facility')
    ? new Map(
        [...figures(base.cells, base.lattice, ['facility'], k * PUBLIC_FACILITY_FACTOR, period)]
          .map(([key, n]) => [(JSON.parse(key) as string[])[0]!, n] as const)
          .filter(([id]) => id !== 'none'),
      )
    : undefined
  return { year, months, quarters, tables, facilities }
}

async function load(c: Context<AppEnv>) {
  const deps = c.get('deps')
  const s = await statsSettings(deps)
  if (!s.public) throw new AppError('not_found')
  const now = deps.clock.now()
  const offered = years(now)
  const year = c.req.query('year') ?? offered[0]!
  if (!offered.includes(year)) throw new AppError('not_found')
  const base = await wholeBase(deps)
  const { names } = await facilityDomain(deps)
  return { s, now, offered, year, base, names, fig: yearFigures(base, s.k, year, now) }
}

/** The facilities of the year's table, largest first, with their registry names. */
function facilityRows(fig: YearFigures, names: ReadonlyMap<string, string>) {
  return [...(fig.facilities ?? [])]
    .map(([id, n]) => ({ id, name: names.get(id) ?? id, n }))
    .sort((a, b) => b.n - a.n || a.name.localeCompare(b.name))
}

function Page(p: { lang: Lang; t: TFunction; k: number; offered: string[]; base: Base; fig: YearFigures; names: ReadonlyMap<string, string> }) {
  const { lang, t, k, fig } = p
  const agreements = fig.tables.find((x) => x.dim === 'agreement')
  const used = agreements ? domainOf('agreement', fig.months).filter((a) => agreements.byYear.has(JSON.stringify([a]))) : []
  return (
    <Layout lang={lang} t={t} title={t('web:transparency.title')} path="transparency">
      <h1>{t('web:transparency.title')}</h1>
      <p>{t('web:transparency.intro', { k })}</p>
      <p>{t('web:transparency.asOf', { date: new Date(p.base.asOf).toISOString().slice(0, 10) })}</p>
      <h2>{t('web:transparency.year', { year: fig.year })}</h2>
      {agreements ? (
        <StatsChart
          id="quarters"
          title={t('web:transparency.chartTitle', { year: fig.year })}
          desc={t('web:transparency.chartDesc', { year: fig.year, k })}
          series={used.map((a) => labelOf('agreement', a, lang, t))}
          bars={barsFrom(agreements.byQuarter, fig.quarters, used, (q) => q.slice(5))}
          k={k}
          empty={t('web:transparency.empty', { k })}
          caption={t('console:stats.table.caption')}
          countLabel={t('console:stats.table.count')}
        />
      ) : null}
      {fig.tables.map((tb) => (
        <table class="stats">
          <caption>{t(tb.dim === 'agreement' ? 'web:transparency.byAgreement' : 'web:transparency.byRight')}</caption>
          <thead>
            <tr>
              <th scope="col"></th>
              {QUARTERS.map((q) => (
                <th scope="col">{q}</th>
              ))}
              <th scope="col">{t('web:transparency.whole')}</th>
            </tr>
          </thead>
          <tbody>
            {domainOf(tb.dim, fig.months).map((v) => (
              <tr>
                <th scope="row">{labelOf(tb.dim, v, lang, t)}</th>
                {QUARTERS.map((q) => {
                  const quarter = `${fig.year}-${q}`
                  if (!fig.quarters.includes(quarter)) return <td>–</td>
                  return <td>{String(display(tb.byQuarter.get(JSON.stringify([quarter, v])) ?? 0, k))}</td>
                })}
                <td>{String(display(tb.byYear.get(JSON.stringify([v])) ?? 0, k))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      <p>{t('web:transparency.facility', { k: k * PUBLIC_FACILITY_FACTOR })}</p>
      {facilityRows(fig, p.names).length > 0 ? (
        <table class="stats">
          <caption>{t('web:transparency.byFacility', { year: fig.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('web:transparency.facilityCol')}</th>
              <th scope="col">{t('web:transparency.whole')}</th>
            </tr>
          </thead>
          <tbody>
            {facilityRows(fig, p.names).map((f) => (
              <tr>
                <th scope="row">{f.name}</th>
                <td>{String(f.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <p>
        <a href={`/${lang}/transparency/figures.csv?year=${fig.year}`}>{t('web:transparency.csv')}</a>
      </p>
      {p.offered.length > 1 ? (
        <nav aria-label={t('web:transparency.years')}>
          <ul>
            {p.offered.map((y) => (
              <li>{y === fig.year ? y : <a href={`/${lang}/transparency?year=${y}`}>{y}</a>}</li>
            ))}
          </ul>
        </nav>
      ) : null}
    </Layout>
  )
}

transparencyRoutes.get('/', async (c) => {
  const { s, offered, base, fig, names } = await load(c)
  return c.html(<Page lang={c.get('lang')} t={c.get('t')} k={s.k} offered={offered} base={base} fig={fig} names={names} />)
})

transparencyRoutes.get('/figures.csv', async (c) => {
  const { s, fig, names } = await load(c)
  // One line per period (each ended quarter, then the year) × agreement or right.
  const by = ['period', 'dimension', 'value']
  const cells: Record<string, string | number>[] = []
  for (const tb of fig.tables) {
    const values = domainOf(tb.dim, fig.months)
    for (const q of fig.quarters) {
      for (const v of values) {
        cells.push({ period: q, dimension: tb.dim, value: v, count: display(tb.byQuarter.get(JSON.stringify([q, v])) ?? 0, s.k) })
      }
    }
    for (const v of values) {
      cells.push({ period: fig.year, dimension: tb.dim, value: v, count: display(tb.byYear.get(JSON.stringify([v])) ?? 0, s.k) })
    }
  }
  // Facilities for the year, at k × 2, those that reach it (by registry name).
  for (const f of facilityRows(fig, names)) cells.push({ period: fig.year, dimension: 'facility', value: f.name, count: f.n })
  c.header('Content-Type', 'text/csv; charset=utf-8')
  c.header('Content-Disposition', `attachment; filename="hotline-figures-${fig.year}.csv"`)
  return c.body(toCsv({ by, cells: cells as never }))
})
