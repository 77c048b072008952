/**
 * `npm run bench:profile -- <api|web|sms|health> [--seconds 10] [--crypto wasm]`: a CPU profile of
 * one intake route under load. Starts the same server as `npm run bench` (bench/run.ts --serve)
 * with `node --cpu-prof`, drives it with autocannon (or whole SMS conversations), stops it and
 * prints the heaviest functions and files by share of samples (self time). The .cpuprofile is
 * kept in bench/profiles/ for Chrome DevTools.
 */
import { fork } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { language, type Lang } from '../src/i18n/languages.js'
import { newSid, signedInit, smsParams } from '../test/helpers/twilio-sign.js'
import es from '../test/fixtures/grievances.es.json' with { type: 'json' }
import fr from '../test/fixtures/grievances.fr.json' with { type: 'json' }
import en from '../test/fixtures/grievances.en.json' with { type: 'json' }

const route = process.argv[2] ?? 'api'
const argN = (name: string, d: number) => {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 ? Number(process.argv[i + 1]) : d
}
const SECONDS = argN('seconds', 10)
const CONNECTIONS = argN('connections', 50)
const cryptoKind = process.argv.includes('--crypto') ? process.argv[process.argv.indexOf('--crypto') + 1] : 'native'
const dir = join(import.meta.dirname, 'profiles', `${route}-${cryptoKind}-${Date.now()}`)
mkdirSync(dir, { recursive: true })

const run = fileURLToPath(new URL('./run.ts', import.meta.url))
const child = fork(run, ['--serve'], {
  execArgv: ['--import', 'tsx', '--cpu-prof', '--cpu-prof-dir', dir],
  env: { ...process.env, BENCH_CRYPTO: cryptoKind },
  stdio: 'inherit',
})
const waiting: ((m: any) => void)[] = []
child.on('message', (m) => waiting.shift()?.(m))
const ask = (m: unknown) => new Promise<any>((r) => { waiting.push(r); child.send(m as never) })
const ready: { origin: string; baseUrl: string; authToken: string } = await new Promise((r) => waiting.push(r))
const { origin } = ready
const sign = { baseUrl: ready.baseUrl, authToken: ready.authToken }

const reports = [...es, ...fr, ...en].filter((r) => r.text.length >= 10)
let n = 0
if (route === 'sms') {
  const until = Date.now() + SECONDS * 1000
  let phone = 0
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (Date.now() < until) {
      const from = `+52155${String(1_000_000 + phone++).padStart(8, '0')}`
      for (const body of ['HOLA', 'OK', '3', 'Autopartes del Bajío SA de CV', 'Silao, Guanajuato',
        'Nos pagan menos del mínimo y no pagan las horas extra desde marzo.', 'LISTO', 'NO']) {
        const res = await fetch(origin + '/twilio/sms', signedInit('/twilio/sms', smsParams({ from, body, sid: newSid(), fromCountry: 'MX', toCountry: 'MX' }), sign))
        await res.text()
        n++
      }
    }
  }))
  console.log(`sms: ${(n / SECONDS).toFixed(0)} msg/s`)
} else {
  const tokens: string[] = route === 'web' ? (await ask({ kind: 'tokens', n: 40_000 })).tokens : []
  const r = await autocannon({
    url: origin, connections: CONNECTIONS, duration: SECONDS,
    requests: [{
      setupRequest: (req) => {
        const rep = reports[n % reports.length]!
        const i = n++
        const from = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
        if (route === 'health') return { ...req, method: 'GET', path: '/health' }
        if (route === 'web') {
          const form = new URLSearchParams({ token: tokens[i % tokens.length]!, country: 'MX', employer: 'Autopartes del Bajío', description: rep.text })
          return { ...req, method: 'POST', path: '/es/report', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from }, body: form.toString() }
        }
        return {
          ...req, method: 'POST', path: '/api/v1/reports', headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
          body: JSON.stringify({ language: rep.lang, country: language(rep.lang as Lang).defaultCountry, employer: 'Autopartes del Bajío', description: rep.text }),
        }
      },
    }],
  })
  console.log(`${route}: ${r.requests.average.toFixed(0)} req/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, non2xx ${r.non2xx}, errors ${r.errors}`)
}
child.send({ kind: 'stop' })
await new Promise((r) => child.once('exit', r))

// ------------------------------------------------------------ summary by self time
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!
const prof = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: Node[]; samples: number[] }
const byId = new Map(prof.nodes.map((x) => [x.id, x]))
const parent = new Map<number, number>()
for (const x of prof.nodes) for (const c of x.children ?? []) parent.set(c, x.id)
const self = new Map<string, number>()
const files = new Map<string, number>()
const incl = new Map<string, number>()
const total = prof.samples.length
const short = (u: string) => u.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\/wt-intake-perf\//, '').replace(/^file:\/\//, '')
for (const s of prof.samples) {
  const x = byId.get(s)!
  const k = `${x.callFrame.functionName || '(anon)'} ${short(x.callFrame.url)}:${x.callFrame.lineNumber + 1}`
  self.set(k, (self.get(k) ?? 0) + 1)
  const f = short(x.callFrame.url) || x.callFrame.functionName
  files.set(f, (files.get(f) ?? 0) + 1)
  // inclusive per function name+file (counted once per sample)
  const seen = new Set<string>()
  for (let id: number | undefined = s; id !== undefined; id = parent.get(id)) {
    const y = byId.get(id)!
    const key = `${y.callFrame.functionName || '(anon)'} ${short(y.callFrame.url)}`
    if (!seen.has(key)) { seen.add(key); incl.set(key, (incl.get(key) ?? 0) + 1) }
  }
}
const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k)
  .map(([name, c]) => `${((100 * c) / total).toFixed(1).padStart(5)}%  ${name}`).join('\n')
console.log(`\n${total} samples; profile: ${join(dir, file)}\n\n-- self, by function\n${top(self, 30)}\n\n-- self, by file\n${top(files, 25)}\n\n-- inclusive, by function\n${top(incl, 60)}`)
