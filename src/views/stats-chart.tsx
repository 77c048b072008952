/** @jsxImportSource hono/jsx */
/**
 * @module views/stats-chart
 * A bar chart drawn on the server as SVG (no script): vertical bars, stacked when there is more
 * than one series, a legend, the largest value on the axis, and a `<title>` and `<desc>` that
 * screen readers announce (role="img", aria-labelledby). A bar whose figure is held back reads
 * "<k". The same figures follow in a small table for readers who prefer text.
 */

/** One bar: its label and its value per series (0 = held back or none). */
export interface ChartBar {
  label: string
  values: number[]
}

export interface ChartProps {
  id: string
  title: string
  desc: string
  series: string[]
  bars: ChartBar[]
  k: number
  /** Shown instead of the bars when no bar has a figure. */
  empty: string
  /** The table's caption and its count header. */
  caption: string
  countLabel: string
}

const COLOURS = ['#1b5e9a', '#d9822b', '#2e8b57', '#b23a48', '#6a4c93', '#8a6d3b', '#0f8b8d', '#c0392b', '#556b2f', '#7f8c8d', '#34495e', '#e67e22']

const W = 720
const LEGEND = 190
const H = 260
const TOP = 16
const BOTTOM = 56
const LEFT = 44

export function StatsChart(p: ChartProps) {
  const totals = p.bars.map((b) => b.values.reduce((a, v) => a + v, 0))
  const max = Math.max(0, ...totals)
  const plotW = W - LEGEND - LEFT - 8
  const plotH = H - TOP - BOTTOM
  const step = p.bars.length > 0 ? plotW / p.bars.length : plotW
  const barW = Math.max(2, step * 0.7)
  const y = (v: number) => (max === 0 ? 0 : (v / max) * plotH)
  const small = `<${p.k}`
  const stacked = p.series.length > 1
  return (
    <figure class="chart" id={p.id}>
      <figcaption aria-hidden="true">
        <strong>{p.title}</strong>
      </figcaption>
      <svg
        xmlns="http://www.w3.org/2000/svg"
        role="img"
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        aria-labelledby={`${p.id}-title ${p.id}-desc`}
      >
        <title id={`${p.id}-title`}>{p.title}</title>
        <desc id={`${p.id}-desc`}>{p.desc}</desc>
        <line x1={LEFT} y1={TOP + plotH} x2={LEFT + plotW} y2={TOP + plotH} stroke="#555" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + plotH} stroke="#555" />
        <text x={LEFT - 4} y={TOP + 10} text-anchor="end" font-size="11">{String(max)}</text>
        <text x={LEFT - 4} y={TOP + plotH} text-anchor="end" font-size="11">0</text>
        {max === 0 ? (
          <text x={LEFT + plotW / 2} y={TOP + plotH / 2} text-anchor="middle" font-size="14">{p.empty}</text>
        ) : null}
        {p.bars.map((b, i) => {
          const x = LEFT + i * step + (step - barW) / 2
          let acc = 0
          return (
            <g>
              {b.values.map((v, s) => {
                if (v <= 0) return null
                const h = y(v)
                acc += h
                return (
                  <rect x={x.toFixed(1)} y={(TOP + plotH - acc).toFixed(1)} width={barW.toFixed(1)} height={h.toFixed(1)} fill={COLOURS[s % COLOURS.length]}>
                    <title>{`${b.label}${stacked ? `, ${p.series[s]}` : ''}: ${v}`}</title>
                  </rect>
                )
              })}
              {totals[i] === 0 && max > 0 ? (
                <text x={(x + barW / 2).toFixed(1)} y={TOP + plotH - 3} text-anchor="middle" font-size="9">{small}</text>
              ) : null}
              <text
                x={(x + barW / 2).toFixed(1)}
                y={TOP + plotH + 12}
                font-size="10"
                text-anchor="end"
                transform={`rotate(-40 ${(x + barW / 2).toFixed(1)} ${TOP + plotH + 12})`}
              >
                {b.label}
              </text>
            </g>
          )
        })}
        {p.series.map((s, i) => (
          <g>
            <rect x={W - LEGEND + 6} y={TOP + i * 16} width="10" height="10" fill={COLOURS[i % COLOURS.length]} />
            <text x={W - LEGEND + 22} y={TOP + i * 16 + 9} font-size="11">{s}</text>
          </g>
        ))}
      </svg>
      <details>
        <summary>{p.caption}</summary>
        <table class="stats">
          <thead>
            <tr>
              <th scope="col"></th>
              {p.series.map((s) => (
                <th scope="col">{p.series.length > 1 ? s : p.countLabel}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {p.bars.map((b) => (
              <tr>
                <th scope="row">{b.label}</th>
                {b.values.map((v) => (
                  <td>{v > 0 ? String(v) : small}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  )
}

/** Bars from a figures map keyed by JSON [barValue, seriesValue] (or [barValue] for one series). */
export function barsFrom(
  fig: ReadonlyMap<string, number>,
  barKeys: readonly string[],
  seriesKeys: readonly string[] | undefined,
  barLabel: (v: string) => string,
): ChartBar[] {
  return barKeys.map((b) => ({
    label: barLabel(b),
    values: seriesKeys
      ? seriesKeys.map((s) => fig.get(JSON.stringify([b, s])) ?? 0)
      : [fig.get(JSON.stringify([b])) ?? 0],
  }))
}
