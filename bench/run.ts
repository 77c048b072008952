/**
 * `npm run bench`: the hotline's figures in one run, so that every ratio compares numbers taken
 * on the same machine in the same minutes. Prints one table and writes bench/results.json.
 *
 * The server is the real Node entry's stack (bootNode + createApp, @hono/node-server on
 * 127.0.0.1, a fresh SQLite file, native libsodium) in a child process; load comes from
 * autocannon in this process, so both share the machine's cores, as they do in the figures
 * recorded in BENCHMARKS.md. Rows:
 * - the framework's ceiling: GET /health through the whole middleware stack;
 * - the floor: a route (added for the benchmark only, behind the same middleware) doing an
 *   intake's irreducible work: one seal, one AEAD encryption, one keyed hash, one insert;
 * - the API intake (POST /api/v1/reports), the web form (POST /es/report, a fresh signed form
 *   token per request), the SMS webhook (whole conversations, signed), a whole voice call (six
 *   signed webhooks, following the TwiML);
 * - redaction + classification per core (the annotated corpus, in this process);
 * - the server's peak RSS, and the largest event-loop delay it saw in each phase.
 * - the server's own CPU time per request in each phase (steadier than req/s on a shared machine).
 *
 * `npm run bench [-- --seconds 8] [--connections 50]`
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { serve } from '@hono/node-server'
import autocannon from 'autocannon'
import { createApp } from '../src/app.js'
import { issueToken } from '../src/channels/web/csrf.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { startCheckpointer } from '../src/node/checkpointer.js'
import { redact } from '../src/privacy/redact.js'
import { classify } from '../src/routing/classify.js'
import * as cases from '../src/store/cases.js'
import { language, type Lang } from '../src/i18n/languages.js'
import { newSid, signedInit, smsParams, type Params } from '../test/helpers/twilio-sign.js'
import en from '../test/fixtures/grievances.en.json' with { type: 'json' }
import es from '../test/fixtures/grievances.es.json' with { type: 'json' }
import fr from '../test/fixtures/grievances.fr.json' with { type: 'json' }

const RESULTS = join(import.meta.dirname, 'results.json')

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN
  return Number.isFinite(v) && v > 0 ? v : fallback
}

// ---------------------------------------------------------------- the server (child process)

interface Ready {
  origin: string
  baseUrl: string
  authToken: string
}
type ToServer = { kind: 'phase' } | { kind: 'tokens'; n: number } | { kind: 'stop' }
type FromServer = Ready | { kind: 'phase'; loopDelayMaxMs: number; rssPeakMb: number; cpuMs: number } | { kind: 'tokens'; tokens: string[] }

async function serveHotline(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-bench-'))
  const rt = await bootNode(
    { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db'), TRUST_PROXY_HEADER: 'x-forwarded-for' },
    // BENCH_CRYPTO=wasm: the WebAssembly build (as on Workers), for bench/profile.ts.
    { log: silentLogger, crypto: process.env.BENCH_CRYPTO === 'wasm' ? 'wasm' : 'native' },
  )
  // As the Node entry does (src/node.ts): WAL checkpoints in a worker thread, not inside a
  // commit on the event loop (without it, every ~1,000 pages one request paid a checkpoint).
  const checkpointer = startCheckpointer(rt.db, join(dir, 'hotline.db'), silentLogger)
  const app = createApp(() => rt.deps)
  // The floor: what no intake can skip (seal the sender, encrypt the text, hash the receipt,
  // insert one row), behind the same middleware as every route.
  let floorCount = 0
  app.post('/bench/floor', async (c) => {
    const { deps } = c.var
    const body = (await c.req.json()) as { description: string; phone: string }
    const id = deps.crypto.randomToken(16)
    const n = floorCount++
    await deps.sql.batch([
      cases.insert({
        id,
        reference: `FLOOR-${n}`,
        receiptHash: deps.crypto.blindIndex('receipt', `${n}`),
        idempotencyKey: null,
        channel: 'api',
        language: 'es',
        country: 'MX',
        sector: null,
        employer: '',
        facility: null,
        location: null,
        descriptionRedacted: '',
        originalEnc: deps.crypto.encrypt(body.description, `case:${id}`),
        identitySealed: deps.crypto.sealIdentity({ phone: body.phone }),
        rights: '[]',
        rightsChosen: '[]',
        commitments: '[]',
        occurredOn: null,
        workersAffected: null,
        retaliationFeared: null,
        authoritiesNotified: null,
        consentToContact: 0,
        priority: 'normal',
        assignedTo: null,
        filedBy: null,
        createdAt: 0,
        updatedAt: 0,
        ackDueAt: 0,
        employerHash: '',
        fieldsEnc: null,
      }),
    ])
    return c.json({ id }, 201)
  })
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise<void>((r) => server.once('listening', () => r()))
  const delay = monitorEventLoopDelay({ resolution: 10 })
  delay.enable()
  // The server's own CPU time per phase: on a shared machine, CPU ms per request moves far less
  // than requests per second.
  let cpuSince = process.cpuUsage()
  const send = (m: FromServer) => process.send!(m)
  send({
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    baseUrl: rt.config.publicBaseUrl,
    authToken: rt.config.twilioAuthToken!,
  })
  process.on('message', (m: ToServer) => {
    if (m.kind === 'phase') {
      const cpu = process.cpuUsage(cpuSince)
      cpuSince = process.cpuUsage()
      send({ kind: 'phase', loopDelayMaxMs: delay.max / 1e6, rssPeakMb: process.resourceUsage().maxRSS / 1024, cpuMs: (cpu.user + cpu.system) / 1000 })
      delay.reset()
    } else if (m.kind === 'tokens') {
      send({ kind: 'tokens', tokens: Array.from({ length: m.n }, () => issueToken(rt.deps, 'report')) })
      cpuSince = process.cpuUsage() // the web form's row counts its requests, not these tokens
    } else {
      server.close()
      rt.db.close()
      void checkpointer.stop()
      rmSync(dir, { recursive: true, force: true })
      process.exit(0)
    }
  })
}

// ---------------------------------------------------------------- the load (this process)

const SECONDS = arg('seconds', 8)
const CONNECTIONS = arg('connections', 50)

interface Row {
  what: string
  reqPerSec?: number
  p50Ms?: number
  p99Ms?: number
  errors?: number
  loopDelayMaxMs?: number
  /** Requests (or webhooks) served in the row. */
  count?: number
  /** The server process's CPU time (user + system) per request in the row. */
  cpuMsPerReq?: number
  note?: string
}

