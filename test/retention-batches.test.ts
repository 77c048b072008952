/**
 * The purge never blocks: it works in atomic batches, yields to the event loop between them, can
 * be bounded or stopped, and finds its rows through indexes. A realistic caseload from
 * `writeCaseload` (the `seed bench` generator) stands in for thousands of filed reports.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { DAY_MS } from '../src/clock.js'
import { PURGE_BATCH, PURGE_BATCH_MAX, SLICE_BUDGET_MS, purgeExpired } from '../src/privacy/retention.js'
import { stmt, type Sql, type SqlValue } from '../src/store/port.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

const CASES = 2_500

/** Every case closed 200 days ago (past the 90-day TTL); `fresh` of them changed today. */
async function seedDue(rt: TestRuntime, fresh = 0) {
  await writeCaseload(rt.deps, { cases: CASES })
  await rt.deps.sql.run("UPDATE cases SET status = 'closed', updated_at = ?", rt.clock.now() - 200 * DAY_MS)
  if (fresh) await rt.deps.sql.run('UPDATE cases SET updated_at = ? WHERE rowid <= ?', rt.clock.now(), fresh)
}

type CaseState = { id: string; purged: number; whole: number; messages: number }

/** Each case's state: purged (and nothing left to purge), or untouched. */
async function states(rt: TestRuntime): Promise<CaseState[]> {
  return rt.deps.sql.all<CaseState>(
    `SELECT c.id,
       c.purged_at IS NOT NULL AS purged,
       (c.identity_sealed IS NULL AND c.original_enc IS NULL AND c.receipt_hash = 'purged:' || c.id
         AND NOT EXISTS (SELECT 1 FROM case_messages m WHERE m.case_id = c.id)
         AND NOT EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.data_enc IS NOT NULL)) AS whole,
       (SELECT count(*) FROM case_messages m WHERE m.case_id = c.id) AS messages
     FROM cases c`,
  )
}

