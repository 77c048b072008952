/**
 * `npm run crash-test [-- --rounds N] [--max-ms MS] [--keep]`: durability under SIGKILL.
 *
 * Starts the real server (`node --import tsx src/node.ts`, development, a fresh SQLite file in a
 * temp folder, a free loopback port), drives concurrent intake on the web form, the JSON API and
 * SMS (plus an admin writing audited notes), and kills it with SIGKILL at a random moment (one
 * round in four while it starts), then restarts it on the same database; N rounds (default 20).
 * Reporters cut off send the same thing again after the restart (scripts/crash/drivers.ts). Then
 * checks that every acknowledged receipt still opens its case, that every case was acknowledged
 * once, that nothing is half-written, that `audit verify` passes and that `PRAGMA integrity_check`
 * is ok. Prints the figures; exits 1 on any loss or problem. Loopback only; every loop is bounded
 * by the rounds and by request timeouts.
 */
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { addStaff, issueApiToken } from '../src/staff/accounts.js'
import { databaseProblems, lostReceipts } from './crash/checks.js'
import { drive, finish, Tally, type DriveContext, type DriveState } from './crash/drivers.js'
import {
  freePort,
  killHard,
  runCli,
  serverEnv,
  spawnServer,
  startServer,
  stopGently,
  type ServerSetup,
} from './crash/server.js'

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '20' },
    'max-ms': { type: 'string', default: '3000' },
    keep: { type: 'boolean', default: false },
  },
})
const ROUNDS = Number(values.rounds)
const MAX_MS = Number(values['max-ms'])
if (!Number.isInteger(ROUNDS) || ROUNDS < 1 || ROUNDS > 1000) throw new Error('--rounds must be 1…1000')
if (!Number.isInteger(MAX_MS) || MAX_MS < 100) throw new Error('--max-ms must be an integer ≥ 100')

const t0 = performance.now()
const setup: ServerSetup = { dir: mkdtempSync(join(tmpdir(), 'hotline-crash-')), port: await freePort() }

/** Development keys and an admin with an API token, written before the first start. */
async function prepare(): Promise<{ twilioAuthToken: string; staffToken: string }> {
  const rt = await bootNode(serverEnv(setup), { log: silentLogger })
  try {
    const id = await addStaff(rt.deps, {
      email: 'crash-test@example.org',
      role: 'admin',
      password: rt.deps.crypto.randomToken(15),
      scopes: [],
    })
    return { twilioAuthToken: rt.config.twilioAuthToken!, staffToken: await issueApiToken(rt.deps, id, 'crash test') }
  } finally {
    rt.db.close()
  }
}

const tally = new Tally()
let counter = 0
const ctx: DriveContext = {
  origin: `http://127.0.0.1:${setup.port}`,
  baseUrl: `http://localhost:${setup.port}`,
  ...(await prepare()),
  tally,
  next: () => ++counter,
}

/** The server now running, if any: never left behind, whatever happens. */
let server: ChildProcess | undefined
let startupKills = 0
/** How long the last start took, for the kills while starting. */
let startupMs = 2000
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The rounds, then the reporters' return; every acknowledged receipt that no longer opens. */
async function rounds(): Promise<string[]> {
  for (let round = 1; round <= ROUNDS; round++) {
    // One round in four kills the server while it starts (loading, opening the database, schema,
    // the first purge), at a random moment before it answered last time.
    if (round % 4 === 2) {
      server = spawnServer(setup)
      const at = Math.round(Math.random() * startupMs)
      await sleep(at)
      await killHard(server)
      startupKills++
      console.log(`round ${round}/${ROUNDS}: SIGKILL ${at} ms after spawning, while it starts`)
      continue
    }
    const spawned = performance.now()
    server = await startServer(setup)
    startupMs = performance.now() - spawned
    const state: DriveState = { killing: false }
    const driving = drive(ctx, state)
    // A random moment, from right after start-up to MAX_MS into the load.
    const after = Math.round(Math.random() * MAX_MS)
    await sleep(after)
    state.killing = true
    await killHard(server)
    await driving
    console.log(`round ${round}/${ROUNDS}: SIGKILL ${after} ms into the load; ${tally.receipts.length} receipts so far`)
  }
  // Last start: whoever was cut off finishes, then every reporter comes back with a receipt.
  server = await startServer(setup)
  await finish(ctx)
  const lost = await lostReceipts(ctx, tally)
  await stopGently(server)
  return lost
}

let lost: string[]
try {
  lost = await rounds()
} catch (err) {
  if (server) await killHard(server)
  console.error(`crash test FAILED: ${(err as Error).message}\ndata kept in ${setup.dir}`)
  process.exit(1)
}

const problems: string[] = []
const audit = await runCli(setup, ['audit', 'verify'])
if (audit.code !== 0) problems.push(`audit verify: ${audit.out.trim()}`)
const db = databaseProblems(join(setup.dir, 'hotline.db'))
problems.push(...db.problems)
if (db.notes < tally.notes) problems.push(`${tally.notes} notes acknowledged, ${db.notes} stored`)
// Every report started was finished: a case without an acknowledgement was filed twice.
if (db.cases !== tally.receipts.length)
  problems.push(`${db.cases} cases stored for ${tally.receipts.length} reports acknowledged`)
if (new Set(tally.receipts.map((r) => r.receipt)).size !== tally.receipts.length)
  problems.push('a receipt was given twice')
if (tally.unexpected > 0) problems.push(`${tally.unexpected} unexpected answers: ${tally.samples.join('; ')}`)

const by = (c: string) => tally.receipts.filter((r) => r.channel === c).length
const seconds = (performance.now() - t0) / 1000
console.log(
  [
    `crash test: ${ROUNDS} rounds of SIGKILL (${ROUNDS - startupKills} under load, within ${MAX_MS} ms; ` +
      `${startupKills} while starting), ${seconds.toFixed(0)} s`,
    `acknowledged: ${tally.receipts.length} reports (web ${by('web')}, api ${by('api')}, sms ${by('sms')}), ` +
      `${tally.notes} staff notes; ${tally.cut} requests cut by a kill, ${tally.resent} sent again after a restart`,
    `stored: ${db.cases} cases, ${db.notes} notes`,
    `losses: ${lost.length}${lost.length ? ` (${lost.slice(0, 5).join('; ')})` : ''}`,
    `audit verify: ${audit.code === 0 ? audit.out.trim() : 'FAILED'}`,
    `checks: ${problems.length === 0 ? 'integrity ok, nothing half-written' : problems.join('\n  ')}`,
  ].join('\n'),
)
const failed = lost.length > 0 || problems.length > 0 || tally.receipts.length === 0
if (failed || values.keep) console.log(`data kept in ${setup.dir}`)
else rmSync(setup.dir, { recursive: true, force: true })
process.exitCode = failed ? 1 : 0
