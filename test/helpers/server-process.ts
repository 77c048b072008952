/**
 * The real Node server (`node --import tsx src/node.ts`) as a child process on a free loopback
 * port, with its output collected line by line.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'

const TSX = import.meta.resolve('tsx')
const ENTRY = join(import.meta.dirname, '../../src/node.ts')

export interface ServerProcess {
  child: ChildProcess
  port: number
  url: string
  /** Every line printed so far (stdout and stderr). */
  lines: string[]
  /** Resolves with the first line matching `pattern`, waiting for it if need be. */
  waitFor(pattern: RegExp): Promise<string>
  /** Resolves with the exit code. */
  exited: Promise<number | null>
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })
}

export async function startServer(dir: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const port = await freePort()
  const child = spawn(process.execPath, ['--import', TSX, ENTRY], {
    env: {
      PATH: process.env.PATH,
      HOTLINE_ENV: 'development',
      DATABASE_PATH: join(dir, 'hotline.db'),
      PORT: String(port),
      PUBLIC_BASE_URL: `http://localhost:${port}`,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const lines: string[] = []
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  const take = (line: string) => {
    lines.push(line)
    for (const w of [...waiters]) {
      if (w.pattern.test(line)) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(line)
      }
    }
  }
  for (const stream of [child.stdout!, child.stderr!]) {
    let partial = ''
    stream.on('data', (buf: Buffer) => {
      const parts = (partial + buf.toString('utf8')).split('\n')
      partial = parts.pop()!
      for (const line of parts) if (line) take(line)
    })
  }
  // 'close', not 'exit': the last lines of output may arrive after the process has exited.
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    port,
    url: `http://127.0.0.1:${port}`,
    lines,
    exited,
    waitFor(pattern) {
      const seen = lines.find((l) => pattern.test(l))
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ pattern, resolve }))
    },
  }
}
