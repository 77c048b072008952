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
      return changes(await prep(sql, params).run())
    },
    async batch(statements: readonly Statement[]) {
      if (statements.length === 0) return []
      const results = await db.batch(statements.map((s) => prep(s.sql, s.params)))
      return results.map(changes)
    },
  }
}
