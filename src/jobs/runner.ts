/**
 * @module jobs/runner
 * Runs due jobs with exponential back-off. A job that keeps failing is retried for about two
 * weeks (Twilio may take up to 14 days to finalise a record), then abandoned with a log line
 * naming only its kind.
 */
import { dayOf, minuteCeil } from '../clock.js'
import type { Deps } from '../deps.js'
import { nextTurn } from '../next-turn.js'
import { TwilioApiError, NOT_YET_DELETABLE, deleteRecord } from '../twilio/rest.js'
import type { JobKind, JobPayloads } from './queue.js'

type Handler<K extends JobKind> = (deps: Deps, payload: JobPayloads[K]) => Promise<void>

const handlers: { [K in JobKind]?: Handler<K> } = {
  'twilio.delete': (deps, p) => deleteRecord(deps, p.resource, p.sid),
}

/** Register the handler of a job kind (the voice channel registers `recording.fetch`). */
export function registerJobHandler<K extends JobKind>(kind: K, handler: Handler<K>): void {
  ;(handlers as Record<string, unknown>)[kind] = handler
}

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
export async function runDueJobs(deps: Deps, max = 25, signal?: AbortSignal): Promise<JobRun> {
  const now = deps.clock.now()
  const due = await deps.sql.all<{
    id: string
    kind: JobKind
    payload_enc: Uint8Array
    attempts: number
    run_at: number
  }>(
    'SELECT id, kind, payload_enc, attempts, run_at FROM jobs WHERE done_at IS NULL AND run_at <= ? ORDER BY run_at LIMIT ?',
    now,
    max,
  )
  const run: JobRun = { attempted: 0, done: 0, retried: 0 }
  for (const [i, job] of due.entries()) {
    if (signal?.aborted) break
    if (i > 0) await nextTurn()
    // Leasing counts the attempt, so a job being run is never mistaken for one not yet tried.
    const lease = await deps.sql.run(
      'UPDATE jobs SET run_at = ?, attempts = attempts + 1 WHERE id = ? AND run_at = ? AND done_at IS NULL',
      minuteCeil(deps.clock.now() + LEASE_MS),
      job.id,
      job.run_at,
    )
    if (lease.changes !== 1) continue // another run took it
    run.attempted++
    const handler = handlers[job.kind] as Handler<JobKind> | undefined
    try {
      if (!handler) throw new Error('no handler')
      const payload = JSON.parse(deps.crypto.decryptText(job.payload_enc, `job:${job.id}`))
      await handler(deps, payload)
      // Done: the payload (a Twilio sid) is no longer needed, so it is dropped.
      await deps.sql.run(
        // run_at goes to the day too: a finished job is kept a week, and its last lease time
        // would otherwise date the reporter's message to the minute.
        "UPDATE jobs SET done_at = ?, run_at = ?, payload_enc = X'', last_error = NULL WHERE id = ?",
        dayOf(deps.clock.now()),
        dayOf(deps.clock.now()),
        job.id,
      )
      run.done++
    } catch (err) {
      const attempts = job.attempts + 1
      const reason = err instanceof TwilioApiError ? err.message : ((err as Error)?.name ?? 'Error')
      if (attempts >= MAX_ATTEMPTS) {
        deps.log.error('job_abandoned', { kind: job.kind, attempts })
        await deps.sql.run(
          "UPDATE jobs SET done_at = ?, run_at = ?, attempts = ?, payload_enc = X'', last_error = ? WHERE id = ?",
          dayOf(deps.clock.now()),
          dayOf(deps.clock.now()),
          attempts,
          `abandoned: ${reason}`,
          job.id,
        )
      } else {
        await deps.sql.run(
          'UPDATE jobs SET attempts = ?, run_at = ?, last_error = ? WHERE id = ?',
          attempts,
          minuteCeil(deps.clock.now() + backoffMs(attempts, err)),
          reason,
          job.id,
        )
        run.retried++
      }
    }
  }
  return run
}