describe('the purge in batches', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it(`purges ${CASES.toLocaleString('en')} expired cases fully, one batch per turn of the event loop`, async () => {
    await seedDue(rt, 100)
    // A note on every case: encrypted notes go with the purge too.
    await rt.deps.sql.run("UPDATE case_events SET data_enc = X'01' WHERE kind = 'created'")
    let done = false
    let turns = 0
    const tick = () => {
      turns++
      if (!done) setImmediate(tick)
    }
    setImmediate(tick)
    const result = await purgeExpired(rt.deps)
    done = true

    expect(result).toMatchObject({ cases: CASES - 100, complete: true })
    expect(result.batches).toBeGreaterThanOrEqual(Math.ceil((CASES - 100) / PURGE_BATCH_MAX))
    // Other work ran between batches (setImmediate callbacks only run when the loop turns).
    expect(turns).toBeGreaterThanOrEqual(result.batches)
    const all = await states(rt)
    expect(all.filter((c) => c.purged && c.whole)).toHaveLength(CASES - 100)
    expect(all.filter((c) => !c.purged)).toHaveLength(100)
    expect(all.filter((c) => Boolean(c.purged) !== Boolean(c.whole))).toEqual([])
    expect((await purgeExpired(rt.deps)).cases).toBe(0)
  })

  it('an interrupted run leaves no case half-purged, and the next run finishes', async () => {
    await seedDue(rt)
    const before = new Map((await states(rt)).map((c) => [c.id, c.messages]))
    const real = rt.deps.sql
    let batches = 0
    // The third batch fails after its first statements ran (as a crash or a full disk would).
    const failing: Sql = {
      ...real,
      batch: (statements) =>
        real.batch(++batches === 3 ? [...statements.slice(0, 2), stmt('SELECT no_such_column FROM cases')] : statements),
    }
    await expect(purgeExpired({ ...rt.deps, sql: failing }, undefined, { batchSize: PURGE_BATCH })).rejects.toThrow(/no_such_column|no such column/)

    const after = await states(rt)
    expect(after.filter((c) => c.purged)).toHaveLength(2 * PURGE_BATCH)
    for (const c of after) {
      if (c.purged) expect(c.whole).toBeTruthy()
      else expect(c.messages).toBe(before.get(c.id))
    }
    expect((await purgeExpired(rt.deps)).cases).toBe(CASES - 2 * PURGE_BATCH)
    expect((await states(rt)).every((c) => Boolean(c.purged && c.whole))).toBe(true)
  })

  it('stops at its case budget, or between batches when told to, and picks up where it stopped', async () => {
    await seedDue(rt)
    const budget = await purgeExpired(rt.deps, undefined, { maxCases: 250 })
    expect(budget).toMatchObject({ cases: 250, complete: false })

    const stop = new AbortController()
    const real = rt.deps.sql
    const stopping: Sql = {
      ...real,
      async batch(statements) {
        const r = await real.batch(statements)
        stop.abort() // a shutdown arrives while the first batch runs
        return r
      },
    }
    const stopped = await purgeExpired({ ...rt.deps, sql: stopping }, undefined, { signal: stop.signal })
    expect(stopped).toMatchObject({ cases: PURGE_BATCH, complete: false })

    const rest = await purgeExpired(rt.deps)
    expect(rest).toMatchObject({ cases: CASES - 250 - PURGE_BATCH, complete: true })
  })

  it('sizes each batch to the time budget from the time per case it measured, within bounds', async () => {
    await seedDue(rt)
    const limits: number[] = []
    const real = rt.deps.sql
    // A clock on which every case of a batch costs `perCase` ms.
    let t = 0
    let perCase = 2
    const timed: Sql = {
      ...real,
      async all<T>(sql: string, ...params: SqlValue[]) {
        const rows = await real.all<T>(sql, ...params)
        if (sql.startsWith('SELECT id FROM cases') && rows.length > 0) {
          limits.push(params.at(-1) as number)
          t += rows.length * perCase
        }
        return rows
      },
    }
    const slow = await purgeExpired({ ...rt.deps, sql: timed }, undefined, { maxCases: 300, now: () => t })
    // Halving at most each step, then steady at the budget's fit (10 ms at 2 ms a case = 5).
    const fit = SLICE_BUDGET_MS / perCase
    expect(limits.slice(0, 5)).toEqual([PURGE_BATCH, PURGE_BATCH / 2, 12, 6, fit])
    expect(new Set(limits.slice(4, -1))).toEqual(new Set([fit]))
    expect(slow.batchMaxMs).toBe(PURGE_BATCH * perCase)

    // Cheap cases: the size doubles each batch up to the bound.
    limits.length = 0
    perCase = 0.001
    const fast = await purgeExpired({ ...rt.deps, sql: timed }, undefined, { now: () => t })
    expect(fast.complete).toBe(true)
    expect(limits.slice(0, 5)).toEqual([PURGE_BATCH, 2 * PURGE_BATCH, 4 * PURGE_BATCH, 8 * PURGE_BATCH, PURGE_BATCH_MAX])
  })

  it('does not purge a case that changed after its batch was chosen', async () => {
    await seedDue(rt)
    const real = rt.deps.sql
    let kept: string | undefined
    const racing: Sql = {
      ...real,
      async all<T>(sql: string, ...params: SqlValue[]) {
        const rows = await real.all<T>(sql, ...params)
        if (!kept && rows.length > 0 && sql.startsWith('SELECT id FROM cases')) {
          // A reporter writes to the first case of the batch (as addReporterMessage does).
          kept = (rows[0] as { id: string }).id
          await real.run('UPDATE cases SET updated_at = ? WHERE id = ?', rt.clock.now(), kept)
        }
        return rows
      },
    }
    const result = await purgeExpired({ ...rt.deps, sql: racing })
    expect(result.cases).toBe(CASES - 1)
    const row = await rt.deps.sql.get<{ purged_at: number | null; original_enc: unknown }>(
      'SELECT purged_at, original_enc FROM cases WHERE id = ?',
      kept!,
    )
    expect(row).toMatchObject({ purged_at: null })
    expect(row!.original_enc).not.toBeNull()
  })

  it('deletes expired short-lived rows in batches too', async () => {
    const now = rt.clock.now()
    for (let i = 0; i < 250; i++) {
      await rt.deps.sql.run('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)', `old-${i}`, now - 1)
      await rt.deps.sql.run("INSERT INTO sms_sessions (sender_hash, step, updated_at, expires_at) VALUES (?, 'menu', ?, ?)", `s-${i}`, now - 2 * DAY_MS, now - DAY_MS)
    }
    await rt.deps.sql.run('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?)', 'live', now + 60_000)
    const result = await purgeExpired(rt.deps, undefined, { batchSize: PURGE_BATCH })
    expect(result).toMatchObject({ conversations: 250, complete: true })
    expect(result.batches).toBeGreaterThanOrEqual(6)
    expect(await rt.deps.sql.all('SELECT key FROM rate_limits')).toEqual([{ key: 'live' }])
  })

  it('finds every row it touches through an index (checked with EXPLAIN QUERY PLAN)', async () => {
    await seedDue(rt)
    const seen: { sql: string; params: readonly SqlValue[] }[] = []
    const real = rt.deps.sql
    const recording: Sql = {
      ...real,
      all: (sql, ...params) => (seen.push({ sql, params }), real.all(sql, ...params)),
      run: (sql, ...params) => (seen.push({ sql, params }), real.run(sql, ...params)),
      batch: (statements) => (seen.push(...statements), real.batch(statements)),
    }
    await purgeExpired({ ...rt.deps, sql: recording }, undefined, { maxCases: PURGE_BATCH })
    const plans = new Map<string, string[]>()
    for (const s of seen) {
      const bind = s.params.map((p) => (p instanceof Uint8Array ? Buffer.from(p) : p))
      const detail = (rt.db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...bind) as { detail: string }[]).map((r) => r.detail)
      plans.set(s.sql, detail)
    }
    expect(plans.size).toBeGreaterThanOrEqual(10)
    // Small tables of live conversations may be read whole; nothing that grows with the caseload.
    const big = /^SCAN (cases|case_messages|case_events|voice_recordings|webhook_replies|rate_limits|jobs)\b/
    for (const [sql, detail] of plans) expect(detail.filter((d) => big.test(d)), sql).toEqual([])
    const select = [...plans].find(([sql]) => sql.startsWith('SELECT id FROM cases'))!
    expect(select[1].join(' ')).toMatch(/USING INDEX cases_purge_due/)
    const update = [...plans].find(([sql]) => sql.startsWith('UPDATE cases'))!
    expect(update[1].join(' ')).toMatch(/sqlite_autoindex_cases_1 \(id=\?\)/)
  })
})
