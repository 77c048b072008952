/**
 * `npm run hotline -- seed bench --cases N`: a realistic caseload through the store, development
 * only, with a few real receipts that open their cases.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { DAY_MS } from '../src/clock.js'
import { encodeBase64 } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { bootNode, type NodeRuntime } from '../src/node/boot.js'
import { cli } from './helpers/cli.js'

const N = 3_000

describe('seed bench', () => {
  let dir: string
  let out: string
  let rt: NodeRuntime
  const one = <T>(sql: string, ...params: unknown[]) => rt.db.prepare(sql).get(...params) as T
  const all = <T>(sql: string) => rt.db.prepare(sql).all() as T[]

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-seed-'))
    const r = await cli(['seed', 'bench', '--cases', String(N)], { dir })
    expect(r.code, r.out).toBe(0)
    out = r.out
    rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }, { log: silentLogger })
  }, 60_000)
  afterAll(() => {
    rt?.db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes N cases with messages and events, and says how fast', () => {
    expect(out).toMatch(new RegExp(`seeded ${N} cases, \\d+ messages and \\d+ events in [\\d.]+ s: \\d+ cases/s`))
    expect(one<{ n: number }>('SELECT count(*) AS n FROM cases').n).toBe(N)
    expect(one<{ n: number }>('SELECT count(*) AS n FROM case_messages').n).toBeGreaterThan(N / 10)
    expect(one<{ n: number }>('SELECT count(*) AS n FROM case_events').n).toBeGreaterThan(N * 2)
    expect(one<{ n: number }>('SELECT count(*) AS n FROM case_events e LEFT JOIN cases c ON c.id = e.case_id WHERE c.id IS NULL').n).toBe(0)
    // Left in the WAL mode the server runs in.
    expect(rt.db.pragma('journal_mode', { simple: true })).toBe('wal')
  })

  it('builds again every index the load deferred, exactly as the migrations made them', async () => {
    const fresh = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'fresh.db') }, { log: silentLogger })
    const indexes = (db: NodeRuntime['db']) =>
      db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name`).all()
    try {
      expect(indexes(rt.db)).toEqual(indexes(fresh.db))
    } finally {
      fresh.db.close()
    }
  })

  it('is a realistic mix: countries, sectors, languages, rights, statuses, three years of UTC days', () => {
    const distinct = (col: string) => one<{ n: number }>(`SELECT count(DISTINCT ${col}) AS n FROM cases`).n
    expect(distinct('country')).toBe(10)
    expect(distinct('sector')).toBeGreaterThanOrEqual(12)
    expect(distinct('language')).toBe(3)
    expect(distinct('status')).toBe(6)
    expect(distinct('channel')).toBeGreaterThanOrEqual(4)
    const rights = new Set(all<{ rights: string }>('SELECT rights FROM cases').flatMap((r) => JSON.parse(r.rights) as string[]))
    expect(rights.size).toBe(11)
    const span = one<{ lo: number; hi: number }>('SELECT min(created_at) AS lo, max(created_at) AS hi FROM cases')
    expect((span.hi - span.lo) / DAY_MS).toBeGreaterThan(2.9 * 365)
    const notDays = one<{ n: number }>(
      `SELECT (SELECT count(*) FROM cases WHERE created_at % ${DAY_MS} OR updated_at % ${DAY_MS} OR updated_at < created_at)
        + (SELECT count(*) FROM case_events WHERE at % ${DAY_MS}) + (SELECT count(*) FROM case_messages WHERE created_at % ${DAY_MS}) AS n`,
    )
    expect(notDays.n).toBe(0)
    // Young cases are mostly open, old ones mostly finished.
    const old = one<{ done: number; n: number }>(
      `SELECT sum(status IN ('resolved', 'closed')) AS done, count(*) AS n FROM cases WHERE created_at < ?`,
      rt.deps.clock.now() - 365 * DAY_MS,
    )
    expect(old.done / old.n).toBeGreaterThan(0.6)
    // Every status change is on the timeline.
    const changed = one<{ n: number }>(
      `SELECT count(*) AS n FROM cases c WHERE status <> 'new' AND NOT EXISTS
        (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'status')`,
    )
    expect(changed.n).toBe(0)
  })

  it('writes keys in the shapes intake writes, unique, and every case already redacted (employer hash set)', () => {
    const rows = all<{ id: string; reference: string; receipt_hash: string; employer_hash: string | null }>(
      'SELECT id, reference, receipt_hash, employer_hash FROM cases',
    )
    for (const r of rows) {
      expect(r.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
      expect(r.reference).toMatch(/^HL-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/)
      expect(r.receipt_hash).toMatch(/^[0-9a-f]{64}$/)
      expect(r.employer_hash).toMatch(/^[0-9a-f]{64}$/)
    }
    expect(one<{ n: number }>('SELECT count(*) AS n FROM cases WHERE original_enc IS NULL').n).toBe(0)
    // Only reports of 'other' alone concern no commitment.
    expect(one<{ n: number }>("SELECT count(*) AS n FROM cases WHERE commitments = '[]'").n).toBeLessThan(N / 10)
  })

  it('prints receipts that open their case, with an original that decrypts', async () => {
    const receipts = out.match(/\d{4} \d{4} \d{4} \d{4}/g) ?? []
    expect(receipts).toHaveLength(3)
    const app = createApp(() => rt.deps)
    for (const receipt of receipts) {
      const res = await app.request('/api/v1/follow-up', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receipt }),
      })
      expect(res.status).toBe(200)
      const c = one<{ id: string; original_enc: Uint8Array }>(
        'SELECT id, original_enc FROM cases WHERE receipt_hash = ?',
        rt.deps.crypto.hashReceipt(receipt),
      )
      expect(rt.deps.crypto.decryptText(new Uint8Array(c.original_enc), `case:${c.id}`).length).toBeGreaterThan(20)
    }
  })

  it('refuses to run in production, and a bad --cases', async () => {
    const key = encodeBase64(new Uint8Array(32).fill(7))
    const prod = await cli(['seed', 'bench', '--cases', '10'], {
      dir,
      env: { HOTLINE_ENV: 'production', PUBLIC_BASE_URL: 'https://h.example.org', TWILIO_AUTH_TOKEN: 'x'.repeat(32), CUSTODIAN_PUBLIC_KEY: key, DATA_KEY: key },
    })
    expect(prod.code).not.toBe(0)
    expect(prod.out).toMatch(/development only/)
    for (const bad of ['0', '-5', 'many', '1.5']) {
      const r = await cli(['seed', 'bench', `--cases=${bad}`], { dir })
      expect(r.code).not.toBe(0)
      expect(r.out).toMatch(/--cases must be a whole number/)
    }
    expect(one<{ n: number }>('SELECT count(*) AS n FROM cases').n).toBe(N)
  }, 60_000) // five CLI starts: seconds each on a busy machine
})
