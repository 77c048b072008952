/**
 * @module node/maintenance-loop
 * On Node, retention purge and retried jobs run on an interval (Workers use a Cron Trigger).
 * A run works in short batches and yields between them (src/maintenance.ts); here it is measured:
 * the `maintenance` log line carries the largest event-loop delay seen while it ran, which is the
 * longest any request waited behind it (or behind anything else in that time).
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import type { Deps } from '../deps.js'
import type { JobHandlers } from '../jobs/runner.js'
import { didWork, maintenanceSummary, runMaintenance } from '../maintenance.js'

/** Sampling interval of the event-loop delay monitor. */
const DELAY_RESOLUTION_MS = 10
/**
 * The first run waits this long after the server listens: health checks and the first requests
 * (each kind compiles and loads what it needs once, ~100 ms) go before a long purge.
 */
export const FIRST_RUN_AFTER_MS = 5_000

export interface MaintenanceLoop {
  /** No run starts any more; the current one stops after its batch. Resolves once it has. */
  stop(): Promise<void>
}

/** Start the loop: a first run after `firstAfterMs`, then one every `everyMs`. */
export function startMaintenance(
  deps: Deps,
  handlers: JobHandlers,
  everyMs = 60_000,
  firstAfterMs = FIRST_RUN_AFTER_MS,
  pause?: () => Promise<void>,
): MaintenanceLoop {
  const stopping = new AbortController()
  let current: Promise<void> | undefined
  const tick = () => {
    if (current || stopping.signal.aborted) return
    current = (async () => {
      const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS })
      delay.enable()
      const started = performance.now()
      try {
        const run = await runMaintenance(deps, handlers, { signal: stopping.signal, ...(pause ? { pause } : {}) })
        delay.disable()
        if (didWork(run)) {
          const ms = Math.round(performance.now() - started)
          deps.log.info('maintenance', { ...maintenanceSummary(run), ms, loopDelayMaxMs: Math.round(delay.max / 1e5) / 10 })
        }
      } catch (err) {
        deps.log.error('maintenance_failed', { name: (err as Error)?.name ?? 'Error' })
      } finally {
        delay.disable()
        current = undefined
      }
    })()
  }
  const timer = setInterval(tick, everyMs)
  timer.unref()
  const first = setTimeout(tick, firstAfterMs)
  first.unref()
  return {
    async stop() {
      stopping.abort()
      clearInterval(timer)
      clearTimeout(first)
      await current
    },
  }
}
