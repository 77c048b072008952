/**
 * @module maintenance
 * What runs on a schedule, on both runtimes: redaction of fields kept by earlier releases, the
 * retention purge, then due background jobs.
 */
import type { Deps } from './deps.js'
import { runDueJobs } from './jobs/runner.js'
import { redactLegacyFields } from './privacy/legacy-fields.js'
import { purgeExpired } from './privacy/retention.js'
// Registers the `recording.fetch` job handler, whichever entry point runs the maintenance.
import './channels/voice/recording.js'

export async function runMaintenance(deps: Deps): Promise<void> {
  await redactLegacyFields(deps)
  const purged = await purgeExpired(deps)
  const jobs = await runDueJobs(deps)
  if (purged.total > 0 || jobs.attempted > 0) {
    deps.log.info('maintenance', { purged: purged.total, jobsDone: jobs.done, jobsRetried: jobs.retried })
  }
}
