/**
 * @module node/shutdown
 * SIGTERM and SIGINT on Node: stop accepting connections, let the requests in flight finish (a
 * worker's report being filed is never cut off), stop maintenance after its current batch and the
 * checkpointer, close the database, exit 0. A hard deadline keeps the promise to a process manager: whatever still
 * hangs then (a client sending its body very slowly) is cut, and the process exits 1.
 */
import type { Server, ServerResponse } from 'node:http'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { ServerType } from '@hono/node-server'
import type { Logger } from '../log.js'

/** Within 5 s of the signal, with room for the exit itself. */
export const SHUTDOWN_DEADLINE_MS = 4_500
/** What afterDrained leaves of the deadline for the log line and the exit. */
const EXIT_MARGIN_MS = 250

export interface ShutdownParts {
  server: ServerType
  /** Stop background work (maintenance after its batch, the checkpointer); resolves once stopped. */
  stopBackground(): Promise<void> | void
  closeDatabase(): void
  /**
   * After the last request: what must close in order (the server's database connection before
   * the checkpointer's, so that SQLite's final checkpoint of the WAL runs in the worker thread,
   * not on the event loop). `msLeft`: what remains of the deadline, less a margin for the exit.
   */
  afterDrained?(msLeft: number): Promise<void> | void
  log: Logger
  deadlineMs?: number
}

/** Install the signal handlers. Also measures the event-loop delay, logged at exit. */
export function exitGracefully(parts: ShutdownParts): void {
  const server = parts.server as Server
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  let closing = false
  let exited = false

  // While closing, every response asks its client to close the connection, and a connection is
  // closed as soon as its response is sent: keep-alive must not hold the server open.
  const inFlight = new Set<ServerResponse>()
  server.prependListener('request', (_req, res) => {
    inFlight.add(res)
    if (closing) res.setHeader('connection', 'close')
    res.on('close', () => {
      inFlight.delete(res)
      if (closing) setImmediate(() => server.closeIdleConnections())
    })
  })

  const exit = (code: number) => {
    if (exited) return
    exited = true
    delay.disable()
    try {
      parts.closeDatabase()
    } catch {
      // Already closed.
    }
    parts.log.info('stopped', {
      code,
      loopDelayMaxMs: Math.round(delay.max / 1e5) / 10,
      loopDelayP99Ms: Math.round(delay.percentile(99) / 1e5) / 10,
    })
    process.exit(code)
  }

  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    const signalled = Date.now()
    parts.log.info('shutdown', { signal })
    for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close')
    // Left referenced: it also keeps the process alive until exit() runs.
    setTimeout(() => {
      parts.log.warn('shutdown_forced', { afterMs: parts.deadlineMs ?? SHUTDOWN_DEADLINE_MS })
      server.closeAllConnections()
      exit(1)
    }, parts.deadlineMs ?? SHUTDOWN_DEADLINE_MS)
    // Stops listening; connections with no request in flight close now, the others when done.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()))
    server.closeIdleConnections()
    await parts.stopBackground()
    await drained
    const deadline = parts.deadlineMs ?? SHUTDOWN_DEADLINE_MS
    await parts.afterDrained?.(deadline - EXIT_MARGIN_MS - (Date.now() - signalled))
    exit(0)
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
  process.on('SIGINT', () => void shutdown('SIGINT'))
}
