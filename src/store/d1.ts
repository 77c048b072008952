/**
 * @module store/d1
 * The D1 adapter of the SQL port (Workers). Same types out as the SQLite adapter: BLOB columns
 * come back as Uint8Array (D1 gives ArrayBuffer or an array of numbers). A `batch()` is D1's
 * transaction: it rolls back as a whole.
 */
import type { RunResult, Sql, SqlValue, Statement } from './port.js'

/** D1 binds ArrayBuffer as BLOB and has no bigint. */
function bindValue(p: SqlValue): unknown {
  if (p instanceof Uint8Array) return p.slice().buffer
  if (typeof p === 'bigint') {
    if (p > BigInt(Number.MAX_SAFE_INTEGER) || p < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new RangeError('D1 cannot bind an integer beyond 2^53')
    }
    return Number(p)
  }
  return p
}

/** BLOB values to Uint8Array; no other column type comes back as an array or a buffer. */
function row<T>(r: Record<string, unknown>): T {
  for (const [k, v] of Object.entries(r)) {
    if (v instanceof ArrayBuffer) r[k] = new Uint8Array(v)
    else if (Array.isArray(v)) r[k] = Uint8Array.from(v as number[])
  }
  return r as T
}

/**
 * A write whose `changes` the port reports. D1's `meta.changes` also counts the rows its triggers
 * write (the queue's join tables, migration 0013), while better-sqlite3 and SQLite's `changes()`
 * count only the statement's own rows; the port promises the latter on both runtimes, so each
 * write in a batch is followed by `SELECT changes()` on the same connection, in the same
 * transaction (a SELECT leaves `changes()` as it was, so guards like `WHERE changes() = 0` in
 * the next statement still see the write's count).
 */
const WRITE = /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i
const COUNT = 'SELECT changes() AS n'

/** Wrap a D1 binding as the SQL port. */
export function d1Sql(db: D1Database): Sql {
  const prep = (sql: string, params: readonly SqlValue[]) =>
    params.length ? db.prepare(sql).bind(...params.map(bindValue)) : db.prepare(sql)
  const changes = (r: D1Result): RunResult => ({ changes: r.meta.changes ?? 0 })
  return {
    async get<T>(sql: string, ...params: SqlValue[]) {
      const r = await prep(sql, params).first<Record<string, unknown>>()
      return r === null ? undefined : row<T>(r)
    },
    async all<T>(sql: string, ...params: SqlValue[]) {
      const { results } = await prep(sql, params).all<Record<string, unknown>>()
      return results.map((r) => row<T>(r))
    },
    async run(sql: string, ...params: SqlValue[]) {
      if (!WRITE.test(sql)) return changes(await prep(sql, params).run())
      const [result] = await this.batch([{ sql, params }])
      return result!
    },
    async batch(statements: readonly Statement[]) {
      if (statements.length === 0) return []
      const prepared: D1PreparedStatement[] = []
      for (const s of statements) {
        prepared.push(prep(s.sql, s.params))
        if (WRITE.test(s.sql)) prepared.push(db.prepare(COUNT))
      }
      const results = await db.batch<{ n: number }>(prepared)
      const out: RunResult[] = []
      for (let i = 0, r = 0; i < statements.length; i++, r++) {
        if (WRITE.test(statements[i]!.sql)) {
          out.push({ changes: results[++r]!.results[0]?.n ?? 0 })
        } else out.push(changes(results[r]!))
      }
      return out
    },
  }
}
