/**
 * @module slice-size
 * How many rows the next slice of long work (the purge) takes, so that each slice holds the event
 * loop for about `budgetMs`. A fixed count cannot: the same 50 cases took 5 ms on a quiet
 * database and over 300 ms while the WAL was large and the disk busy. After each slice the size
 * is set from the time per row just measured, at most doubling and at least halving, within
 * [min, max]. Where the clock stands still during work (workerd), a slice measures 0 ms and the
 * size grows to `max`: there a run's CPU is bounded by its case budget instead.
 */

export interface SliceSizer {
  /** Rows for the next slice. */
  readonly size: number
  /** The longest slice measured so far (ms). */
  readonly maxMs: number
  /** Record that a slice of `rows` rows took `ms`. */
  took(rows: number, ms: number): void
}

export interface SliceSizeOptions {
  first: number
  min: number
  max: number
  /** Target time of one slice (ms). */
  budgetMs: number
}

export function sliceSizer(o: SliceSizeOptions): SliceSizer {
  let size = Math.max(o.min, Math.min(o.max, o.first))
  let maxMs = 0
  return {
    get size() {
      return size
    },
    get maxMs() {
      return maxMs
    },
    took(rows, ms) {
      if (ms > maxMs) maxMs = ms
      if (rows <= 0) return
      const fit = ms > 0 ? Math.floor((o.budgetMs * rows) / ms) : Infinity
      // Move towards the fit, but no more than ×2 or ÷2 a step: one odd slice (a GC pause) must
      // not send the size to an extreme.
      const next = Math.min(size * 2, Math.max(Math.floor(size / 2), fit))
      size = Math.max(o.min, Math.min(o.max, next))
    },
  }
}

/** Milliseconds from a monotonic clock (Node and Workers both have `performance`). */
export const monotonicMs = (): number => performance.now()
