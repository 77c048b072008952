/**
 * @module cli/seed-bench
 * `seed bench --cases N` (development only): fill the database with a realistic caseload for
 * benchmarks, through the store, and print how fast it went.
 */
import { parseArgs } from 'node:util'
import { performance } from 'node:perf_hooks'
import type { SqliteDb } from '../store/sqlite.js'
import { writeCaseload } from './caseload.js'
import { withRuntime } from './runtime.js'

/** Receipts printed so that follow-up can be tried on the big database. */
const REAL_RECEIPTS = 3

/**
 * Bulk-load settings for this connection: a large page cache, and, when no other connection has
 * the file open, a rollback journal without fsync. New pages are then written once; in WAL mode
 * they are written to the WAL and again at the checkpoint. A crash of this process still rolls
 * back cleanly (the journal is on disk); only a crash of the machine could lose the seed.
 * Returns what puts the database back as the server runs it.
 */
function bulkLoad(db: SqliteDb): () => void {
  db.pragma('cache_size = -1000000') // 1 GB
  let journal = 'wal'
  try {
    journal = db.pragma('journal_mode = TRUNCATE', { simple: true }) as string
    if (journal === 'truncate') db.pragma('synchronous = OFF')
  } catch {
    // The server has the database open: stay in WAL mode.
  }
  return () => {
    if (journal !== 'truncate') return
    db.pragma('synchronous = NORMAL')
    db.pragma('journal_mode = WAL')
  }
}

export async function seedBench(args: string[]) {
  const { values } = parseArgs({ args, options: { cases: { type: 'string', default: '100000' } } })
  const cases = Number(values.cases)
  if (!Number.isSafeInteger(cases) || cases < 1) throw new Error('--cases must be a whole number of at least 1')
  await withRuntime(async (rt) => {
    if (rt.config.env === 'production') throw new Error('seed bench is for development only')
    const restore = bulkLoad(rt.db)
    const started = performance.now()
    let shown = 0
    try {
      const r = await writeCaseload(rt.deps, {
        cases,
        realReceipts: Math.min(REAL_RECEIPTS, cases),
        progress(written) {
          if (written - shown >= 100_000 || written === cases) {
            shown = written
            process.stderr.write(`  ${written.toLocaleString('en')} cases\n`)
          }
        },
      })
      const seconds = (performance.now() - started) / 1000
      console.log(
        `seeded ${r.cases} cases, ${r.messages} messages and ${r.events} events in ${seconds.toFixed(1)} s: ` +
          `${Math.round(r.cases / seconds)} cases/s`,
      )
      console.log(`receipts that open a case (the others are stand-ins): ${r.receipts.join(', ')}`)
    } finally {
      restore()
    }
  })
}
