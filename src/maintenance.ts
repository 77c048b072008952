/**
 * @module maintenance
 * What runs on a schedule, on both runtimes: redaction of fields kept by earlier releases, the
 * retention purge, then due background jobs, then staff e-mail notifications (notify/run.ts). Each works in short batches and yields between them,
 * so requests keep being served (docs/operations.md). The caller passes the job handlers
 * (jobs/handlers.ts) and logs the returned summary.
 */
import { effectiveRetention } from './privacy/retention-settings.js'
import type { Deps } from './deps.js'
import { runDueJobs, type JobHandlers, type JobRun } from './jobs/runner.js'
import { redactLegacyFields } from './privacy/legacy-fields.js'
import { purgeExpired, type PurgeResult } from './privacy/retention.js'
import { refreshSnapshotIfStale } from './stats/source.js'
import { runNotifications, type NotifyRun } from './notify/run.js'

export interface MaintenanceOptions {
  /** Stop between batches once aborted (shutdown). */
  signal?: AbortSignal
  /** Purge at most this many cases in this run (Workers: the Cron's CPU limit). */
  maxCases?: number
  /** Awaited between the purge's batches: the runtime's back-pressure (Node: the WAL's size). */
  pause?: () => Promise<void>
}

export interface MaintenanceRun {
  legacy: number
  purged: PurgeResult
  jobs: JobRun
  /** Staff notifications: events fanned out, e-mails sent and retried (none while SMTP is off). */
  notify: NotifyRun
  /** Whether the statistics snapshot was rebuilt (it was older than its TTL). */
  stats: boolean
}

export async function runMaintenance(
  deps: Deps,
  handlers: JobHandlers,
  opts: MaintenanceOptions = {},
): Promise<MaintenanceRun> {
  const legacy = await redactLegacyFields(deps, undefined, opts.signal)
  // The admin's retention settings over the environment's (privacy/retention-settings.ts).
  const purged = await purgeExpired(deps, await effectiveRetention(deps), { signal: opts.signal, maxCases: opts.maxCases, pause: opts.pause })
  const jobs = await runDueJobs(deps, handlers, undefined, opts.signal)
  // A failing SMTP server costs retries here, never an intake: events only wrote an outbox row.
  const notify = await runNotifications(deps, { signal: opts.signal })
  const stats = await refreshSnapshotIfStale(deps, opts.signal)
  return { legacy, purged, jobs, notify, stats }
}

/** Whether a run did anything worth a log line. */
export const didWork = (run: MaintenanceRun) => run.legacy > 0 || run.purged.total > 0 || run.jobs.attempted > 0 || run.notify.events > 0 || run.notify.sent + run.notify.retried + run.notify.abandoned > 0

/** The log fields of a run (counts only). */
export function maintenanceSummary(run: MaintenanceRun) {
  return {
    legacyRedacted: run.legacy,
    purged: run.purged.total,
    purgedCases: run.purged.cases,
    batches: run.purged.batches,
    complete: run.purged.complete,
    batchMaxMs: Math.round(run.purged.batchMaxMs * 10) / 10,
    jobsDone: run.jobs.done,
    jobsRetried: run.jobs.retried,
    notificationsSent: run.notify.sent,
    notificationsRetried: run.notify.retried,
  }
}
