/**
 * @module test/fuzz/harness
 * What every fuzz file shares: one real runtime per file (SQLite file, development keys), and
 * `send`, which puts one generated request through `app.request()` and checks it:
 * - never a 5xx, never an exception out of the app, never an `unhandled` log line;
 * - a refused request (any status but 2xx) stores nothing: every table's row count is the same
 *   after it, and no INSERT, UPDATE or DELETE touched a table other than those the route's
 *   refusal legitimately writes (temporary triggers on every table record each write);
 * - a refusal is readable: JSON `{error: {code, message}}` on the API, a page on pages;
 * - the runtime still answers `/health` (checked every HEALTH_EVERY requests and at the end).
 *
 * How many requests: FUZZ_RUNS (default 10,000) is the whole suite's total, split between the
 * properties by SHARES; FUZZ_SEED generates the inputs of a failed run again (fast-check prints
 * its seed).
 */
import fc from 'fast-check'
import { expect } from 'vitest'
import type { Fetch } from '../../src/deps.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

/** Generated requests in the whole suite. CI runs the default; raise it for a longer run. */
export const FUZZ_TOTAL = Math.max(1, Number(process.env.FUZZ_RUNS) || 10_000)

/** Each property's share of FUZZ_TOTAL (they add up to 1: the suite sends at least FUZZ_TOTAL). */
export const SHARES = {
  'api.reports': 0.09,
  'api.reports.idempotency': 0.05,
  'api.follow-up': 0.06,
  'api.follow-up.messages': 0.06,
  'web.report': 0.09,
  'web.follow-up': 0.06,
  'web.follow-up.reply': 0.06,
  'web.follow-up.consent': 0.03,
  'twilio.sms.signed': 0.07,
  'twilio.whatsapp.signed': 0.02,
  'twilio.sms.unsigned': 0.03,
  'twilio.voice.signed': 0.07,
  'twilio.voice.unsigned': 0.03,
  'twilio.status': 0.05,
  'console.login': 0.06,
  'console.totp': 0.03,
  // Evidence uploads (test/fuzz/attachments.test.ts), taken from the two largest Twilio shares.
  'api.follow-up.attachments': 0.025,
  'api.cases.attachments': 0.015,
  'web.attachments': 0.02,
  // Staff routes added with facilities, escalations, statistics and daily work
  // (test/fuzz/staff-routes.test.ts), taken from the reporter API, voice and sign-in shares.
  'staff.api': 0.04,
  'staff.forms': 0.03,
  'staff.queries': 0.01,
} as const
export type Property = keyof typeof SHARES

/** The number of generated requests one property sends (at least). */
export const runsFor = (p: Property) => Math.max(1, Math.ceil(FUZZ_TOTAL * SHARES[p]))

/** A vitest timeout for a property: generous, growing with FUZZ_RUNS (never an assertion). */
export const timeoutFor = (p: Property) => 60_000 + runsFor(p) * 100

/**
 * Run a property until it has sent its share of requests: a run may send several (a call, a
 * conversation), `perRun` on average, so runs are sized from it and topped up if short.
 */
export async function assertSent<Ts>(fuzz: Fuzz, p: Property, property: fc.IAsyncProperty<Ts>, perRun = 1) {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined
  while ((fuzz.sent.get(p) ?? 0) < runsFor(p)) {
    const missing = runsFor(p) - (fuzz.sent.get(p) ?? 0)
    await fc.assert(property, { numRuns: Math.ceil(missing / perRun), ...(seed !== undefined ? { seed } : {}) })
  }
}

/** The header the fuzz runtime reads the client's address from (so each request can vary it). */
export const SOURCE_HEADER = 'x-fuzz-source'

/** Check `/health` after this many generated requests. */
const HEALTH_EVERY = 25

export interface Fuzz {
  rt: TestRuntime
  /** Generated requests sent, by property, and the status mix. */
  sent: Map<Property, number>
  statuses: Map<number, number>
  /** Send one generated request through the app and check the invariants (see the module). */
  send(p: Property, path: string, init: RequestInit, check: SendCheck): Promise<Answer>
  health(): Promise<void>
  /** One line of figures for the run. */
  summary(label: string): string
  close(): void
}

/** What came back (the body already read). */
export interface Answer {
  status: number
  headers: Headers
  text: string
}

export interface SendCheck {
  /**
   * Tables a refused request of this route may write, each with its reason (rate-limit counters
   * of failed tries, the audit trail of failed sign-ins…). Anything else written is a failure.
   */
  refusalWrites?: Readonly<Record<string, string>>
  /** What a refusal looks like: JSON error (API), an HTML page, or anything (Twilio, TwiML). */
  refusal: 'json' | 'page' | 'any'
  /** A non-2xx answer that still means "done" (a console form's 303 back to its page). */
  accepted?: (res: Response) => boolean
}

/** A Twilio REST stand-in: no request leaves the machine. */
const offlineFetch: Fetch = async () => new Response(null, { status: 204 })

