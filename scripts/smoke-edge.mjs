/**
 * @module scripts/smoke-edge
 * CI smoke run of the Workers build: starts `npm run dev:edge` (wrangler dev, local D1) on a free
 * loopback port, waits for GET /health → 200 (at most 60 s), checks that /es/ is a Spanish page,
 * then stops the whole process group. Exits non-zero, with wrangler's output, on failure.
 */
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const DEADLINE_MS = 60_000

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function get(url) {
  const res = await fetch(url, { signal: AbortSignal.timeout(5_000) })
  return { status: res.status, body: await res.text() }
}

async function main() {
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const child = spawn(process.execPath, ['scripts/dev-edge.mjs'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), CI: process.env.CI ?? 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: wrangler and workerd stop with it
  })
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  let exited = false
  child.on('exit', () => (exited = true))

  /** Ask dev:edge to stop (wrangler then stops workerd), then end the whole process group. */
  const stop = async () => {
    const signalGroup = (sig) => {
      try {
        process.kill(-child.pid, sig)
      } catch {}
    }
    const waitExit = async (ms) => {
      for (let t = 0; t < ms && !exited; t += 100) await sleep(100)
    }
    if (!exited) {
      child.kill('SIGINT')
      await waitExit(5_000)
    }
    signalGroup('SIGTERM')
    await waitExit(2_000)
    signalGroup('SIGKILL')
  }

  const started = Date.now()
  try {
    let health
    while (Date.now() - started < DEADLINE_MS) {
      if (exited) throw new Error('dev:edge exited before answering')
      try {
        health = await get(`${base}/health`)
        if (health.status === 200) break
      } catch {}
      await sleep(500)
    }
    if (health?.status !== 200) throw new Error(`/health did not answer 200 within 60 s`)
    if (JSON.parse(health.body).status !== 'ok') throw new Error(`/health said ${health.body}`)
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    const es = await get(`${base}/es/`)
    if (es.status !== 200 || !/<html lang="es"/.test(es.body)) {
      throw new Error(`/es/ answered ${es.status} without <html lang="es">`)
    }
    console.log(`smoke:edge: ok (/health 200 after ${seconds} s; /es/ is Spanish) on ${base}`)
  } catch (err) {
    const tail = output.length > 8_000 ? `…${output.slice(-8_000)}` : output
    console.error(`smoke:edge: FAILED: ${err.message}\n--- dev:edge output (end) ---\n${tail}`)
    process.exitCode = 1
  } finally {
    await stop()
  }
}

main()
