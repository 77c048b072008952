/**
 * @module store/reply-templates
 * Questions to reporters that staff send often (`reply_templates`), one body per language.
 */
import type { Sql } from './port.js'

export interface TemplateRow {
  id: string
  name: string
  body_en: string
  body_es: string
  body_fr: string
}

export function all(sql: Sql): Promise<TemplateRow[]> {
  return sql.all('SELECT id, name, body_en, body_es, body_fr FROM reply_templates ORDER BY name')
}

export function byId(sql: Sql, id: string): Promise<TemplateRow | undefined> {
  return sql.get('SELECT id, name, body_en, body_es, body_fr FROM reply_templates WHERE id = ?', id)
}

export async function byName(sql: Sql, name: string): Promise<{ id: string } | undefined> {
  return sql.get('SELECT id FROM reply_templates WHERE name = ?', name)
}

export function insert(sql: Sql, t: TemplateRow & { createdBy: string | null; at: number }): Promise<unknown> {
  return sql.run(
    `INSERT INTO reply_templates (id, name, body_en, body_es, body_fr, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    t.id,
    t.name,
    t.body_en,
    t.body_es,
    t.body_fr,
    t.createdBy,
    t.at,
  )
}

export async function remove(sql: Sql, id: string): Promise<boolean> {
  return (await sql.run('DELETE FROM reply_templates WHERE id = ?', id)).changes === 1
}
