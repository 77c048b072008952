/**
 * Maintenance under load, as operators run the hotline: seed a realistic caseload
 * (`seed bench`, default 1,000,000 cases over three years, most of them due for purge under the
 * default retention), start the real server (`node --import tsx src/node.ts`), and measure:
 * - the time from launch to the first `/health` 200;
 * - the purge of every due case while workers file reports (POST /api/v1/reports, from many
 *   addresses through TRUST_PROXY_HEADER), and the largest event-loop delay the server measured
 *   while it ran (perf_hooks.monitorEventLoopDelay, in its `maintenance` log line);
 * - a `backup` taken during that load: integrity_check, and every case acknowledged before the
 *   backup began is in it;
 * - SIGTERM to exit.
 * Prints a table. The load generator shares the machine's cores with the server.
 *
 * `npm run bench:maintenance [-- --cases 1000000] [--rate 50] [--no-backup] [--keep]`
 * (`--rate`: reports a second, sent on a clock; `--keep`: leave the temporary folder.)
 */
import { execFile, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import Database from 'better-sqlite3'
import { COUNTRIES, textsOf, type Right } from '../src/cli/caseload-text.js'
import { DAY_MS } from '../src/clock.js'
import { DEFAULT_RETENTION } from '../src/config.js'
import { FIRST_RUN_AFTER_MS } from '../src/node/maintenance-loop.js'
import { startServer } from '../test/helpers/server-process.js'

const run = promisify(execFile)
const TSX = import.meta.resolve('tsx')
const CLI = join(import.meta.dirname, '../src/cli.ts')

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}
const CASES = arg('cases', 1_000_000)
/** Reports a second, sent on a clock (not waiting for answers): a heavy campaign. */
const RATE = arg('rate', 50)
/** Reports waiting for an answer at most; a tick with this many in flight sends nothing. */
const MAX_IN_FLIGHT = 100
/** How far into the purge the backup starts. */
const BACKUP_INTO_PURGE_MS = 3_000
const KEEP = process.argv.includes('--keep')

const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-maintenance-'))
const env = { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }
const hotline = (args: string[]) => run(process.execPath, ['--import', TSX, CLI, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 })

const rows: [string, string][] = []
const show = (what: string, figure: string) => {
  rows.push([what, figure])
  console.error(`  ${what}: ${figure}`)
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits })

