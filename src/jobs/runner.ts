/**
 * @module jobs/runner
 * Runs due jobs with exponential back-off. A job that keeps failing is retried for about two
 * weeks (Twilio may take up to 14 days to finalise a record), then abandoned with a log line
 * naming only its kind. What each kind does is a handler, passed in by the caller (the map that
 * entry points and tests pass is jobs/handlers.ts).
 */
import { dayOf, minuteCeil } from '../clock.js'
import type { Deps } from '../deps.js'
import { nextTurn } from '../next-turn.js'
import * as jobs from '../store/jobs.js'
import { TwilioApiError, NOT_YET_DELETABLE } from '../twilio/rest.js'
import type { JobKind, JobPayloads } from './queue.js'

/** What a job of kind K does with its (decrypted) payload. */
export type JobHandler<K extends JobKind> = (deps: Deps, payload: JobPayloads[K]) => Promise<void>

/** The handler of every job kind. */
export type JobHandlers = { [K in JobKind]: JobHandler<K> }

export const MAX_ATTEMPTS = 30
/** A job being run is leased for this long, so overlapping runs (two cron ticks, two processes) skip it. */
export const LEASE_MS = 10 * 60_000
const MAX_DELAY_MS = 12 * 3_600_000

/** Delay before the next try: 1 min, 2, 4… capped at 12 h; never under a minute for 20009. */
export function backoffMs(attempts: number, err: unknown): number {
  const d = Math.min(60_000 * 2 ** Math.max(0, attempts - 1), MAX_DELAY_MS)
  return err instanceof TwilioApiError && err.code === NOT_YET_DELETABLE ? Math.max(d, 60_000) : d
}

export interface JobRun {
  attempted: number
  done: number
  retried: number
}

/** Run up to `max` due jobs, one per turn of the event loop; stop between jobs once `signal` aborts. */
export async function runDueJobs(
  deps: Deps,
  handlers: JobHandlers,
  max = 25,
  signal?: AbortSignal,
): Promise<JobRun> {
  const now = deps.clock.now()
  const due = await jobs.due<JobKind>(deps.sql, now, max)
  const run: JobRun = { attempted: 0, done: 0, retried: 0 }
  for (const [i, job] of due.entries()) {
    if (signal?.aborted) break
    if (i > 0) await nextTurn()
    // Leasing counts the attempt, so a job being run is never mistaken for one not yet tried.
    const lease = await jobs.lease(deps.sql, job.id, job.run_at, minuteCeil(deps.clock.now() + LEASE_MS))
    if (lease.changes !== 1) continue // another run took it
    run.attempted++
    const handler = handlers[job.kind] as JobHandler<JobKind> | undefined
    try {
      if (!handler) throw new Error('no handler')
      const payload = JSON.parse(deps.crypto.decryptText(job.payload_enc, `job:${job.id}`))
      await handler(deps, payload)
      // Done: the payload (a Twilio sid) is no longer needed, so it is dropped.
      // run_at goes to the day too: a finished job is kept a week, and its last lease time
      // would otherwise date the reporter's message to the minute.
      await jobs.markDone(deps.sql, job.id, dayOf(deps.clock.now()))
      run.done++
    } catch (err) {
      const attempts = job.attempts + 1
      const reason = err instanceof TwilioApiError ? err.message : ((err as Error)?.name ?? 'Error')
      if (attempts >= MAX_ATTEMPTS) {
        deps.log.error('job_abandoned', { kind: job.kind, attempts })
        await jobs.abandon(deps.sql, job.id, dayOf(deps.clock.now()), attempts, `abandoned: ${reason}`)
      } else {
        await jobs.retry(deps.sql, job.id, attempts, minuteCeil(deps.clock.now() + backoffMs(attempts, err)), reason)
        run.retried++
      }
    }
  }
  return run
}
