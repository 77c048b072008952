/**
 * The SMS webhook under load: 50 concurrent conversations against a real server on loopback
 * (@hono/node-server on 127.0.0.1 in its own process, a fresh SQLite file, generated development
 * keys), every request signed as Twilio signs it. Each conversation is a whole report:
 * HOLA → notice → menu → employer → town → two story parts → LISTO → NO (filed, receipt) →
 * ESTADO <receipt>. Prints p50/p90/p99/max latency per request, overall and per step, and
 * throughput. The load generator (this process) shares the machine's cores with the server.
 *
 * `node --import tsx bench/sms.ts [--concurrency 50] [--conversations 400] [--think 0]`
 * With `--think MS`, each worker waits about MS between its messages (people typing) instead
 * of texting back to back (the default, which saturates the server).
 */
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import { createApp } from '../src/app.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { newSid, signedInit, smsParams } from '../test/helpers/twilio-sign.js'

interface Ready {
  origin: string
  baseUrl: string
  authToken: string
}

/** Child process: the hotline's Node server on a free loopback port. */
async function runServer(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-'))
  const rt = await bootNode(
    { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') },
    { log: silentLogger },
  )
  const app = createApp(() => rt.deps)
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const ready: Ready = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    baseUrl: rt.config.publicBaseUrl,
    authToken: rt.config.twilioAuthToken!,
  }
  process.send!(ready)
  process.on('message', async (m) => {
    if (m === 'count') {
      const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
      process.send!({ cases: n?.n ?? 0 })
    }
    if (m === 'stop') {
      server.close()
      rt.db.close()
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    }
  })
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}

const CONCURRENCY = arg('concurrency', 50)
const CONVERSATIONS = arg('conversations', 400)
const THINK_MS = arg('think', 0)
const WARMUP = 20

let origin = ''
let sign = { baseUrl: '', authToken: '' }

type Sample = { step: string; ms: number }

async function text(
  from: string,
  body: string,
  step: string,
  samples: Sample[] | null,
): Promise<string> {
  const params = smsParams({ from, body, sid: newSid(), fromCountry: 'MX', toCountry: 'MX' })
  const init = signedInit('/twilio/sms', params, sign)
  const t0 = performance.now()
  const res = await fetch(`${origin}/twilio/sms`, init)
  const xml = await res.text()
  const ms = performance.now() - t0
  if (res.status !== 200) throw new Error(`HTTP ${res.status} at ${step}`)
  samples?.push({ step, ms })
  if (samples && THINK_MS > 0)
    await new Promise((r) => setTimeout(r, THINK_MS * (0.5 + Math.random())))
  return xml
}

let phoneNo = 0
async function conversation(samples: Sample[] | null): Promise<void> {
  const from = `+52155${String(1_000_000 + phoneNo++).padStart(8, '0')}`
  await text(from, 'HOLA', 'lang', samples)
  await text(from, 'OK', 'notice', samples)
  await text(from, String(1 + (phoneNo % 11)), 'problem', samples)
  await text(from, 'Autopartes del Bajío SA de CV', 'employer', samples)
  await text(from, 'Silao, Guanajuato', 'town', samples)
  await text(
    from,
    'Nos pagan menos del mínimo y no pagan las horas extra desde marzo.',
    'describe',
    samples,
  )
  await text(
    from,
    'El supervisor amenaza con despedir a quien se queje con el sindicato.',
    'describe',
    samples,
  )
  await text(from, 'LISTO', 'finish', samples)
  const done = await text(from, 'NO', 'file', samples)
  const receipt = /\d{4} \d{4} \d{4} \d{4}/.exec(done)?.[0]
  if (!receipt) throw new Error('no receipt')
  await text(from, `ESTADO ${receipt}`, 'status', samples)
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

function row(name: string, ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b)
  const cells = [pct(s, 50), pct(s, 90), pct(s, 99), s.at(-1) ?? NaN].map((v) => v.toFixed(1))
  return [name.padEnd(10), String(s.length).padStart(6), ...cells.map((c) => c.padStart(7))].join(
    ' ',
  )
}

async function runLoad(): Promise<void> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_PROF ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROF] : []),
    ],
  })
  const ready = await new Promise<Ready>((r) => child.once('message', (m) => r(m as Ready)))
  origin = ready.origin
  sign = { baseUrl: ready.baseUrl, authToken: ready.authToken }
  try {
    await load(child)
  } finally {
    child.send('stop')
  }
}

async function load(child: ReturnType<typeof fork>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await conversation(null)
  const samples: Sample[] = []
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONVERSATIONS) {
        next++
        await conversation(samples)
      }
    }),
  )
  const seconds = (performance.now() - t0) / 1000
  child.send('count')
  const cases = await new Promise<{ n: number }>((r) =>
    child.once('message', (m) => r({ n: (m as { cases: number }).cases })),
  )
  const head = `${CONCURRENCY} concurrent conversations, ${CONVERSATIONS} conversations`
  console.log(`SMS webhook on loopback: ${head}, think ${THINK_MS} ms, node ${process.version}`)
  console.log(
    [
      'step'.padEnd(10),
      'n'.padStart(6),
      ...['p50', 'p90', 'p99', 'max'].map((p) => `${p} ms`.padStart(7)),
    ].join(' '),
  )
  console.log(
    row(
      'all',
      samples.map((s) => s.ms),
    ),
  )
  for (const step of ['lang', 'problem', 'describe', 'file', 'status']) {
    console.log(
      row(
        step,
        samples.filter((s) => s.step === step).map((s) => s.ms),
      ),
    )
  }
  const rps = samples.length / seconds
  console.log(`${rps.toFixed(0)} requests/s, ${(CONVERSATIONS / seconds).toFixed(1)} reports/s`)
  console.log(`${cases.n} cases filed (${WARMUP} of them in the warm-up)`)
  const all = samples.map((s) => s.ms).sort((a, b) => a - b)
  console.log(
    JSON.stringify({
      bench: 'sms',
      concurrency: CONCURRENCY,
      thinkMs: THINK_MS,
      requests: samples.length,
      p50: +pct(all, 50).toFixed(2),
      p99: +pct(all, 99).toFixed(2),
      rps: +(samples.length / seconds).toFixed(0),
    }),
  )
}

if (process.argv.includes('--serve')) {
  await runServer()
} else {
  await runLoad()
}
