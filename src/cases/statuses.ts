/**
 * @module cases/statuses
 * A case's statuses, in order, and which of them are still open (count toward a monitor's load,
 * show in the default queue).
 */
export const STATUSES = ['new', 'triaging', 'investigating', 'escalated', 'resolved', 'closed'] as const
export type Status = (typeof STATUSES)[number]

export const OPEN_STATUSES = ['new', 'triaging', 'investigating', 'escalated'] as const

export function isStatus(v: unknown): v is Status {
  return typeof v === 'string' && (STATUSES as readonly string[]).includes(v)
}
