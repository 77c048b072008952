/**
 * @module node/maintenance-loop
 * On Node, retention purge and retried jobs run on an interval (Workers use a Cron Trigger).
 */
import type { Deps } from '../deps.js'
import { runMaintenance } from '../maintenance.js'

/** Start the loop; returns a function that stops it. */
export function startMaintenance(deps: Deps, everyMs = 60_000): () => void {
  let running = false
  const tick = async () => {
    if (running) return
    running = true
    try {
      await runMaintenance(deps)
    } catch (err) {
      deps.log.error('maintenance_failed', { name: (err as Error)?.name ?? 'Error' })
    } finally {
      running = false
    }
  }
  const timer = setInterval(tick, everyMs)
  timer.unref()
  void tick()
  return () => clearInterval(timer)
}
