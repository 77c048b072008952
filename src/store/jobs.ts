/**
 * @module store/jobs
 * Changes to queued jobs (`jobs`) made outside the runner: cancelling armed erasure guards and
 * making jobs due now (the voice channel). Enqueueing and running are jobs/queue.ts and
 * jobs/runner.ts.
 */
import { placeholders, stmt, type Statement } from './port.js'

/** Delete these jobs unless they are done. */
export function cancel(ids: readonly string[]): Statement {
  return stmt(`DELETE FROM jobs WHERE done_at IS NULL AND id IN (${placeholders(ids.length)})`, ...ids)
}

/**
 * Make these jobs due at `at`. Only jobs never leased (attempts = 0; the runner counts an attempt
 * when it leases a job), so a job being run right now is never released to a second run.
 */
export function hurry(ids: readonly string[], at: number): Statement {
  return stmt(
    `UPDATE jobs SET run_at = ?
     WHERE done_at IS NULL AND attempts = 0 AND id IN (${placeholders(ids.length)})`,
    at,
    ...ids,
  )
}
