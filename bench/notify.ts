/**
 * `npm run bench:notify [-- --reports 400 --rounds 3]`: what staff notifications cost intake, and
 * what a maintenance run costs to fan out and send them. Two runtimes in one process, one with
 * notifications off (no SMTP_URL) and one with them on (a real SMTP server on loopback, 20
 * accounts that asked for each event, in and out of scope); intake through fileReport, rounds
 * alternating off/on so a shared machine's noise falls on both. Prints CPU ms per report (user +
 * system of this process: intake and SQLite run on this thread) and the fan-out/send run's CPU.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileReport } from '../src/intake/file-report.js'
import type { Submission } from '../src/intake/schema.js'
import { jsonLogger } from '../src/log.js'
import { bootNode, type NodeRuntime } from '../src/node/boot.js'
import { runNotifications } from '../src/notify/run.js'
import { savePrefs } from '../src/notify/prefs.js'
import { addStaff, parseScope } from '../src/staff/accounts.js'
import { startSmtp } from '../test/helpers/smtp.js'

const argN = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : d
}
const REPORTS = argN('reports', 400)
const ROUNDS = argN('rounds', 3)

const smtp = await startSmtp()
const dirs: string[] = []
async function runtime(env: Record<string, string>): Promise<NodeRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-notify-'))
  dirs.push(dir)
  const rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db'), ...env }, { log: jsonLogger(() => {}) })
  // 20 accounts: half in scope for the reports below (MX), half not (US); all want each event.
  for (let i = 0; i < 20; i++) {
    const id = await addStaff(rt.deps, {
      email: `m${i}@example.org`,
      role: 'monitor',
      scopes: [parseScope(i % 2 ? 'right:*@US' : 'right:*@MX')],
      excludedEmployers: [],
    })
    await savePrefs(rt.deps, id, { newCases: 'each', replies: 'each', lang: 'es' })
  }
  return rt
}
const off = await runtime({})
const on = await runtime({ SMTP_URL: smtp.url, SMTP_FROM: 'Hotline <hotline@example.org>' })

const sub = {
  language: 'es',
  country: 'MX',
  employer: 'Autopartes del Bajío SA de CV',
  description: 'Nos despidieron a 12 compañeros por apoyar al sindicato independiente. Nunca votamos el contrato.',
  rights: ['freedom_of_association'],
  consentToContact: false,
} as Submission

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000
async function intake(rt: NodeRuntime): Promise<number> {
  const t = process.cpuUsage()
  for (let i = 0; i < REPORTS; i++) await fileReport(rt.deps, sub, { channel: 'api' })
  return cpuMs(process.cpuUsage(t)) / REPORTS
}

const rows: string[] = []
for (let r = 1; r <= ROUNDS; r++) {
  const a = await intake(off)
  const b = await intake(on)
  const t = process.cpuUsage()
  const run = await runNotifications(on.deps, { maxEvents: REPORTS, maxStaff: 100 })
  const sendMs = cpuMs(process.cpuUsage(t))
  rows.push(
    `round ${r}: intake off ${a.toFixed(3)} ms/report, on ${b.toFixed(3)} ms/report (×${(b / a).toFixed(3)}); ` +
      `fan-out of ${run.events} events to ${run.queued} deliveries and ${run.sent} e-mails: ${sendMs.toFixed(0)} ms CPU ` +
      `(${(sendMs / Math.max(1, run.events)).toFixed(3)} ms/event)`,
  )
}
console.log(`bench:notify, ${REPORTS} reports per side per round, CPU of this process (shared machine: compare within a round)`)
for (const l of rows) console.log(l)
off.db.close()
on.db.close()
await smtp.close()
for (const d of dirs) rmSync(d, { recursive: true, force: true })
