/**
 * How long the purge holds the event loop per batch, fixed 50 cases against sized to 10 ms,
 * measured in CPU time (process.cpuUsage) so that a shared machine's waiting for a core does not
 * count: seeds `--cases N` (default 20,000) with the bulk seed, copies the file, and purges each
 * copy in this process (no server, no intake). Prints batches, cases per batch, and the CPU ms of
 * the median, p99 and longest batch.
 *
 * `node --import tsx bench/purge-slices.ts [--cases 20000]`
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeCaseload } from '../src/cli/caseload.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { PURGE_BATCH, purgeExpired } from '../src/privacy/retention.js'
import { bulkLoad } from '../src/store/sqlite-bulk.js'
import type { Sql } from '../src/store/port.js'

const i = process.argv.indexOf('--cases')
const CASES = i > 0 ? Number(process.argv[i + 1]) : 20_000
const dir = mkdtempSync(join(tmpdir(), 'hotline-purge-slices-'))
const env = (name: string) => ({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, name) })
const cpuMs = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1000
}
const pct = (s: number[], p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!

async function main() {
  const seed = await bootNode(env('a.db'), { log: silentLogger })
  const bulk = bulkLoad(seed.db)
  await writeCaseload(seed.deps, { cases: CASES, sink: bulk.sink })
  bulk.finish()
  seed.db.close()
  copyFileSync(join(dir, 'a.db'), join(dir, 'b.db'))
  console.log(`${CASES.toLocaleString('en')} cases seeded; CPU ms per batch (one synchronous slice)\n`)
  console.log('| batch size | purged | cases per batch | batches | CPU ms p50 | p99 | max |\n|---|---|---|---|---|---|---|')
  for (const [name, file, opts] of [
    ['fixed 50', 'a.db', { batchSize: PURGE_BATCH }],
    ['sized to 10 ms', 'b.db', {}],
  ] as const) {
    const rt = await bootNode(env(file), { log: silentLogger })
    const slices: number[] = []
    let started = 0
    const real = rt.deps.sql
    const timed: Sql = {
      ...real,
      all: async (sql, ...params) => {
        if (sql.startsWith('SELECT id FROM cases')) started = cpuMs()
        return real.all(sql, ...params)
      },
      batch: async (statements) => {
        const r = await real.batch(statements)
        slices.push(cpuMs() - started)
        return r
      },
    }
    const r = await purgeExpired({ ...rt.deps, sql: timed }, undefined, opts)
    rt.db.close()
    const s = [...slices].sort((a, b) => a - b)
    const f = (n: number) => n.toFixed(1)
    console.log(`| ${name} | ${r.cases} | ${(r.cases / s.length).toFixed(1)} | ${s.length} | ${f(pct(s, 50))} | ${f(pct(s, 99))} | ${f(s.at(-1)!)} |`)
  }
}

main()
  .catch((err) => {
    console.error(err)
    process.exitCode = 1
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }))
