/**
 * @module test/store-contract
 * One body of assertions for the SQL port, run against better-sqlite3 on a real file
 * (test/store.sqlite.test.ts) and against local D1 inside workerd (test/workers/store.d1.test.ts).
 * Uses the real schema's tables; keys are unique per test, so the database may be shared.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { stmt, type Sql } from '../src/store/port.js'
import { runStoreModulesContract } from './store-modules-contract.js'
import { uniq } from './store-fixtures.js'


const isPlainUint8Array = (v: unknown) =>
  v instanceof Uint8Array && Object.getPrototypeOf(v) === Uint8Array.prototype

/** Register the store contract for one adapter; `makeSql` opens a database with the schema. */
export function runStoreContract(adapter: string, makeSql: () => Promise<Sql>): void {
  describe(`store contract (${adapter})`, () => {
    let sql: Sql
    beforeAll(async () => {
      sql = await makeSql()
    })

    it('run() inserts with parameters and reports changes; get() reads them back', async () => {
      const key = uniq('rl')
      expect(
        await sql.run(
          'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
          key,
          3,
          42,
        ),
      ).toEqual({
        changes: 1,
      })
      expect(
        await sql.get('SELECT key, count, expires_at FROM rate_limits WHERE key = ?', key),
      ).toEqual({
        key,
        count: 3,
        expires_at: 42,
      })
      expect(
        await sql.get('SELECT * FROM rate_limits WHERE key = ?', uniq('missing')),
      ).toBeUndefined()
    })

    it('all() returns every row in order, or an empty array', async () => {
      const prefix = uniq('all')
      for (const [i, n] of [3, 1, 2].entries()) {
        await sql.run(
          'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
          `${prefix}-${i}`,
          n,
          0,
        )
      }
      const rows = await sql.all<{ key: string; count: number }>(
        'SELECT key, count FROM rate_limits WHERE key LIKE ? ORDER BY count',
        `${prefix}-%`,
      )
      expect(rows.map((r) => r.count)).toEqual([1, 2, 3])
      expect(await sql.all('SELECT * FROM rate_limits WHERE key = ?', uniq('none'))).toEqual([])
    })

    it('blobs round-trip as plain Uint8Array with identical bytes', async () => {
      const all = Uint8Array.from({ length: 256 }, (_, i) => i)
      const view = all.subarray(250, 256) // a view with an offset into a larger buffer
      const cases: [string, Uint8Array][] = [
        [uniq('b-all'), all],
        [uniq('b-view'), view],
        [uniq('b-zeros'), new Uint8Array(1000)],
      ]
      for (const [key, bytes] of cases) {
        await sql.run(
          'INSERT INTO webhook_replies (key, reply_enc, created_at) VALUES (?, ?, ?)',
          key,
          bytes,
          1,
        )
      }
      for (const [key, bytes] of cases) {
        const r = await sql.get<{ reply_enc: unknown }>(
          'SELECT reply_enc FROM webhook_replies WHERE key = ?',
          key,
        )
        expect(isPlainUint8Array(r?.reply_enc)).toBe(true)
        expect(Array.from(r!.reply_enc as Uint8Array)).toEqual(Array.from(bytes))
      }
      const rows = await sql.all<{ reply_enc: unknown }>(
        'SELECT reply_enc FROM webhook_replies WHERE key IN (?, ?)',
        cases[0]![0],
        cases[1]![0],
      )
      expect(rows).toHaveLength(2)
      for (const r of rows) expect(isPlainUint8Array(r.reply_enc)).toBe(true)
      // Blobs also work as parameters in WHERE clauses.
      const found = await sql.get<{ key: string }>(
        'SELECT key FROM webhook_replies WHERE reply_enc = ?',
        view,
      )
      expect(found?.key).toBe(cases[1]![0])
    })

    it('binds and returns null', async () => {
      const key = uniq('sms')
      await sql.run(
        'INSERT INTO sms_sessions (sender_hash, language, step, state_enc, updated_at, ' +
          'expires_at) VALUES (?, ?, ?, ?, ?, ?)',
        key,
        null,
        'start',
        null,
        1,
        2,
      )
      expect(
        await sql.get('SELECT language, state_enc FROM sms_sessions WHERE sender_hash = ?', key),
      ).toEqual({
        language: null,
        state_enc: null,
      })
    })

    it('integers come back as numbers, millisecond timestamps and negatives intact', async () => {
      const values = [0, -1, 1_767_225_600_123, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER]
      const prefix = uniq('int')
      for (const [i, v] of values.entries()) {
        await sql.run(
          'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
          `${prefix}-${i}`,
          i,
          v,
        )
      }
      const rows = await sql.all<{ expires_at: unknown }>(
        'SELECT expires_at FROM rate_limits WHERE key LIKE ? ORDER BY count',
        `${prefix}-%`,
      )
      expect(rows.map((r) => r.expires_at)).toEqual(values)
      for (const r of rows) expect(typeof r.expires_at).toBe('number')
      const key = uniq('bigint')
      await sql.run('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)', key, 5n, 7)
      expect(await sql.get('SELECT count FROM rate_limits WHERE key = ?', key)).toEqual({
        count: 5,
      })
    })

    it('text round-trips unchanged (accents, CJK, emoji, quotes)', async () => {
      const key = uniq('txt')
      const text = `Ñandú "comillas" 'apóstrofo' 漢字 🙂 — ligne\nnouvelle`
      await sql.run(
        'INSERT INTO facilities (id, name, country, created_at) VALUES (?, ?, ?, ?)',
        key,
        text,
        'MX',
        1,
      )
      expect(await sql.get('SELECT name FROM facilities WHERE id = ?', key)).toEqual({ name: text })
    })

    it('run() reports changes of updates and deletes, 0 when nothing matched', async () => {
      const prefix = uniq('chg')
      for (const i of [1, 2, 3]) {
        await sql.run(
          'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
          `${prefix}-${i}`,
          i,
          0,
        )
      }
      expect(
        await sql.run(
          'UPDATE rate_limits SET expires_at = 9 WHERE key LIKE ? AND count >= 2',
          `${prefix}-%`,
        ),
      ).toEqual({
        changes: 2,
      })
      expect(await sql.run('DELETE FROM rate_limits WHERE key = ?', uniq('nothing'))).toEqual({
        changes: 0,
      })
      expect(await sql.run('DELETE FROM rate_limits WHERE key LIKE ?', `${prefix}-%`)).toEqual({
        changes: 3,
      })
    })

    it('INSERT … ON CONFLICT DO UPDATE upserts', async () => {
      const key = uniq('upsert')
      const upsert =
        'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, ?) ' +
        'ON CONFLICT (key) DO UPDATE SET count = count + 1, expires_at = excluded.expires_at'
      for (const at of [10, 20, 30]) expect((await sql.run(upsert, key, at)).changes).toBe(1)
      expect(await sql.get('SELECT count, expires_at FROM rate_limits WHERE key = ?', key)).toEqual(
        {
          count: 3,
          expires_at: 30,
        },
      )
      const got = await sql.get<{ count: number }>(upsert + ' RETURNING count', key, 40)
      expect(got?.count).toBe(4)
    })

    it('batch() runs in order and returns the changes of each statement', async () => {
      const a = uniq('ba')
      const b = uniq('bb')
      const results = await sql.batch([
        stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)', a, 1, 0),
        stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)', b, 1, 0),
        stmt('UPDATE rate_limits SET count = count + 10 WHERE key IN (?, ?)', a, b),
        stmt('DELETE FROM rate_limits WHERE key = ?', uniq('absent')),
        stmt(
          'INSERT INTO webhook_replies (key, reply_enc, created_at) VALUES (?, ?, ?)',
          a,
          new Uint8Array([1, 2]),
          0,
        ),
      ])
      expect(results).toEqual([
        { changes: 1 },
        { changes: 1 },
        { changes: 2 },
        { changes: 0 },
        { changes: 1 },
      ])
      expect(await sql.get('SELECT count FROM rate_limits WHERE key = ?', a)).toEqual({ count: 11 })
      expect(await sql.batch([])).toEqual([])
    })

    it('batch() is atomic: a UNIQUE violation in statement 2 undoes statement 1', async () => {
      const email = `${uniq('staff')}@example.org`
      const first = uniq('s1')
      const existing = uniq('s0')
      await sql.run(
        'INSERT INTO staff (id, email, role, created_at) VALUES (?, ?, ?, ?)',
        existing,
        email,
        'monitor',
        1,
      )
      const tag = uniq('t')
      await expect(
        sql.batch([
          stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)', tag, 1, 0),
          stmt(
            'INSERT INTO staff (id, email, role, created_at) VALUES (?, ?, ?, ?)',
            first,
            email,
            'ngo',
            2,
          ),
          stmt(
            'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
            uniq('after'),
            1,
            0,
          ),
        ]),
      ).rejects.toThrow(/UNIQUE/i)
      expect(await sql.get('SELECT key FROM rate_limits WHERE key = ?', tag)).toBeUndefined()
      expect(await sql.get('SELECT id FROM staff WHERE id = ?', first)).toBeUndefined()
      // The database is still usable after the rollback.
      expect(
        (
          await sql.run(
            'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
            tag,
            1,
            0,
          )
        ).changes,
      ).toBe(1)
    })

    it('constraint errors from run() reject (CHECK, NOT NULL)', async () => {
      await expect(
        sql.run(
          'INSERT INTO staff (id, email, role, created_at) VALUES (?, ?, ?, ?)',
          uniq('x'),
          uniq('e'),
          'boss',
          1,
        ),
      ).rejects.toThrow(/CHECK/i)
      await expect(
        sql.run(
          'INSERT INTO rate_limits (key, count, expires_at) VALUES (?, ?, ?)',
          uniq('n'),
          null,
          0,
        ),
      ).rejects.toThrow(/NOT NULL/i)
    })
  })
  runStoreModulesContract(adapter, makeSql)
}