class Server {
  private waiting: ((m: FromServer) => void)[] = []
  ready!: Ready
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromServer) => this.waiting.shift()?.(m))
  }
  ask<T extends FromServer>(m: ToServer): Promise<T> {
    return new Promise((resolve) => {
      this.waiting.push(resolve as (m: FromServer) => void)
      this.child.send(m)
    })
  }
  async start() {
    this.ready = await new Promise<Ready>((resolve) => this.waiting.push(resolve as (m: FromServer) => void))
  }
}

const reports = [...es, ...fr, ...en].filter((r) => r.text.length >= 10)
let sent = 0
/** A worker's report from one of many addresses (per-source limits are per address). */
function nextReport() {
  const r = reports[sent % reports.length]!
  const n = sent++
  return {
    body: JSON.stringify({
      language: r.lang,
      country: language(r.lang as Lang).defaultCountry,
      employer: 'Autopartes del Bajío',
      description: r.text,
    }),
    from: `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
  }
}

async function cannon(
  origin: string,
  request: () => { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string },
): Promise<autocannon.Result> {
  return autocannon({
    url: origin,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, ...request() }) }],
  })
}

function fromCannon(what: string, r: autocannon.Result): Row {
  const bad = r.errors + r.timeouts + r.non2xx
  return { what, reqPerSec: r.requests.average, p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: bad, count: r.requests.total }
}

/** Per-request latencies of whole conversations run `concurrency` at a time for SECONDS. */
async function conversations(concurrency: number, one: () => Promise<number[]>): Promise<Row> {
  const latencies: number[] = []
  let errors = 0
  const until = performance.now() + SECONDS * 1000
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        try {
          latencies.push(...(await one()))
        } catch {
          errors++
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const sorted = latencies.sort((a, b) => a - b)
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
  return { what: '', reqPerSec: latencies.length / seconds, p50Ms: pct(50), p99Ms: pct(99), errors, count: latencies.length }
}

async function timed(origin: string, path: string, params: Params, sign: { baseUrl: string; authToken: string }) {
  const t0 = performance.now()
  const res = await fetch(origin + path, signedInit(path, params, sign))
  const text = await res.text()
  if (res.status !== 200) throw new Error(`HTTP ${res.status} at ${path}`)
  return { ms: performance.now() - t0, text }
}

let phone = 0
async function smsConversation(origin: string, sign: { baseUrl: string; authToken: string }): Promise<number[]> {
  const from = `+52155${String(1_000_000 + phone++).padStart(8, '0')}`
  const steps = ['HOLA', 'OK', String(1 + (phone % 11)), 'Autopartes del Bajío SA de CV', 'Silao, Guanajuato',
    'Nos pagan menos del mínimo y no pagan las horas extra desde marzo.', 'LISTO', 'NO']
  const ms: number[] = []
  for (const body of steps) {
    const params = smsParams({ from, body, sid: newSid(), fromCountry: 'MX', toCountry: 'MX' })
    ms.push((await timed(origin, '/twilio/sms', params, sign)).ms)
  }
  return ms
}

/** A whole report by phone: language, menu, problem, statement, workers, no call-back. */
async function voiceCall(origin: string, sign: { baseUrl: string; authToken: string }): Promise<number[]> {
  const callSid = newSid('CA')
  const from = `+52147${String(1_000_000 + phone++).padStart(8, '0')}`
  const base: Params = {
    AccountSid: 'AC' + 'a1'.repeat(16), ApiVersion: '2010-04-01', CallSid: callSid, CallStatus: 'in-progress',
    Called: '+525512345678', Caller: from, Direction: 'inbound', From: from, To: '+525512345678', ToCountry: 'MX',
  }
  const action = (xml: string, verb: 'Gather' | 'Record') => {
    const url = new RegExp(`<${verb}[^>]*action="([^"]+)"`).exec(xml)?.[1]?.replace(/&amp;/g, '&')
    if (!url) throw new Error(`no <${verb}> in ${xml.slice(0, 200)}`)
    return url.startsWith(sign.baseUrl) ? url.slice(sign.baseUrl.length) : url
  }
  const ms: number[] = []
  let answer = await timed(origin, '/twilio/voice', base, sign)
  ms.push(answer.ms)
  for (const step of ['2', '1', '1', 'record', '3', '2']) {
    const recordingSid = newSid('RE')
    const extra: Params = step === 'record'
      ? { RecordingSid: recordingSid, RecordingUrl: `https://api.twilio.com/2010-04-01/Accounts/${base.AccountSid}/Recordings/${recordingSid}`, RecordingDuration: '60', Digits: '#' }
      : { Digits: step }
    answer = await timed(origin, action(answer.text, step === 'record' ? 'Record' : 'Gather'), { ...base, ...extra }, sign)
    ms.push(answer.ms)
  }
  return ms
}

