/**
 * Finding 5: deleting the newest audit rows must show. The head (seq and hash of the newest row)
 * moves in the same batch as every append; `audit verify` fails when the log ends before it, and
 * appends after such a deletion keep the gap instead of continuing a shortened log.
 */
import { readFileSync, readdirSync } from 'node:fs'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { append, withAudit } from '../../src/audit/log.js'
import { verify } from '../../src/audit/verify.js'
import { stmt } from '../../src/store/port.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime()
})
afterEach(() => rt.close())

const N = 40
async function fill(n = N) {
  for (let i = 0; i < n; i++) await append(rt.deps, { actorId: 'a', action: 'test', data: { i } })
}
const head = () => rt.db.prepare('SELECT seq, hash FROM audit_head').all()
const last = () => rt.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get()

describe('the audit head', () => {
  it('moves with every append, in the same batch: an intact log passes', async () => {
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 0, head: null, storedHead: null })
    await fill()
    expect(head()).toEqual([last()])
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: N, brokenSeq: null })
    const cmd = await cli(['audit', 'verify'], { dir: rt.dir })
    expect(cmd.code, cmd.out).toBe(0)
    expect(cmd.out).toMatch(new RegExp(`intact: ${N} entries; head #${N} [0-9a-f]{64}`))
  }, 60_000)

  it('deleting the last row fails verify, and the CLI names the entry', async () => {
    await fill()
    rt.db.prepare('DELETE FROM audit_log WHERE seq = ?').run(N)
    expect(await verify(rt.deps)).toMatchObject({
      ok: false,
      problem: 'truncated',
      brokenSeq: N,
      count: N - 1,
    })
    const cmd = await cli(['audit', 'verify'], { dir: rt.dir })
    expect(cmd.code).toBe(1)
    expect(cmd.out).toMatch(new RegExp(`BROKEN at entry #${N}: it is missing, with every entry after it`))
    expect(cmd.out).toMatch(new RegExp(`head says #${N}`))
  }, 60_000)

  it('deleting the last 25 rows fails verify', async () => {
    await fill()
    rt.db.prepare('DELETE FROM audit_log WHERE seq > ?').run(N - 25)
    expect(await verify(rt.deps)).toMatchObject({
      ok: false,
      problem: 'truncated',
      brokenSeq: N - 24,
      count: N - 25,
    })
  })

  it('deleting every row fails verify (a head without rows)', async () => {
    await fill()
    rt.db.prepare('DELETE FROM audit_log').run()
    expect(await verify(rt.deps)).toMatchObject({
      ok: false,
      problem: 'truncated',
      brokenSeq: 1,
      count: 0,
    })
    const cmd = await cli(['audit', 'verify'], { dir: rt.dir })
    expect(cmd.code).toBe(1)
    expect(cmd.out).toMatch(/BROKEN at entry #1\b/)
  }, 60_000)

  it('appends after a deletion chain from the head: the gap stays and verify keeps failing', async () => {
    await fill()
    rt.db.prepare('DELETE FROM audit_log WHERE seq > ?').run(N - 25)
    await append(rt.deps, { actorId: 'b', action: 'after' })
    await append(rt.deps, { actorId: 'b', action: 'after' })
    const rows = rt.db.prepare('SELECT seq FROM audit_log WHERE seq > ? ORDER BY seq').all(N - 25)
    expect(rows).toEqual([{ seq: N + 1 }, { seq: N + 2 }])
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'missing', brokenSeq: N - 24 })

    // Every row deleted, then appends: the new log does not start again from #1.
    rt.db.prepare('DELETE FROM audit_log').run()
    await append(rt.deps, { actorId: 'b', action: 'after' })
    expect(rt.db.prepare('SELECT seq FROM audit_log').all()).toEqual([{ seq: N + 3 }])
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'missing', brokenSeq: 1 })
  })

  it('a head moved back, or pointing at another hash, fails verify', async () => {
    await fill(10)
    const h = rt.db.prepare('SELECT hash FROM audit_log WHERE seq = 7').get() as { hash: string }
    rt.db.prepare('UPDATE audit_head SET seq = 7, hash = ?').run(h.hash)
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'head', brokenSeq: 8 })
    rt.db.prepare('UPDATE audit_head SET seq = 10, hash = ?').run(h.hash)
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'head', brokenSeq: 10 })
    // An append from a head whose hash is not the last row's does not mend it.
    await append(rt.deps, { actorId: 'b', action: 'after' })
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'prev_hash', brokenSeq: 11 })
  })

  it('a log from before the head (no head row) fails verify until its next append writes one', async () => {
    await fill(5)
    rt.db.prepare('DELETE FROM audit_head').run()
    expect(await verify(rt.deps)).toMatchObject({ ok: false, problem: 'head', brokenSeq: 5 })
    await append(rt.deps, { actorId: 'b', action: 'after' })
    expect(head()).toEqual([last()])
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 6 })
  })

  it('never forks the chain and keeps the head on the last row under concurrent appends', async () => {
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? withAudit(rt.deps, { actorId: null, action: 'race', data: { i } }, [
              stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, 0)', `k${i}`),
            ])
          : append(rt.deps, { actorId: null, action: 'race', data: { i } }),
      ),
    )
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 30 })
    expect(head()).toEqual([last()])
    expect(rt.db.prepare('SELECT COUNT(*) AS n FROM rate_limits').get()).toEqual({ n: 10 })
  })

  it('a guarded append whose condition fails writes neither a row nor a new head', async () => {
    await fill(3)
    const before = head()
    const [r] = await withAudit(
      rt.deps,
      { actorId: null, action: 'guarded' },
      [stmt('UPDATE rate_limits SET count = 2 WHERE key = ? AND count = 1', 'none')],
      { sql: 'EXISTS (SELECT 1 FROM rate_limits WHERE key = ? AND count = 1)', params: ['none'] },
    )
    expect(r).toEqual({ changes: 0 })
    expect(head()).toEqual(before)
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 3 })
  })

  it('a failing change leaves the head where it was (one batch)', async () => {
    await fill(3)
    const before = head()
    await expect(
      withAudit(rt.deps, { actorId: null, action: 'bad' }, [stmt('INSERT INTO nowhere VALUES (1)')]),
    ).rejects.toThrow()
    rt.db.exec(`CREATE TRIGGER head_down BEFORE UPDATE ON audit_head
      BEGIN SELECT RAISE(ABORT, 'head down'); END`)
    await expect(
      withAudit(rt.deps, { actorId: null, action: 'x' }, [
        stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, 0)', 'kept?'),
      ]),
    ).rejects.toThrow(/head down/)
    rt.db.exec('DROP TRIGGER head_down')
    expect(rt.db.prepare('SELECT COUNT(*) AS n FROM rate_limits').get()).toEqual({ n: 0 })
    expect(head()).toEqual(before)
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 3 })
  })
})

describe('migration 0005', () => {
  it('gives a log written before it its head (the last row)', () => {
    const dir = new URL('../../migrations/', import.meta.url)
    const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()
    const db = new Database(':memory:')
    for (const f of files.filter((f) => f < '0005')) db.exec(readFileSync(new URL(f, dir), 'utf8'))
    const row = db.prepare(
      `INSERT INTO audit_log (seq, at, actor_id, action, case_id, data, prev_hash, hash)
       VALUES (?, 0, NULL, 'x', NULL, '{}', ?, ?)`,
    )
    row.run(1, '0'.repeat(64), 'a'.repeat(64))
    row.run(2, 'a'.repeat(64), 'b'.repeat(64))
    for (const f of files.filter((f) => f >= '0005')) db.exec(readFileSync(new URL(f, dir), 'utf8'))
    expect(db.prepare('SELECT id, seq, hash FROM audit_head').all()).toEqual([
      { id: 1, seq: 2, hash: 'b'.repeat(64) },
    ])
    db.close()
  })
})
