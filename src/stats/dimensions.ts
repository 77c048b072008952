/**
 * @module stats/dimensions
 * What a statistic can be broken down by, and every value each dimension can take (its domain).
 * Base dimensions are columns of the lattice (store/stats.ts computes them per case); `quarter` and
 * `year` are derived from `month`. Every case counts once in every breakdown: a case's right and
 * commitment are its primary ones (first in its ranked lists), its agreement that of its primary
 * commitment. `facility` takes its values from the facility registry (admin data, passed in as
 * `Domains`), so a table lists every facility whether or not it has cases.
 *
 * Domains come from the catalog and fixed lists, never from the data: a table lists every
 * combination, so a `<k` cell says nothing about whether any case is there at all.
 */
import { getCatalog } from '../catalog/index.js'
import { OUTCOMES } from '../cases/staff-actions.js'
import { STATUSES } from '../cases/statuses.js'
import { LANGS } from '../i18n/index.js'
import { getForums } from '../escalation/forums.js'
import { BASE_DIMENSIONS, type ForumClockDef } from '../store/stats.js'

export { BASE_DIMENSIONS }

/** Dimensions computed from `month`. */
export const DERIVED = { quarter: 'month', year: 'month' } as const
/** Domains that come from admin data rather than the catalog: the registry's facility ids. */
export interface Domains {
  facility?: readonly string[]
}

export const CHANNELS = ['web', 'sms', 'voice', 'ngo', 'whatsapp'] as const
const SHORT = ['0-1', '2-7', '8-30', '31+', 'none']

/** The lattice an installation starts with (an administrator may change it: docs/analytics.md). */
export const DEFAULT_LATTICE = ['month', 'right', 'agreement', 'country', 'channel', 'ack', 'facility'] as const

/** Every dimension `by=` may name. */
export const QUERY_DIMENSIONS = [...BASE_DIMENSIONS, ...Object.keys(DERIVED)]

/** The base dimension a query dimension is read from. */
export const baseOf = (d: string): string => (DERIVED as Record<string, string>)[d] ?? d

/** `2026-11` → `2026-Q4`; `2026-11` → `2026`. */
export const quarterOf = (month: string) => `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`
export const yearOf = (month: string) => month.slice(0, 4)

/** The value of query dimension `d` for a base value of its base dimension. */
export function project(d: string, value: string): string {
  if (d === 'quarter') return quarterOf(value)
  if (d === 'year') return yearOf(value)
  return value
}

/** Months from `from` to `to` (YYYY-MM, inclusive). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let y = Number(from.slice(0, 4))
  let m = Number(from.slice(5, 7))
  const end = Number(to.slice(0, 4)) * 12 + Number(to.slice(5, 7))
  while (y * 12 + m <= end && out.length < 1200) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    if (++m > 12) (m = 1), y++
  }
  return out
}

/** Every value of query dimension `d` (months limited to the period). */
export function domainOf(d: string, months: readonly string[], domains: Domains = {}): string[] {
  const cat = getCatalog()
  switch (d) {
    case 'month':
      return [...months]
    case 'quarter':
      return [...new Set(months.map(quarterOf))]
    case 'year':
      return [...new Set(months.map(yearOf))]
    case 'right':
      return [...Object.keys(cat.rights), 'none']
    case 'commitment':
      return [...cat.commitments.filter((c) => !c.meta).map((c) => c.code), 'none']
    case 'agreement':
      return [...Object.keys(cat.agreements), 'none']
    case 'country':
      return Object.keys(cat.countries)
    case 'sector':
      return [...Object.keys(cat.sectors), 'none']
    case 'channel':
      return [...CHANNELS]
    case 'language':
      return [...LANGS]
    case 'status':
      return [...STATUSES]
    case 'outcome':
      return [...OUTCOMES, 'none']
    case 'ack':
    case 'question':
      return [...SHORT]
    case 'resolution':
      return ['0-30', '31-90', '91-365', '366+', 'open']
    case 'ack_clock':
      return ['met', 'missed', 'open']
    case 'ilc_clock':
      return ['open', 'missed', 'stopped', 'none']
    case 'forum_clock':
      return ['met', 'missed', 'open', 'stopped', 'none']
    case 'facility':
      return [...(domains.facility ?? []), 'none']
    default:
      return []
  }
}

/** Primary commitment → agreement, for the `agreement` dimension. */
export function agreementMap(): Map<string, string> {
  return new Map(getCatalog().commitments.map((c) => [c.code, c.agreement]))
}

/** Every forum clock of the escalation engine, for the `forum_clock` dimension. */
export function forumClockDefs(): ForumClockDef[] {
  return Object.entries(getForums().forums).flatMap(([kind, f]) =>
    f.clocks.map((c) => ({ kind, id: c.id, starts: c.starts, stops: c.stops, days: c.days, months: c.months })),
  )
}
