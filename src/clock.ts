/**
 * @module clock
 * Time as a dependency, so that tests can move it (retention, rate limits, deadlines), and the
 * coarse times the hotline stores. A precise time tied to a reporter's action could be matched to
 * carrier or Twilio logs (a case filed 103 ms after the last SMS points at that SMS's number), so:
 * nothing tied to a reporter's action is stored finer than a minute, and anything kept past a day
 * is stored as its UTC day. Order within a day comes from the insertion sequence (rowid).
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export const MINUTE_MS = 60_000
export const DAY_MS = 86_400_000

/** The start of the minute (UTC): for rows that live less than a day. */
export const minuteOf = (ms: number): number => ms - (((ms % MINUTE_MS) + MINUTE_MS) % MINUTE_MS)

/** The start of the UTC day: for rows tied to a reporter that are kept longer. */
export const dayOf = (ms: number): number => ms - (((ms % DAY_MS) + DAY_MS) % DAY_MS)

/** The first minute boundary at or after `ms` (leases and back-offs never end early). */
export const minuteCeil = (ms: number): number => {
  const m = minuteOf(ms)
  return m === ms ? ms : m + MINUTE_MS
}
