/**
 * @module store/port
 * The one SQL port the core talks to. Two small adapters implement it:
 * better-sqlite3 on Node (`store/sqlite.ts`) and D1 on Workers (`store/d1.ts`).
 * SQL uses `?` placeholders. `batch()` is the only transaction: D1 has no BEGIN/COMMIT,
 * and a D1 batch rolls back as a whole; on Node it runs inside `db.transaction()`.
 */

/** A statement with its bound parameters, to be run later in a batch. */
export interface Statement {
  readonly sql: string
  readonly params: readonly SqlValue[]
}

export type SqlValue = string | number | bigint | null | Uint8Array

export interface RunResult {
  /** Rows changed by the statement. */
  changes: number
}

export interface Sql {
  /** First row or undefined. */
  get<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Promise<T | undefined>
  /** All rows. */
  all<T = Record<string, unknown>>(sql: string, ...params: SqlValue[]): Promise<T[]>
  /** Run one statement outside a batch. */
  run(sql: string, ...params: SqlValue[]): Promise<RunResult>
  /** Run statements atomically, in order: all apply or none does. Returns one result per statement. */
  batch(statements: readonly Statement[]): Promise<RunResult[]>
}

/** Build a statement for `batch()`. */
export function stmt(sql: string, ...params: SqlValue[]): Statement {
  return { sql, params }
}

/**
 * Split schema.sql into single statements (D1's exec rejects multi-line SQL).
 * Comments are dropped; statements end at a `;` at the end of a line (a trigger at its END).
 */
export function splitSql(source: string): string[] {
  const lines = source
    .split('\n')
    .map((l) => l.replace(/--.*$/, ''))
    .join('\n')
  const parts = lines
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
  // A trigger's body holds statements of its own: keep it whole, up to its END.
  const out: string[] = []
  for (let i = 0; i < parts.length; i++) {
    let s = parts[i]!
    if (/^CREATE\s+TRIGGER\b/i.test(s)) {
      while (!/\bEND$/i.test(s) && i + 1 < parts.length) s += `;\n${parts[++i]}`
    }
    out.push(s)
  }
  return out
}

/**
 * A SQL condition with its parameters, for a statement that must apply only while it holds
 * (a compare-and-swap: `INSERT … SELECT … WHERE`, `UPDATE … WHERE`). Store modules build them;
 * callers only pass them on.
 */
export interface Condition {
  readonly sql: string
  readonly params: readonly SqlValue[]
}

/** `?, ?, ?` for a list of n parameters. */
export const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ')
