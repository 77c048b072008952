/**
 * @module store/settings
 * Run-time settings an administrator changes (`settings`): one text value per key, who changed
 * it and when. The statistics use `stats.*` keys (stats/settings.ts); other areas may add theirs.
 */
import { stmt, type Sql, type Statement } from './port.js'

export interface SettingRow {
  key: string
  value: string
  updated_at: number
  updated_by: string | null
}

/** Every setting whose key starts with `prefix`. */
export function withPrefix(sql: Sql, prefix: string): Promise<SettingRow[]> {
  return sql.all<SettingRow>(
    'SELECT key, value, updated_at, updated_by FROM settings WHERE substr(key, 1, ?) = ? ORDER BY key',
    prefix.length,
    prefix,
  )
}

/** One setting's value, or undefined. */
export async function get(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key))?.value
}

/** Set a value (insert or replace), as a statement for a batch. */
export function put(key: string, value: string, at: number, by: string | null): Statement {
  return stmt(
    `INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
    key,
    value,
    at,
    by,
  )
}