/** Redaction + classification of the corpus on one core: messages per second. */
function redactClassifyPerCore(): Row {
  const items = [...es, ...fr, ...en]
  for (const r of items.slice(0, 200)) classify(redact(r.text, r.lang as 'es').text, r.lang as 'es')
  let n = 0
  const started = performance.now()
  while (performance.now() - started < SECONDS * 1000) {
    for (const r of items) classify(redact(r.text, r.lang as 'es').text, r.lang as 'es')
    n += items.length
  }
  return { what: 'redact + classify (one core, in process)', reqPerSec: n / ((performance.now() - started) / 1000) }
}

async function main() {
  const child = fork(fileURLToPath(import.meta.url), ['--serve'], { execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  const server = new Server(child)
  await server.start()
  const { origin, baseUrl, authToken } = server.ready
  const sign = { baseUrl, authToken }
  const rows: Row[] = []
  const phase = async (row: Row) => {
    const p = await server.ask<{ kind: 'phase'; loopDelayMaxMs: number; rssPeakMb: number; cpuMs: number }>({ kind: 'phase' })
    row.loopDelayMaxMs = p.loopDelayMaxMs
    if (row.count) row.cpuMsPerReq = p.cpuMs / row.count
    rows.push(row)
    console.error(`  ${row.what}: ${Math.round(row.reqPerSec ?? 0)} /s, p99 ${row.p99Ms?.toFixed(0) ?? '-'} ms`)
    return p
  }
  try {
    await phase({ what: 'warm-up (ignored)' }).then(() => rows.pop())
    // Warm every route once (each kind compiles and loads what it needs on first use).
    await fetch(`${origin}/health`)
    await smsConversation(origin, sign)
    await voiceCall(origin, sign)
    await server.ask({ kind: 'phase' })

    await phase(fromCannon('GET /health (ceiling)', await cannon(origin, () => ({ method: 'GET', path: '/health' }))))
    await phase(
      fromCannon(
        'POST floor (seal + AEAD + keyed hash + insert)',
        await cannon(origin, () => {
          const r = nextReport()
          return { method: 'POST', path: '/bench/floor', headers: { 'content-type': 'application/json', 'x-forwarded-for': r.from }, body: JSON.stringify({ description: r.body, phone: '+5214775550199' }) }
        }),
      ),
    )
    await phase(
      fromCannon(
        'POST /api/v1/reports (API intake)',
        await cannon(origin, () => {
          const r = nextReport()
          return { method: 'POST', path: '/api/v1/reports', headers: { 'content-type': 'application/json', 'x-forwarded-for': r.from }, body: r.body }
        }),
      ),
    )
    const { tokens } = await server.ask<{ kind: 'tokens'; tokens: string[] }>({ kind: 'tokens', n: 40_000 })
    let t = 0
    await phase(
      fromCannon(
        'POST /es/report (web form)',
        await cannon(origin, () => {
          const r = reports[t % reports.length]!
          const form = new URLSearchParams({
            token: tokens[t++ % tokens.length]!, country: 'MX', employer: 'Autopartes del Bajío', description: r.text,
          })
          return {
            method: 'POST', path: '/es/report',
            headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': `10.9.${(t >> 8) & 255}.${t & 255}` },
            body: form.toString(),
          }
        }),
      ),
    )
    await phase({ ...(await conversations(CONNECTIONS, () => smsConversation(origin, sign))), what: 'SMS webhook (whole conversations, per message)' })
    await phase({ ...(await conversations(Math.max(1, CONNECTIONS / 5), () => voiceCall(origin, sign))), what: 'voice call (whole calls, per webhook)' })
    const last = await phase(redactClassifyPerCore())
    rows.push({ what: 'server peak RSS', note: `${Math.round(last.rssPeakMb)} MB` })
  } finally {
    server.child.send({ kind: 'stop' })
  }

  const ceiling = rows[0]?.reqPerSec ?? NaN
  const floor = rows[1]?.reqPerSec ?? NaN
  const f = (n: number | undefined, d = 0) => (n === undefined || Number.isNaN(n) ? '' : n.toLocaleString('en', { maximumFractionDigits: d }))
  console.log(`\nhotline benchmark: node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ` +
    `${CONNECTIONS} connections, ${SECONDS} s a row, load generator on the same machine\n`)
  console.log('| what | req/s | p50 ms | p99 ms | errors | ÷ floor | ÷ ceiling | server CPU ms/req | max loop delay ms | note |')
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---|')
  for (const r of rows) {
    console.log(`| ${r.what} | ${f(r.reqPerSec)} | ${f(r.p50Ms, 1)} | ${f(r.p99Ms, 1)} | ${f(r.errors)} | ` +
      `${r.reqPerSec && r.p50Ms !== undefined ? (r.reqPerSec / floor).toFixed(2) : ''} | ` +
      `${r.reqPerSec && r.p50Ms !== undefined ? (r.reqPerSec / ceiling).toFixed(2) : ''} | ${f(r.cpuMsPerReq, 2)} | ${f(r.loopDelayMaxMs, 1)} | ${r.note ?? ''} |`)
  }
  writeFileSync(RESULTS, JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: cpus().length, connections: CONNECTIONS, seconds: SECONDS, rows }, null, 2) + '\n')
  console.log(`\nwritten: ${RESULTS}`)
}

if (process.argv.includes('--serve')) await serveHotline()
else await main()
