/**
 * @module node/checkpointer
 * WAL checkpoints off the event loop. SQLite copies the WAL back into the database inside a
 * commit (every 1,000 pages by default) and syncs the file: on the event loop that took 30–80 ms
 * a time, and after a backup had held an old snapshot for seconds, several hundred. So the server
 * turns automatic checkpoints off on its connection, and a worker thread with a connection of its
 * own runs a PASSIVE checkpoint every second (it never blocks a writer). Under steady writes a
 * PASSIVE checkpoint rarely finishes before the next write, so the WAL never starts over: the
 * purge therefore waits while the WAL is large (`walBackPressure`), and past RESTART_PAGES the
 * worker forces a RESTART. Should the worker fail, automatic checkpoints come back on.
 */
import { statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log.js'
import type { SqliteDb } from '../store/sqlite.js'

/** SQLite's default, restored if the worker stops. */
const AUTO_CHECKPOINT_PAGES = 1000
/**
 * WAL frames after which the worker forces the WAL to restart (65,536 pages: 256 MB of 4 KB
 * pages). The RESTART holds writers while it copies what is left and syncs, so it is the safety
 * valve; background work waits first (`walBackPressure`). At 200,000 cases under intake load the
 * waits alone did not let the WAL start over (it reached 1 GB before the valve), so the valve is
 * what bounds it today (docs/operations.md).
 */
const RESTART_PAGES = 65_536
/**
 * Above this WAL file size, background batches wait for the checkpointer to catch up (bytes). It
 * equals the journal_size_limit below: a restarted WAL is cut back to that size, so a file larger
 * than it is a WAL that has not started over since.
 */
export const WAL_PAUSE_BYTES = 64 * 1024 * 1024
/** How long the RESTART checkpoint may wait for the writer and readers (it holds writers meanwhile). */
const RESTART_WAIT_MS = 50
/** The WAL file's size once restarted (bytes). */
const WAL_SIZE_LIMIT = WAL_PAUSE_BYTES
// (A test passes a smaller restartPages; the file limit only shrinks a WAL that has restarted.)

// Plain JavaScript: Node 20 does not pass tsx's loader on to worker threads.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.path, { fileMustExist: true })
db.pragma('busy_timeout = ' + workerData.waitMs)
const timer = setInterval(() => {
  const [r] = db.pragma('wal_checkpoint(PASSIVE)')
  // Under steady writes a PASSIVE checkpoint rarely ends with the whole WAL copied at the moment
  // a writer starts, so the WAL is never restarted and grows without bound (74 GB during a
  // 1M-case purge). Once it is large, a RESTART copies the little that is left and waits (at most
  // waitMs) for the writer and readers, so the next writer starts the WAL from its beginning.
  if (r && r.log >= workerData.restartPages) db.pragma('wal_checkpoint(RESTART)')
}, workerData.everyMs)
parentPort.once('message', () => {
  clearInterval(timer)
  db.close()
  parentPort.close()
})
`

export interface Checkpointer {
  /**
   * Stop the worker: its connection closes, the last one, so SQLite checkpoints the WAL there.
   * Resolves once it has, or after `withinMs` (shutdown's deadline): the process may then exit
   * while that checkpoint runs, which is as safe as a crash (the WAL is kept and applied when
   * the database is next opened). Returns whether the worker finished.
   */
  stop(withinMs?: number): Promise<boolean>
}

export function startCheckpointer(
  db: SqliteDb,
  path: string,
  log: Logger,
  everyMs = 1000,
  restartPages = RESTART_PAGES,
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(WORKER, { eval: true, workerData: { driver, path, everyMs, restartPages, waitMs: RESTART_WAIT_MS } })
  let stopping = false
  db.pragma('wal_autocheckpoint = 0')
  // When the WAL restarts, SQLite truncates its file to this size instead of keeping its peak.
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`)
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      if (!stopping) {
        log.error('checkpointer_stopped', {})
        db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`)
      }
      resolve()
    }),
  )
  worker.on('error', (err) => log.error('checkpointer_failed', { name: err.name }))
  worker.unref()
  return {
    async stop(withinMs = Infinity) {
      stopping = true
      worker.ref() // the process waits for it
      worker.postMessage('stop')
      let timer: ReturnType<typeof setTimeout> | undefined
      const late = new Promise<false>((resolve) => {
        if (Number.isFinite(withinMs)) timer = setTimeout(() => resolve(false), Math.max(0, withinMs))
      })
      const finished = await Promise.race([exited.then(() => true as const), late])
      clearTimeout(timer)
      if (!finished) log.warn('checkpoint_left', { withinMs: Math.round(withinMs) })
      if (db.open) db.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`)
      return finished
    },
  }
}

/**
 * Back-pressure for background writers (the purge): while the WAL file is larger than `limit`,
 * wait in short steps (at most `maxWaitMs`) so the checkpointer's PASSIVE checkpoint can copy it
 * all during a gap between writes; the next write then starts the WAL over. A steady writer that
 * never pauses (a purge of 600,000 cases) otherwise keeps every PASSIVE checkpoint one step behind
 * and the WAL grows without bound.
 */
export function walBackPressure(path: string, limit = WAL_PAUSE_BYTES, maxWaitMs = 250, stepMs = 20) {
  const size = () => {
    try {
      return statSync(`${path}-wal`).size
    } catch {
      return 0
    }
  }
  return async (): Promise<void> => {
    for (let waited = 0; waited < maxWaitMs && size() > limit; waited += stepMs) {
      await new Promise((r) => setTimeout(r, stepMs))
    }
  }
}
