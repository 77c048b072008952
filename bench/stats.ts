/**
 * The statistics dashboard's server time on a large caseload (issue 17: target ≤ 200 ms at
 * 1,000,000 cases). For each size: seed a fresh database with `seed bench --cases N`, then, in
 * this process on that SQLite file (the real app, `app.request`, no network):
 * - the snapshot rebuild (every case counted over the lattice, in chunks; maintenance does this
 *   when the snapshot is older than 10 minutes, and a reader does if it finds it stale);
 * - the share of cases in base cells of at least k = 5 (what the figures can show);
 * - GET /console/stats for an administrator (the four charts from the snapshot), 15 times;
 * - GET /api/v1/stats?by=right,country, 15 times;
 * - GET /console/stats for three monitors (docs/analytics.md, "A scoped viewer"), the first load
 *   then 5 more: every right in Mexico and `right:freedom_of_association@MX` (the lattice expresses
 *   both: the snapshot's cells within the scope), and every right in Mexico excluded from one
 *   employer (counted live, then kept for 10 minutes);
 * - the longest time the event loop was held during each monitor's first load (a 1 ms timer's
 *   largest lateness: the longest synchronous slice, the request's own included).
 * Prints two tables. The machine may be shared: say so when quoting the numbers.
 *
 * `npm run bench:stats [-- --cases 100000,1000000] [--keep]`
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { createApp } from '../src/app.js'
import { bootNode } from '../src/node/boot.js'
import { addStaff, issueApiToken, parseScope } from '../src/staff/accounts.js'
import { startSession } from '../src/staff/auth.js'
import { rebuildSnapshot } from '../src/stats/source.js'
import { snapshotCells } from '../src/store/stats.js'

const run = promisify(execFile)
const TSX = import.meta.resolve('tsx')
const CLI = join(import.meta.dirname, '../src/cli.ts')
const quiet = { info() {}, warn() {}, error() {} }

function sizes(): number[] {
  const i = process.argv.indexOf('--cases')
  const raw = i >= 0 ? process.argv[i + 1]! : '100000,1000000'
  return raw.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0)
}
const KEEP = process.argv.includes('--keep')

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!
const ms = (x: number) => `${x.toFixed(0)} ms`

async function time(times: number, fn: () => Response | Promise<Response>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < times; i++) {
    const t0 = performance.now()
    const res = await fn()
    await res.text()
    out.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`answered ${res.status}`)
  }
  return out
}

/** Watch the event loop: a 1 ms timer's largest lateness until stop() (the longest slice held). */
function longestSlice() {
  let last = performance.now()
  let worst = 0
  const t = setInterval(() => {
    const now = performance.now()
    worst = Math.max(worst, now - last - 1)
    last = now
  }, 1)
  return {
    stop() {
      clearInterval(t)
      return Math.max(worst, performance.now() - last - 1)
    },
  }
}

const rows: string[][] = []
const scopedRows: string[][] = []

function print(head: string[], body: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)))
  for (const r of [head, ...body]) console.log(r.map((x, i) => x.padEnd(widths[i]!)).join('  '))
}
/** The tables so far (after each size, so that a later size that fails loses nothing). */
function printAll() {
  print(['cases', 'seed bench', 'snapshot rebuild', 'published at k=5', 'dashboard (admin) p50 / p95', 'API by=right,country p50 / p95'], rows)
  console.log()
  print(['cases', 'monitor dashboard', 'first load', 'then p50', 'longest event-loop slice (first load)'], scopedRows)
  console.log()
}
for (const n of sizes()) {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-stats-'))
  const env = { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }
  try {
    const t0 = performance.now()
    await run(process.execPath, ['--import', TSX, CLI, 'seed', 'bench', '--cases', String(n)], {
      env: { ...process.env, ...env },
      maxBuffer: 1 << 24,
    })
    const seeded = performance.now() - t0
    const rt = await bootNode(env, { log: quiet })
    try {
      const app = createApp(() => rt.deps)
      const adminId = await addStaff(rt.deps, { email: 'bench-admin@example.org', role: 'admin', password: 'bench bench bench', scopes: [], excludedEmployers: [] })
      const monitor = async (email: string, scope: string, excludedEmployers: string[] = []) => {
        const id = await addStaff(rt.deps, { email, role: 'monitor', password: 'bench bench bench', scopes: [parseScope(scope)], excludedEmployers })
        return `hl_staff=${(await startSession(rt.deps, id)).token}`
      }
      // The live one first: the first monitor page in the process pays for warming up.
      const monitors: [string, string][] = [
        ['right:*@MX minus one employer (live)', await monitor('bench-excl@example.org', 'right:*@MX', ['Autopartes del Bajío'])],
        ['right:*@MX (snapshot)', await monitor('bench-mx@example.org', 'right:*@MX')],
        ['right:freedom_of_association@MX (snapshot)', await monitor('bench-foa@example.org', 'right:freedom_of_association@MX')],
      ]
      const admin = `hl_staff=${(await startSession(rt.deps, adminId)).token}`
      const token = await issueApiToken(rt.deps, adminId, 'bench')

      const r0 = performance.now()
      const cells = await rebuildSnapshot(rt.deps)
      const rebuild = performance.now() - r0
      // The share of cases that land in published base cells at k = 5 (the rest is held back).
      const published = (await snapshotCells(rt.deps.sql)).reduce((a, c) => a + (c.n - (c.n % 5)), 0)
      const dash = await time(15, () => app.request('/console/stats', { headers: { cookie: admin } }))
      const apiTimes = await time(15, () => app.request('/api/v1/stats?by=right,country', { headers: { authorization: `Bearer ${token}` } }))
      for (const [name, cookie] of monitors) {
        const held = longestSlice()
        const first = await time(1, () => app.request('/console/stats', { headers: { cookie } }))
        const longest = held.stop()
        const then = await time(5, () => app.request('/console/stats', { headers: { cookie } }))
        scopedRows.push([n.toLocaleString('en'), name, ms(first[0]!), ms(pct(then, 50)), ms(longest)])
      }
      rows.push([
        n.toLocaleString('en'),
        ms(seeded),
        `${ms(rebuild)} (${cells} cells)`,
        `${((100 * published) / n).toFixed(1)} %`,
        `${ms(pct(dash, 50))} / ${ms(pct(dash, 95))}`,
        `${ms(pct(apiTimes, 50))} / ${ms(pct(apiTimes, 95))}`,
      ])
    } finally {
      rt.db.close()
    }
  } finally {
    if (!KEEP) rmSync(dir, { recursive: true, force: true })
    else console.log(`kept ${dir}`)
  }
  printAll()
}


