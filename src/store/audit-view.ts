/**
 * @module store/audit-view
 * The audit log as the admin's viewer reads it: newest first, with the actor's e-mail and the
 * case's reference, optionally one action or one case (by reference). Read-only.
 */
import type { Sql, SqlValue } from './port.js'

export interface AuditViewRow {
  seq: number
  at: number
  actor_email: string | null
  action: string
  case_reference: string | null
  data: string
}

export interface AuditViewFilter {
  action?: string
  caseReference?: string
  /** Only rows before this seq (paging). */
  before?: number
}

export function newest(sql: Sql, f: AuditViewFilter, limit: number): Promise<AuditViewRow[]> {
  const where: string[] = []
  const params: SqlValue[] = []
  if (f.action) (where.push('a.action = ?'), params.push(f.action))
  if (f.caseReference) (where.push('c.reference = ?'), params.push(f.caseReference))
  if (f.before !== undefined) (where.push('a.seq < ?'), params.push(f.before))
  return sql.all<AuditViewRow>(
    `SELECT a.seq, a.at, s.email AS actor_email, a.action, c.reference AS case_reference, a.data
     FROM audit_log a LEFT JOIN staff s ON s.id = a.actor_id LEFT JOIN cases c ON c.id = a.case_id
     ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.seq DESC LIMIT ?`,
    ...params,
    limit,
  )
}

/** The actions the log holds (the viewer's filter list). */
export async function actions(sql: Sql): Promise<string[]> {
  return (await sql.all<{ action: string }>('SELECT DISTINCT action FROM audit_log ORDER BY action')).map((r) => r.action)
}
