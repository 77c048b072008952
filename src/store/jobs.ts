/**
 * @module store/jobs
 * Queued jobs (`jobs`): the row that enqueues one (jobs/queue.ts), the runner's reads and leases
 * and outcomes (jobs/runner.ts), and the voice channel's changes: cancelling armed erasure guards
 * and making jobs due now.
 */
import { placeholders, stmt, type RunResult, type Sql, type Statement } from './port.js'

/** A new job; one already enqueued under the same id is left alone. */
export function insert(j: { id: string; kind: string; payloadEnc: Uint8Array; runAt: number; createdAt: number }): Statement {
  return stmt(
    'INSERT OR IGNORE INTO jobs (id, kind, payload_enc, run_at, created_at) VALUES (?, ?, ?, ?, ?)',
    j.id,
    j.kind,
    j.payloadEnc,
    j.runAt,
    j.createdAt,
  )
}

/** A job as the runner reads it. */
export interface DueJob<K extends string = string> {
  id: string
  kind: K
  payload_enc: Uint8Array
  attempts: number
  run_at: number
}

/** Up to `max` jobs not done and due at `now`, earliest first. */
export function due<K extends string>(sql: Sql, now: number, max: number): Promise<DueJob<K>[]> {
  return sql.all<DueJob<K>>(
    'SELECT id, kind, payload_enc, attempts, run_at FROM jobs WHERE done_at IS NULL AND run_at <= ? ORDER BY run_at LIMIT ?',
    now,
    max,
  )
}

/**
 * Lease a job until `until`, counting the attempt, if it is still as read (`runAt`) and not done:
 * one change when this run took it, none when another run did.
 */
export function lease(sql: Sql, id: string, runAt: number, until: number): Promise<RunResult> {
  return sql.run(
    'UPDATE jobs SET run_at = ?, attempts = attempts + 1 WHERE id = ? AND run_at = ? AND done_at IS NULL',
    until,
    id,
    runAt,
  )
}

/** Mark a job done on `day`, dropping its payload (`run_at` to the day too: see jobs/runner.ts). */
export function markDone(sql: Sql, id: string, day: number): Promise<RunResult> {
  return sql.run("UPDATE jobs SET done_at = ?, run_at = ?, payload_enc = X'', last_error = NULL WHERE id = ?", day, day, id)
}

/** Give a job up on `day` after `attempts`, dropping its payload and keeping why. */
export function abandon(sql: Sql, id: string, day: number, attempts: number, lastError: string): Promise<RunResult> {
  return sql.run(
    "UPDATE jobs SET done_at = ?, run_at = ?, attempts = ?, payload_enc = X'', last_error = ? WHERE id = ?",
    day,
    day,
    attempts,
    lastError,
    id,
  )
}

/** Try a job again at `runAt`. */
export function retry(sql: Sql, id: string, attempts: number, runAt: number, lastError: string): Promise<RunResult> {
  return sql.run('UPDATE jobs SET attempts = ?, run_at = ?, last_error = ? WHERE id = ?', attempts, runAt, lastError, id)
}

/** Delete these jobs unless they are done. */
export function cancel(ids: readonly string[]): Statement {
  return stmt(`DELETE FROM jobs WHERE done_at IS NULL AND id IN (${placeholders(ids.length)})`, ...ids)
}

/**
 * Make these jobs due at `at`. Only jobs never leased (attempts = 0; the runner counts an attempt
 * when it leases a job), so a job being run right now is never released to a second run.
 */
export function hurry(ids: readonly string[], at: number): Statement {
  return stmt(
    `UPDATE jobs SET run_at = ?
     WHERE done_at IS NULL AND attempts = 0 AND id IN (${placeholders(ids.length)})`,
    at,
    ...ids,
  )
}
