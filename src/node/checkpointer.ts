/**
 * @module node/checkpointer
 * WAL checkpoints off the event loop. SQLite copies the WAL back into the database inside a
 * commit (every 1,000 pages by default) and syncs the file: on the event loop that took 30–80 ms
 * a time, and after a backup had held an old snapshot for seconds, several hundred. So the server
 * turns automatic checkpoints off on its connection, and a worker thread with a connection of its
 * own runs a PASSIVE checkpoint every second (it never blocks a writer), and a RESTART checkpoint
 * once the WAL passes RESTART_PAGES, so that the WAL starts over instead of growing for as long as
 * writes continue. Should the worker fail, automatic checkpoints come back on.
 */
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Logger } from '../log.js'
import type { SqliteDb } from '../store/sqlite.js'

/** SQLite's default, restored if the worker stops. */
const AUTO_CHECKPOINT_PAGES = 1000
/** WAL frames after which the worker forces the WAL to restart (8,192 pages: 32 MB of 4 KB pages). */
const RESTART_PAGES = 8192
/** How long the RESTART checkpoint may wait for the writer and readers (it holds writers meanwhile). */
const RESTART_WAIT_MS = 50
/** The WAL file's size once restarted (bytes). */
const WAL_SIZE_LIMIT = 64 * 1024 * 1024
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
