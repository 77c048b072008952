/**
 * @module clock
 * Time as a dependency, so that tests can move it (retention, rate limits, deadlines).
 */
export interface Clock {
  /** Unix milliseconds. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

export const DAY_MS = 86_400_000
