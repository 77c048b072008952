/**
 * @module scripts/crash/server
 * The real server as a child process (`node --import tsx src/node.ts`, one PID that owns the
 * server), started on a fixed loopback port and a given database, killed with SIGKILL or stopped
 * with SIGTERM; and the real CLI against the same database.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync } from 'node:fs'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { promisify } from 'node:util'

const ROOT = join(import.meta.dirname, '../..')
const TSX = import.meta.resolve('tsx')

/** What every start shares: the data folder and the port. */
export interface ServerSetup {
  dir: string
  port: number
}

/** The server's environment: development keys in `dir`, loopback only, client address from a header. */
export function serverEnv(s: ServerSetup): Record<string, string> {
  const env: Record<string, string> = {}
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v
  // The generated keys beside the database must win over anything in the caller's environment.
  for (const k of ['DATA_KEY', 'CUSTODIAN_PUBLIC_KEY', 'TWILIO_AUTH_TOKEN', 'TWILIO_ACCOUNT_SID']) delete env[k]
  return {
    ...env,
    HOTLINE_ENV: 'development',
    DATABASE_PATH: join(s.dir, 'hotline.db'),
    PORT: String(s.port),
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: `http://localhost:${s.port}`,
    // Every simulated reporter sends its own value, so the per-source limits see many sources.
    TRUST_PROXY_HEADER: 'x-test-source',
  }
}

/** A free loopback port (asked from the kernel, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number }
      srv.close(() => resolve(port))
    })
  })
}

/** Spawn the server; its output goes to server.log in the data folder. */
export function spawnServer(s: ServerSetup): ChildProcess {
  const log = openSync(join(s.dir, 'server.log'), 'a')
  const child = spawn(process.execPath, ['--import', TSX, join(ROOT, 'src/node.ts')], {
    cwd: ROOT,
    env: serverEnv(s),
    stdio: ['ignore', log, log],
  })
  closeSync(log) // the child has its own copy
  return child
}

/** Resolves once `GET /health` answers 200; rejects if the server exits or after `timeoutMs`. */
export async function waitReady(s: ServerSetup, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited while starting (${child.signalCode ?? child.exitCode}); see ${join(s.dir, 'server.log')}`)
    }
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/health`, { signal: AbortSignal.timeout(2_000) })
      await res.arrayBuffer()
      if (res.status === 200) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs} ms; see ${join(s.dir, 'server.log')}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}

/** Spawn the server and wait until it answers. */
export async function startServer(s: ServerSetup): Promise<ChildProcess> {
  const child = spawnServer(s)
  try {
    await waitReady(s, child)
  } catch (err) {
    await killHard(child)
    throw err
  }
  return child
}

function exitOf(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((r) => child.once('exit', () => r()))
}

/** SIGKILL: no handler runs, nothing is flushed or closed. */
export async function killHard(child: ChildProcess): Promise<void> {
  child.kill('SIGKILL')
  await exitOf(child)
}

/** SIGTERM: the server's own shutdown (closes the database). */
export async function stopGently(child: ChildProcess): Promise<void> {
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exitOf(child)
  clearTimeout(timer)
}

/** Run `npm run hotline -- <args>` (the CLI, directly) against the same database. */
export async function runCli(s: ServerSetup, args: string[]): Promise<{ code: number; out: string }> {
  try {
    const r = await promisify(execFile)(process.execPath, ['--import', TSX, join(ROOT, 'src/cli.ts'), ...args], {
      cwd: ROOT,
      env: serverEnv(s),
    })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: typeof e.code === 'number' ? e.code : 1, out: (e.stdout ?? '') + (e.stderr ?? '') }
  }
}
