/**
 * @module facilities/suppress
 * Small-count suppression for the facility page: a count outside the viewer's own scope is shown
 * only when it is at least k, else as "<k" (0 stays 0: an empty cell says nothing about anyone).
 * The one call site is facilities/report.ts; the general suppression of the statistics work is
 * meant to replace this function there.
 */

/** The default k (design §3, GET /api/v1/stats). */
export const DEFAULT_K = 5

/** `count` when it is 0 or at least `k`, else the string `<k`. */
export function suppress(count: number, k = DEFAULT_K): number | `<${number}` {
  return count === 0 || count >= k ? count : `<${k}`
}