/** The runtime of one fuzz file: development keys, Twilio erasure on (against offlineFetch). */
export async function startFuzz(): Promise<Fuzz> {
  const rt = await makeRuntime({
    env: { TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`, TWILIO_API_BASE: 'http://127.0.0.1:9' },
    fetch: offlineFetch,
  })
  rt.deps.remoteAddress = (c) => c.req.header(SOURCE_HEADER)
  const all = rt.db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .all() as { name: string; sql: string }[]
  // The FTS5 search indexes (migration 0014) and their shadow tables take no triggers: their rows
  // are counted (below) like every other table's, and the triggers on the tables they index
  // (cases, case_messages) see the writes that feed them.
  const virtual = all.filter((t) => /^CREATE VIRTUAL/i.test(t.sql)).map((t) => t.name)
  const tables = all.map((t) => t.name).filter((n) => !virtual.includes(n))
  const watched = tables.filter((n) => !virtual.some((v) => n.startsWith(`${v}_`)))
  // Test instrumentation only, on this connection: temporary triggers log every write by table.
  rt.db.exec('CREATE TEMP TABLE fuzz_writes (tbl TEXT NOT NULL)')
  for (const t of watched) {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      rt.db.exec(
        `CREATE TEMP TRIGGER "fuzz_${t}_${op}" AFTER ${op} ON main."${t}"
         BEGIN INSERT INTO fuzz_writes (tbl) VALUES ('${t}'); END`,
      )
    }
  }
  const countAll = rt.db.prepare(
    tables.map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM main."${t}"`).join(' UNION ALL '),
  )
  const counts = () =>
    Object.fromEntries((countAll.all() as { t: string; n: number }[]).map((r) => [r.t, r.n]))
  const clearWrites = rt.db.prepare('DELETE FROM fuzz_writes')
  const writtenTables = rt.db.prepare('SELECT DISTINCT tbl FROM fuzz_writes ORDER BY tbl').pluck()

  const sent = new Map<Property, number>()
  const statuses = new Map<number, number>()
  let sinceHealth = 0

  const fuzz: Fuzz = {
    rt,
    sent,
    statuses,
    async health() {
      const res = await rt.app.request('/health')
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ status: 'ok' })
    },
    async send(p, path, init, check) {
      clearWrites.run()
      const before = counts()
      const res = await rt.app.request(path, init)
      const body = await res.text()
      const what = `${init.method ?? 'GET'} ${path} → ${res.status}`
      expect(res.status, what).toBeLessThan(500)
      sent.set(p, (sent.get(p) ?? 0) + 1)
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      // A web follow-up form that worked answers 303 to its case page (redirect after POST).
      const done =
        (res.status === 303 && /^\/(en|es|fr)\/follow-up\/case(\?|$)/.test(res.headers.get('location') ?? '')) ||
        (check.accepted?.(res) ?? false)
      if ((res.status < 200 || res.status > 299) && !done) {
        const allowed = check.refusalWrites ?? {}
        const written = (writtenTables.all() as string[]).filter((t) => !(t in allowed))
        expect(written, `${what} wrote`).toEqual([])
        const after = counts()
        const changed = Object.keys(after).filter((t) => !(t in allowed) && after[t] !== before[t])
        expect(changed, `${what} changed row counts`).toEqual([])
        if (res.status >= 400) {
          const accept = new Headers(init.headers).get('accept') ?? ''
          // A page's errors are pages, unless the client asked for JSON (middleware/errors).
          const kind = check.refusal === 'page' && accept.includes('application/json') ? 'page-or-json' : check.refusal
          checkRefusal(res, body, kind, what)
        }
      }
      if (++sinceHealth >= HEALTH_EVERY) {
        sinceHealth = 0
        await fuzz.health()
      }
      return { status: res.status, headers: res.headers, text: body }
    },
    summary(label) {
      const total = [...sent.values()].reduce((a, b) => a + b, 0)
      const mix = [...statuses.entries()]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ')
      const filed = rt.db
        .prepare('SELECT channel, COUNT(*) AS n FROM cases GROUP BY channel ORDER BY channel')
        .all() as { channel: string; n: number }[]
      const cases = filed.map((r) => `${r.channel} ${r.n}`).join(', ') || 'none'
      return `fuzz ${label}: ${total} requests (${mix}); cases filed: ${cases}`
    },
    close() {
      expect(rt.logs.filter((l) => l.includes('"unhandled"'))).toEqual([])
      // Generated reports, messages and contacts never reach the log (arbitraries.ts sends these).
      expect(rt.logs.join('\n')).not.toMatch(/juan\.perez|871 555 0133|477 555 0123|maria@example|Nos pagan/)
      rt.close()
    },
  }
  return fuzz
}

function checkRefusal(
  res: Response,
  body: string,
  kind: SendCheck['refusal'] | 'page-or-json',
  what: string,
) {
  const type = res.headers.get('content-type') ?? ''
  if (kind === 'json' || (kind === 'page-or-json' && type.startsWith('application/json'))) {
    expect(type, what).toMatch(/^application\/json/)
    const e = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error
    expect(typeof e?.code, what).toBe('string')
    expect(typeof e?.message === 'string' && e.message.length > 0, what).toBe(true)
  } else if (kind === 'page' || kind === 'page-or-json') {
    expect(type, what).toMatch(/^text\/html/)
    expect(body, what).toMatch(/^(<!doctype html>)?<html[\s>]/i)
  }
}

/** Each property sent at least its runs, and the shares cover FUZZ_TOTAL. */
export function expectAllSent(fuzz: Fuzz, props: readonly Property[]) {
  const shares = Object.values(SHARES).reduce((a, b) => a + b, 0)
  expect(shares).toBeCloseTo(1, 9)
  for (const p of props) expect(fuzz.sent.get(p) ?? 0, p).toBeGreaterThanOrEqual(runsFor(p))
}
