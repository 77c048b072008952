/**
 * @module store/retention-settings
 * Per-status retention overrides set by an admin (`retention_settings`); no row: the environment.
 */
import type { Sql } from './port.js'

export function all(sql: Sql): Promise<{ status: string; days: number }[]> {
  return sql.all('SELECT status, days FROM retention_settings ORDER BY status')
}

export function set(sql: Sql, status: string, days: number, by: string | null, at: number): Promise<unknown> {
  return sql.run(
    `INSERT INTO retention_settings (status, days, updated_by, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (status) DO UPDATE SET days = excluded.days, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    status,
    days,
    by,
    at,
  )
}

export async function clear(sql: Sql, status: string): Promise<boolean> {
  return (await sql.run('DELETE FROM retention_settings WHERE status = ?', status)).changes === 1
}
