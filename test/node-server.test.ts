/**
 * The Node server as operators run it (a child process): it listens before maintenance starts,
 * serves while the purge runs, and on SIGTERM finishes the requests in flight, refuses new
 * connections, closes the database and exits; a client that never finishes cannot hold it open.
 */
import { request } from 'node:http'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { bootNode } from '../src/node/boot.js'
import { silentLogger } from '../src/log.js'
import { startServer, type ServerProcess } from './helpers/server-process.js'

const REPORT = JSON.stringify({
  language: 'es',
  country: 'MX',
  employer: 'Autopartes del Norte',
  description: 'No nos pagan las horas extra desde hace dos meses.',
  consentToContact: false,
})

/** A POST whose body arrives in two parts; `finish()` sends the second. */
function slowReport(server: ServerProcess) {
  const half = Math.floor(REPORT.length / 2)
  let finish!: () => void
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${server.url}/api/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(REPORT) },
    })
    req.on('response', (res) => {
      let body = ''
      res.on('data', (d) => (body += d))
      res.on('end', () => resolve({ status: res.statusCode!, body }))
    })
    req.on('error', reject)
    req.write(REPORT.slice(0, half))
    req.flushHeaders()
    finish = () => req.end(REPORT.slice(half))
  })
  return { response, finish: () => finish() }
}

describe('the Node server process', () => {
  let dir: string
  let server: ServerProcess | undefined
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-server-'))
    // Keys made now: the server then starts without seeding demo data.
    ;(await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }, { log: silentLogger })).db.close()
  })
  afterEach(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    server = undefined
    rmSync(dir, { recursive: true, force: true })
  })

  it('listens before maintenance starts and answers while the purge runs', async () => {
    const rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }, { log: silentLogger })
    await writeCaseload(rt.deps, { cases: 3_000 })
    rt.db.close()

    server = await startServer(dir)
    await server.waitFor(/listening on/)
    expect((await fetch(`${server.url}/health`)).status).toBe(200)
    const line = await server.waitFor(/"event":"maintenance"/)
    const run = JSON.parse(line) as { purgedCases: number; complete: boolean; loopDelayMaxMs: number }
    expect(run.purgedCases).toBeGreaterThan(1_000)
    expect(run.complete).toBe(true)
    expect(typeof run.loopDelayMaxMs).toBe('number')
    const listening = server.lines.findIndex((l) => /listening on/.test(l))
    expect(listening).toBeLessThan(server.lines.indexOf(line))

    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(0)
    expect(server.lines.some((l) => /"event":"stopped","code":0/.test(l))).toBe(true)
  }, 40_000)

  it('on SIGTERM finishes the requests in flight, takes no new connection, and exits 0', async () => {
    server = await startServer(dir)
    await server.waitFor(/listening on/)
    const first = slowReport(server)
    const second = slowReport(server)
    await new Promise((r) => setTimeout(r, 200)) // both requests are in the server's hands
    server.child.kill('SIGTERM')
    await server.waitFor(/"event":"shutdown"/)
    await expect(fetch(`${server.url}/health`)).rejects.toThrow()
    first.finish()
    second.finish()
    for (const { response } of [first, second]) {
      const res = await response
      expect(res.status).toBe(201)
      expect(JSON.parse(res.body)).toHaveProperty('receipt')
    }
    expect(await server.exited).toBe(0)
  })

  it('a request that never finishes cannot hold it: it is cut at the deadline and the server exits 1', async () => {
    server = await startServer(dir)
    await server.waitFor(/listening on/)
    const stuck = slowReport(server)
    stuck.response.catch(() => {}) // cut by the server
    await new Promise((r) => setTimeout(r, 200))
    server.child.kill('SIGTERM')
    expect(await server.exited).toBe(1)
    expect(server.lines.some((l) => /"event":"shutdown_forced"/.test(l))).toBe(true)
  }, 40_000)
})
