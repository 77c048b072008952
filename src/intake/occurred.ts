/**
 * @module intake/occurred
 * When the problem happened, as structure, never as free text: a free-text date field is where a
 * worker writes "15 marzo, con Zacarías Benítez, +52 868…" and it would be stored verbatim.
 * A value is a day (`2026-03-15`), a month (`2026-03`) or a coarse choice; nothing else parses.
 */
import { DAY_MS, dayOf } from '../clock.js'

export const OCCURRED_CHOICES = ['this_week', 'this_month', 'earlier'] as const
export type OccurredChoice = (typeof OCCURRED_CHOICES)[number]

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/
const MONTH = /^(\d{4})-(\d{2})$/
/** Nothing before this is a grievance the hotline can act on; it also stops typos like 0203. */
const EARLIEST_YEAR = 1990

/**
 * Why a value does not parse, or null when it does. `today` is the UTC day of filing (a date
 * after it is a mistake).
 */
export function occurredProblem(value: string, today: number): 'format' | 'future' | null {
  if ((OCCURRED_CHOICES as readonly string[]).includes(value)) return null
  const d = DAY.exec(value) ?? MONTH.exec(value)
  if (!d) return 'format'
  const [y, m, day = '01'] = [Number(d[1]), Number(d[2]), d[3]]
  const t = Date.UTC(y, m - 1, Number(day))
  const back = new Date(t)
  if (y < EARLIEST_YEAR || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== Number(day)) return 'format'
  return t > dayOf(today) + DAY_MS ? 'future' : null // a day of slack for time zones ahead of UTC
}

/** The i18n key and parameters that say the value in the reader's language. */
export function describeOccurred(value: string, lang: string): { key: string; params?: Record<string, string> } {
  if ((OCCURRED_CHOICES as readonly string[]).includes(value)) return { key: `common:occurred.${value}` }
  const day = DAY.test(value)
  const [y = 0, m = 1, d = 1] = value.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d))
  const fmt = new Intl.DateTimeFormat(lang, {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'long',
    ...(day ? { day: 'numeric' } : {}),
  })
  return { key: day ? 'common:occurred.day' : 'common:occurred.month', params: { date: fmt.format(date) } }
}
