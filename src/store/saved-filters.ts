/**
 * @module store/saved-filters
 * A staff member's named queue filters (`saved_filters`): a name and the queue's query string.
 */
import type { Sql } from './port.js'

export interface SavedFilterRow {
  id: string
  name: string
  query: string
}

export function listFor(sql: Sql, staffId: string): Promise<SavedFilterRow[]> {
  return sql.all('SELECT id, name, query FROM saved_filters WHERE staff_id = ? ORDER BY name', staffId)
}

/** Save (or replace, by name) one filter of this staff member. */
export function save(sql: Sql, f: SavedFilterRow & { staffId: string; at: number }): Promise<unknown> {
  return sql.run(
    `INSERT INTO saved_filters (id, staff_id, name, query, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (staff_id, name) DO UPDATE SET query = excluded.query`,
    f.id,
    f.staffId,
    f.name,
    f.query,
    f.at,
  )
}

export async function remove(sql: Sql, staffId: string, id: string): Promise<boolean> {
  const r = await sql.run('DELETE FROM saved_filters WHERE id = ? AND staff_id = ?', id, staffId)
  return r.changes === 1
}

export async function countFor(sql: Sql, staffId: string): Promise<number> {
  return (await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM saved_filters WHERE staff_id = ?', staffId))?.n ?? 0
}
