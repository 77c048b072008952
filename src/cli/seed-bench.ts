/**
 * @module cli/seed-bench
 * `seed bench --cases N` (development only): fill the database with a realistic caseload for
 * benchmarks, through the store, and print how fast it went.
 */
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import { bulkLoad } from '../store/sqlite-bulk.js'
import { writeCaseload } from './caseload.js'
import { withRuntime } from './runtime.js'

/** Receipts printed so that follow-up can be tried on the big database. */
const REAL_RECEIPTS = 3

export async function seedBench(args: string[]) {
  const { values } = parseArgs({ args, options: { cases: { type: 'string', default: '100000' } } })
  const cases = Number(values.cases)
  if (!Number.isSafeInteger(cases) || cases < 1) throw new Error('--cases must be a whole number of at least 1')
  await withRuntime(async (rt) => {
    if (rt.config.env === 'production') throw new Error('seed bench is for development only')
    const bulk = bulkLoad(rt.db)
    const started = performance.now()
    const cpuBefore = process.cpuUsage()
    let shown = 0
    try {
      const r = await writeCaseload(rt.deps, {
        cases,
        sink: bulk.sink,
        realReceipts: Math.min(REAL_RECEIPTS, cases),
        progress(written) {
          if (written - shown >= 100_000 || written === cases) {
            shown = written
            process.stderr.write(`  ${written.toLocaleString('en')} cases\n`)
          }
        },
      })
      bulk.finish() // the deferred join rows, indexes and triggers are built here: part of the time
      const seconds = (performance.now() - started) / 1000
      // CPU time too: on a shared machine the wall clock also counts waiting for a core.
      const cpu = process.cpuUsage(cpuBefore)
      const cpuSeconds = (cpu.user + cpu.system) / 1e6
      console.log(
        `seeded ${r.cases} cases, ${r.messages} messages and ${r.events} events in ${seconds.toFixed(1)} s: ` +
          `${Math.round(r.cases / seconds)} cases/s (${cpuSeconds.toFixed(1)} s of CPU: ${Math.round(r.cases / cpuSeconds)} cases per CPU second)`,
      )
      console.log(`receipts that open a case (the others are stand-ins): ${r.receipts.join(', ')}`)
    } finally {
      bulk.finish()
    }
  })
}