/** A worker's report, from one of many addresses. */
let sent = 0
function report(): { body: string; from: string } {
  const codes = Object.keys(COUNTRIES)
  const country = codes[sent % codes.length]!
  const lang = COUNTRIES[country]!.languages[0]![0]
  const { sentences } = textsOf(lang)
  const rights = Object.keys(sentences) as Right[]
  const said = [rights[sent % rights.length]!, rights[(sent * 7) % rights.length]!].map((r) => sentences[r][0]!)
  const body = JSON.stringify({
    language: lang,
    country,
    employer: COUNTRIES[country]!.employers[sent % COUNTRIES[country]!.employers.length],
    description: `${said.join(' ')} ${sent % 5 === 0 ? 'Mi número es 868 555 0199.' : ''}`.trim(),
    consentToContact: false,
  })
  const n = sent++
  return { body, from: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` }
}

/**
 * Check the backup in a worker thread: `integrity_check` over a copy of gigabytes takes tens of
 * seconds, and on this thread it would stop the load generator (its reports would look stalled
 * while the server was idle: the ~29 s "stall" of the first 1M run was this).
 */
const CHECK = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const copy = new Database(workerData.file, { readonly: true })
const integrity = copy.pragma('integrity_check').map((r) => r.integrity_check).join(', ')
const has = copy.prepare('SELECT 1 FROM cases WHERE reference = ?')
const missing = workerData.refs.filter((ref) => !has.get(ref)).length
copy.close()
parentPort.postMessage({ integrity, missing })
`
function checkCopy(file: string, refs: string[]): Promise<{ integrity: string; missing: number }> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3')
  const worker = new Worker(CHECK, { eval: true, workerData: { driver, file, refs } })
  return new Promise((resolve, reject) => {
    worker.once('message', resolve)
    worker.once('error', reject)
  })
}

/** `backup` while reports are filed: its integrity, and every case acknowledged before it began. */
async function backupDuringLoad(acknowledged: { reference: string; at: number }[]) {
  const backupFile = join(dir, 'backup.db')
  const started = performance.now()
  const before = acknowledged.filter((a) => a.at < started).map((a) => a.reference)
  await hotline(['backup', '--out', backupFile])
  const seconds = (performance.now() - started) / 1000
  const { integrity, missing } = await checkCopy(backupFile, before)
  show(
    'backup during the purge and intake',
    `${fmt(seconds, 1)} s (with its integrity_check), ${fmt(statSync(backupFile).size / 1048576)} MB, mode ` +
      `${(statSync(backupFile).mode & 0o777).toString(8)}, integrity_check ${integrity}, ` +
      `${fmt(before.length - missing)}/${fmt(before.length)} acknowledged cases in it`,
  )
}

async function main() {
  console.error(`bench:maintenance: ${fmt(CASES)} cases in ${dir}`)
  const seeded = await hotline(['seed', 'bench', '--cases', String(CASES)])
  const seedRate = /(\d+) cases\/s/.exec(seeded.stdout)?.[1]
  const seedSeconds = /in ([\d.]+) s/.exec(seeded.stdout)?.[1]
  const seedCpu = /([\d.]+) s of CPU: (\d+) cases per CPU second/.exec(seeded.stdout)
  show(
    'seed bench',
    `${fmt(CASES)} cases in ${seedSeconds} s (${fmt(Number(seedRate))} cases/s)` +
      (seedCpu ? `; ${seedCpu[1]} s of CPU (${fmt(Number(seedCpu[2]))} cases per CPU second)` : ''),
  )
  const db = new Database(env.DATABASE_PATH, { readonly: true })
  const now = Date.now()
  const due = (db.prepare(
    `SELECT count(*) AS n FROM cases WHERE purged_at IS NULL AND (${Object.keys(DEFAULT_RETENTION)
      .filter((s) => s !== 'conversation')
      .map((s) => `(status = '${s}' AND updated_at < ${now - DEFAULT_RETENTION[s as keyof typeof DEFAULT_RETENTION] * DAY_MS})`)
      .join(' OR ')})`,
  ).get() as { n: number }).n
  const size = statSync(env.DATABASE_PATH).size
  db.close()
  show('due for purge (default retention)', `${fmt(due)} cases; database ${fmt(size / 1048576)} MB`)
  // The seed's writes reach the disk now, not during the server's first commits.
  execFileSync('sync')

  const launched = performance.now()
  const server = await startServer(dir, { TRUST_PROXY_HEADER: 'x-forwarded-for' })
  for (;;) {
    const ok = await fetch(`${server.url}/health`).then((r) => r.status === 200, () => false)
    if (ok) break
    if (server.child.exitCode !== null) throw new Error(`the server exited:\n${server.lines.join('\n')}`)
    await new Promise((r) => setTimeout(r, 20))
  }
  show('launch to first /health 200', `${fmt((performance.now() - launched) / 1000, 2)} s`)

  // Intake until the purge is done.
  // If the server dies, say so with what it printed last, instead of waiting for ever.
  const died = server.exited.then((code) => {
    throw new Error(`the server exited (code ${code}) during the run:\n${server.lines.slice(-20).join('\n')}`)
  })
  died.catch(() => {})
  const purged = Promise.race([server.waitFor(/"event":"maintenance"/), died])
  let purging = true
  void purged.then(() => (purging = false))
  const latencies: number[] = []
  const statuses = new Map<number, number>()
  const acknowledged: { reference: string; at: number }[] = []
  let inFlight = 0
  let skipped = 0
  const errors = new Map<string, number>()
  const send = async () => {
    inFlight++
    const { body, from } = report()
    const t0 = performance.now()
    try {
      const res = await fetch(`${server.url}/api/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
        body,
      })
      const answer = (await res.json()) as { reference?: string }
      const t1 = performance.now()
      latencies.push(t1 - t0)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      if (res.status === 201 && answer.reference) acknowledged.push({ reference: answer.reference, at: t1 })
    } catch (err) {
      // Counted, not thrown: a connection the server closed is a figure of the run, and whether
      // the server is still alive is checked below.
      const cause = (err as { cause?: { code?: string; message?: string } }).cause
      const what = cause?.code ?? cause?.message ?? (err as Error).message
      errors.set(what, (errors.get(what) ?? 0) + 1)
    } finally {
      inFlight--
    }
  }
  // Open loop: reports go out on a clock, at RATE a second, whether or not answers came back.
  // The generator's own event loop is watched too: a delay there would show as slow answers.
  const clientDelay = monitorEventLoopDelay({ resolution: 10 })
  clientDelay.enable()
  const loadStarted = performance.now()
  let offered = 0
  const load = new Promise<void>((resolve) => {
    const clock = setInterval(() => {
      if (!purging) {
        clearInterval(clock)
        const drained = setInterval(() => inFlight === 0 && (clearInterval(drained), resolve()), 10)
        return
      }
      for (const due = ((performance.now() - loadStarted) / 1000) * RATE; offered < due; offered++) {
        if (inFlight >= MAX_IN_FLIGHT) skipped++
        else void send()
      }
    }, 5)
  })

  // A backup in the middle of the purge (it starts FIRST_RUN_AFTER_MS after the server listens).
  await new Promise((r) => setTimeout(r, FIRST_RUN_AFTER_MS + BACKUP_INTO_PURGE_MS))
  if (!process.argv.includes('--no-backup')) await backupDuringLoad(acknowledged)

  const line = JSON.parse(await purged) as {
    purgedCases: number
    batches: number
    complete: boolean
    ms: number
    loopDelayMaxMs: number
    batchMaxMs?: number
  }
  const loadSeconds = (performance.now() - loadStarted) / 1000
  await load
  clientDelay.disable()
  show(
    'purge under intake load',
    `${fmt(line.purgedCases)} cases in ${fmt(line.ms / 1000, 1)} s, ${fmt(line.batches)} batches` +
      (line.batchMaxMs !== undefined ? ` (longest ${fmt(line.batchMaxMs, 1)} ms)` : '') +
      `, complete: ${line.complete}`,
  )
  show('largest event-loop delay while the purge ran', `${fmt(line.loopDelayMaxMs, 1)} ms (server-side, monitorEventLoopDelay, 10 ms resolution)`)
  const sorted = [...latencies].sort((a, b) => a - b)
  show(
    `intake from launch to the purge's end (${RATE} reports/s offered)`,
    `${fmt(latencies.length)} reports, ${fmt(latencies.length / loadSeconds)} /s; p50 ${fmt(pct(sorted, 50))} ms, ` +
      `p99 ${fmt(pct(sorted, 99))} ms, max ${fmt(sorted.at(-1) ?? NaN)} ms; ` +
      [...statuses].map(([s, n]) => `${fmt(n)}× ${s}`).join(', ') +
      [...errors].map(([e, n]) => `, ${fmt(n)}× ${e}`).join('') +
      (skipped ? `; ${fmt(skipped)} not sent (${MAX_IN_FLIGHT} in flight)` : '') +
      `; the load generator's own largest event-loop delay ${fmt(clientDelay.max / 1e6, 1)} ms`,
  )

  const signalled = performance.now()
  server.child.kill('SIGTERM')
  const code = await server.exited
  const stopped = JSON.parse(server.lines.find((l) => /"event":"stopped"/.test(l)) ?? '{}') as { loopDelayMaxMs?: number; loopDelayP99Ms?: number }
  show('SIGTERM to exit', `${fmt(performance.now() - signalled)} ms, exit code ${code}`)
  show('event-loop delay over the whole run', `max ${fmt(stopped.loopDelayMaxMs ?? NaN, 1)} ms, p99 ${fmt(stopped.loopDelayP99Ms ?? NaN, 1)} ms`)

  console.log(`\nMaintenance under load (node ${process.version}, ${RATE} reports/s offered on loopback)\n`)
  console.log('| what | figure |\n|---|---|')
  for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`)
}

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => {
    if (!KEEP) rmSync(dir, { recursive: true, force: true })
  })
