/**
 * The staff queue and the case page at a real caseload, through the real app (`app.request()`,
 * every middleware, authentication, audit rows): for each size, seed a database with
 * `seed bench --cases N` (a child process, as operators run it), give a tenth of the cases to
 * monitors and some to an NGO, then time, for each viewer kind and filter, the first page of
 * `GET /api/v1/cases` and a deep page (the `next` cursor after DEEP pages), and the case page
 * (`GET /console/cases/:id` with a session, `GET /api/v1/cases/:id` with a token).
 * Requests are sequential: the figures are service times, not throughput. Prints one table and
 * writes bench/queue-results.json. The machine may be shared: say so next to the figures.
 *
 * `npm run bench:queue [-- --cases 100000,1000000] [--runs 30] [--keep] [--only PREFIX]` (--only: the
 * filters whose name starts with PREFIX, e.g. `q=` or `due`)
 * `npm run bench:queue -- --db DIR[,DIR]`: measure databases already seeded with `seed bench`
 * (each DIR holds hotline.db and server.env) instead of seeding; staff accounts are added to them.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { createApp } from '../src/app.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { login, makeStaff, type TestStaff } from '../test/console/setup.js'
import type { TestRuntime } from '../test/helpers/runtime.js'

const run = promisify(execFile)
const TSX = import.meta.resolve('tsx')
const CLI = join(import.meta.dirname, '../src/cli.ts')

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? process.argv[i + 1] : undefined
}
const ONLY = arg('only')
const SIZES = (arg('cases') ?? '100000,1000000').split(',').map(Number)
const SEEDED = arg('db')?.split(',')
const RUNS = Number(arg('runs') ?? 30)
/** Pages followed (untimed) before the deep page is timed. */
const DEEP = 25
const KEEP = process.argv.includes('--keep')

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN
}
const ms = (n: number) => n.toFixed(1)

interface Row {
  cases: number
  viewer: string
  what: string
  rows: number
  p50: number
  p95: number
  max: number
  /** CPU time this process spent on the request (user + system): steadier than wall time on a busy machine. */
  cpu50: number
  cpu95: number
}
const results: Row[] = []

async function time(n: number, f: () => Promise<number>): Promise<{ t: number[]; cpu: number[]; rows: number }> {
  let rows = 0
  for (let i = 0; i < 3; i++) rows = await f() // warm the statement cache and the pages
  const t: number[] = []
  const cpu: number[] = []
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage()
    const start = performance.now()
    rows = await f()
    t.push(performance.now() - start)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  return { t, cpu, rows }
}

const stats = (r: { t: number[]; cpu: number[] }) => ({
  p50: pct(r.t, 50),
  p95: pct(r.t, 95),
  max: Math.max(...r.t),
  cpu50: pct(r.cpu, 50),
  cpu95: pct(r.cpu, 95),
})

