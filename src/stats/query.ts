/**
 * @module stats/query
 * A statistics request (`by`, period, format) checked and answered from a base: the published table
 * (every combination, counts or "<k") and its CSV. Every refusal is a translated 400 that changes
 * nothing.
 */
import { AppError } from '../errors.js'
import { QUERY_DIMENSIONS, baseOf, monthsBetween, type Domains } from './dimensions.js'
import { figures, table, tableSize, type TableCell } from './figures.js'
import type { Base } from './source.js'

/** At most this many dimensions in one breakdown, and this many rows in one table. */
export const MAX_BY = 4
export const MAX_ROWS = 20_000
/** The default period: the last 24 months, this one included. */
export const DEFAULT_MONTHS = 24

export interface StatsRequest {
  by: string[]
  from: string
  to: string
  format: 'json' | 'csv'
}

export interface StatsResult {
  cells: TableCell[]
  k: number
  by: string[]
  from: string
  to: string
  /** The lattice every figure is summed from. */
  lattice: string[]
  /** When the counts were taken (ISO time). */
  asOf: string
}

const bad = (field: string, key: string, params?: Record<string, string | number>) =>
  new AppError('validation', { [field]: { key, ...(params ? { params } : {}) } })

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/

export const monthOfTime = (ms: number) => new Date(ms).toISOString().slice(0, 7)

/** `n` months before YYYY-MM. */
export function monthsBefore(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - n
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`
}

/** Check a request's query string against the lattice in force. */
export function parseRequest(
  q: (k: string) => string | undefined,
  lattice: readonly string[],
  now: number,
  domains: Domains = {},
): StatsRequest {
  const raw = (q('by') ?? '').slice(0, 200)
  const by = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))]
  const names = { dims: QUERY_DIMENSIONS.filter((d) => lattice.includes(baseOf(d))).join(', ') }
  if (by.length === 0 || by.length > MAX_BY || by.some((d) => !QUERY_DIMENSIONS.includes(d))) {
    throw bad('by', 'console:stats.errors.by', { ...names, max: MAX_BY })
  }
  if (by.some((d) => !lattice.includes(baseOf(d)))) throw bad('by', 'console:stats.errors.notInLattice', names)
  const to = q('to') ?? monthOfTime(now)
  const from = q('from') ?? monthsBefore(to, DEFAULT_MONTHS - 1)
  if (!MONTH.test(from) || !MONTH.test(to) || from > to || monthsBetween(from, to).length > 120) {
    throw bad('period', 'console:stats.errors.period')
  }
  const format = q('format') ?? 'json'
  if (format !== 'json' && format !== 'csv') throw bad('format', 'console:stats.errors.format')
  if (tableSize(by, monthsBetween(from, to), domains) > MAX_ROWS) throw bad('by', 'console:stats.errors.tooMany', { max: MAX_ROWS })
  return { by, from, to, format }
}

/** The published table for a request. */
export function answer(base: Base, req: Pick<StatsRequest, 'by' | 'from' | 'to'>, k: number, domains: Domains = {}): StatsResult {
  const months = monthsBetween(req.from, req.to)
  const period = base.lattice.includes('month') ? new Set(months) : undefined
  const fig = figures(base.cells, base.lattice, req.by, k, period)
  return {
    cells: table(fig, req.by, k, months, domains),
    k,
    by: req.by,
    from: req.from,
    to: req.to,
    lattice: base.lattice,
    asOf: new Date(base.asOf).toISOString(),
  }
}

const csvField = (v: string | number) => {
  const s = String(v)
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/** The same cells as CSV: one column per dimension, then `count`. */
export function toCsv(r: Pick<StatsResult, 'cells' | 'by'>): string {
  const lines = [[...r.by, 'count'].join(',')]
  for (const c of r.cells) lines.push([...r.by.map((d) => c[d]!), c.count].map(csvField).join(','))
  return `${lines.join('\r\n')}\r\n`
}