async function benchSize(size: number | string) {
  const dir = typeof size === 'string' ? size : mkdtempSync(join(tmpdir(), 'hotline-bench-queue-'))
  const env = { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }
  try {
    if (typeof size === 'number') {
      console.error(`seeding ${size.toLocaleString('en')} cases…`)
      const seeded = await run(process.execPath, ['--import', TSX, CLI, 'seed', 'bench', '--cases', String(size)], {
        env: { ...process.env, ...env },
        maxBuffer: 1 << 24,
      })
      console.error(`  ${seeded.stdout.split('\n')[0]}`)
    }
    const node = await bootNode(env, { log: silentLogger })
    const cases = (node.db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n
    console.error(`${cases.toLocaleString('en')} cases in ${dir}`)
    // Accounts of this run (a reused database keeps those of earlier runs).
    const run_ = Date.now().toString(36)
    const app = createApp(() => node.deps)
    const rt = { ...node, app, clock: { t: 0, now: () => Date.now(), advance() {} } } as unknown as TestRuntime
    const admin = await makeStaff(rt, 'admin', `admin-${run_}@bench.example`)
    const broad = await makeStaff(rt, 'monitor', `broad-${run_}@bench.example`, {
      scopes: ['right:*@MX', 'right:wages@*', 'right:child_labor@CI/cocoa', 'commitment:cafta.16.2.1.a@*', 'right:forced_labor@US/agriculture'],
    })
    const narrow = await makeStaff(rt, 'monitor', `narrow-${run_}@bench.example`, { scopes: ['right:freedom_of_association@GT'] })
    const ngo = await makeStaff(rt, 'ngo', `ngo-${run_}@bench.example`, { org: `Sindicato Norte ${run_}` })
    // A tenth of the cases assigned to the two monitors; an NGO that filed 1% and was shared 0.5%.
    const org = (node.db.prepare('SELECT org_id FROM staff WHERE id = ?').get(ngo.id) as { org_id: string }).org_id
    node.db.prepare('UPDATE cases SET assigned_to = ? WHERE rowid % 20 = 0').run(broad.id)
    node.db.prepare('UPDATE cases SET assigned_to = ? WHERE rowid % 20 = 10').run(narrow.id)
    node.db.prepare('UPDATE cases SET filed_by = ?, filed_by_org = ? WHERE rowid % 100 = 3').run(ngo.id, org)
    node.db.prepare('INSERT INTO case_shares (case_id, org_id, shared_at) SELECT id, ?, 0 FROM cases WHERE rowid % 200 = 7').run(org)
    const open = (node.db.prepare("SELECT count(*) AS n FROM cases WHERE status IN ('new', 'triaging', 'investigating', 'escalated')").get() as { n: number }).n
    console.error(`  ${open.toLocaleString('en')} open`)
    const commitment = (node.db.prepare('SELECT code FROM case_commitments GROUP BY code ORDER BY count(*) DESC LIMIT 1').get() as { code: string }).code

    // Searches (q=, migration 0014): one case's reference (one match), a common word of the
    // seeded descriptions (most cases), and both.
    const reference = (node.db.prepare('SELECT reference FROM cases WHERE rowid = (SELECT max(rowid) / 2 FROM cases)').get() as { reference: string }).reference
    const counts = new Map<string, number>()
    for (const r of node.db.prepare('SELECT description_redacted AS d FROM cases LIMIT 500').all() as { d: string }[]) {
      for (const w of r.d.toLowerCase().match(/[a-z]{6,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1)
    }
    const common = [...counts].sort((a, b) => b[1] - a[1])[0]![0]
    const filters: [string, string, boolean?][] = [
      ['open (default)', ''],
      ['status=escalated', 'status=escalated'],
      ['status=all', 'status=all'],
      ['right=wages', 'right=wages'],
      ['right=child_labor', 'right=child_labor'],
      [`commitment`, `commitment=${commitment}`],
      ['country=GT', 'country=GT'],
      ['facility=Planta 3', 'facility=Planta%203'],
      ['unrouted', 'assigned=unrouted', true],
      ['assigned=me', 'assigned=me'],
      ['q=a reference', `q=${encodeURIComponent(reference)}`],
      [`q=a common word`, `q=${common}`],
      [`q=common word + reference`, `q=${encodeURIComponent(`${common} ${reference}`)}`],
      // The due order and filters (migration 0017: the stored due key and its indexes). The
      // seeded cases have no forum deadlines: a new case's clock is its acknowledgement.
      ['due: sort=due', 'sort=due'],
      ['due: overdue, sort=due', 'due=overdue&sort=due'],
      ['due: any, sort=due', 'due=any&sort=due'],
      ['due: week, priority order', 'due=week'],
    ]
    const viewers: [string, TestStaff][] = [['admin', admin], ['monitor broad', broad], ['monitor narrow', narrow], ['ngo', ngo]]
    const get = async (s: TestStaff, path: string) => {
      const res = await app.request(path, { headers: { authorization: `Bearer ${s.token}` } })
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}`)
      return (await res.json()) as { cases: { id: string }[]; next: string | null }
    }
    for (const [vname, s] of viewers) {
      for (const [fname, q, adminOnly] of filters) {
        if (adminOnly && s.role !== 'admin') continue
        if (ONLY && !fname.startsWith(ONLY)) continue
        const path = `/api/v1/cases${q ? `?${q}` : ''}`
        const first = await time(RUNS, async () => (await get(s, path)).cases.length)
        results.push({ cases, viewer: vname, what: `${fname}, first page`, rows: first.rows, ...stats(first) })
        let next: string | null = null
        let page = await get(s, path)
        for (let i = 0; i < DEEP && page.next; i++) {
          next = page.next
          page = await get(s, `${path}${q ? '&' : '?'}after=${encodeURIComponent(next)}`)
        }
        if (next) {
          const deepPath = `${path}${q ? '&' : '?'}after=${encodeURIComponent(next)}`
          const deep = await time(RUNS, async () => (await get(s, deepPath)).cases.length)
          results.push({ cases, viewer: vname, what: `${fname}, page ${DEEP + 1}`, rows: deep.rows, ...stats(deep) })
        }
        const last = results[results.length - 1]!
        console.error(`  ${vname}, ${last.what}: p50 ${ms(last.p50)} ms, p95 ${ms(last.p95)} ms, cpu p50 ${ms(last.cpu50)} ms`)
      }
    }

    // The case page: a case the broad monitor sees, with its events and thread.
    const caseId = (await get(broad, '/api/v1/cases?country=MX')).cases[0]!.id
    const session = await login(rt, broad)
    for (const [what, f] of [
      ['GET /console/cases/:id', () => app.request(`/console/cases/${caseId}`, { headers: { cookie: session.cookie } })],
      ['GET /api/v1/cases/:id', () => app.request(`/api/v1/cases/${caseId}`, { headers: { authorization: `Bearer ${broad.token}` } })],
    ] as const) {
      const r = await time(RUNS, async () => {
        const res = await f()
        if (res.status !== 200) throw new Error(`${what} answered ${res.status}`)
        await res.arrayBuffer()
        return 1
      })
      results.push({ cases, viewer: 'monitor broad', what, rows: 1, ...stats(r) })
      console.error(`  ${what}: p50 ${ms(pct(r.t, 50))} ms, p95 ${ms(pct(r.t, 95))} ms`)
    }
    node.db.close()
  } finally {
    if (typeof size === 'string') {
      // A database given with --db stays.
    } else if (KEEP) console.error(`kept ${dir}`)
    else rmSync(dir, { recursive: true, force: true })
  }
}

for (const size of SEEDED ?? SIZES) await benchSize(size)

const header = '| cases | viewer | request | rows | p50 ms | p95 ms | max ms | CPU p50 ms | CPU p95 ms |'
console.log(`\nload average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (${cpus().length} cores)`)
console.log(`\n${header}\n|---:|---|---|---:|---:|---:|---:|---:|---:|`)
for (const r of results) {
  console.log(
    `| ${r.cases.toLocaleString('en')} | ${r.viewer} | ${r.what} | ${r.rows} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.cpu50)} | ${ms(r.cpu95)} |`,
  )
}
writeFileSync(join(import.meta.dirname, 'queue-results.json'), `${JSON.stringify({ runs: RUNS, results }, null, 2)}\n`)
