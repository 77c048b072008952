/**
 * @module store/notify
 * Staff e-mail notifications (`staff_notify`, `notify_outbox`, `notify_deliveries`; migration
 * 0016): each staff member's choice, the outbox row an event writes in its own batch, and the
 * deliveries the maintenance run sends (notify/). No case text and nothing about a reporter.
 */
import { placeholders, stmt, type Sql, type Statement } from './port.js'

export type NotifyKind = 'new_case' | 'reply'
export type NotifyMode = 'none' | 'each' | 'daily'

/** The column of staff_notify that holds the choice for a kind (fixed names, never input). */
const MODE_COLUMN: Record<NotifyKind, 'new_cases' | 'replies'> = { new_case: 'new_cases', reply: 'replies' }

export interface PrefsRow {
  new_cases: NotifyMode
  replies: NotifyMode
  lang: string
}

export function prefs(sql: Sql, staffId: string): Promise<PrefsRow | undefined> {
  return sql.get<PrefsRow>('SELECT new_cases, replies, lang FROM staff_notify WHERE staff_id = ?', staffId)
}

export function savePrefs(p: { staffId: string; newCases: NotifyMode; replies: NotifyMode; lang: string; at: number }): Statement {
  return stmt(
    `INSERT INTO staff_notify (staff_id, new_cases, replies, lang, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (staff_id) DO UPDATE SET new_cases = excluded.new_cases, replies = excluded.replies,
       lang = excluded.lang, updated_at = excluded.updated_at`,
    p.staffId,
    p.newCases,
    p.replies,
    p.lang,
    p.at,
  )
}

/**
 * The outbox row of one event, written only when an enabled staff member wants that kind of
 * notification (otherwise nothing: an event nobody asked about leaves no row). A repeat is ignored.
 */
export function enqueue(e: { id: string; kind: NotifyKind; caseId: string; actorId: string | null; day: number }): Statement {
  return stmt(
    `INSERT OR IGNORE INTO notify_outbox (id, kind, case_id, actor_id, created_at)
     SELECT ?, ?, ?, ?, ? WHERE EXISTS (
       SELECT 1 FROM staff_notify n JOIN staff s ON s.id = n.staff_id
       WHERE s.disabled = 0 AND n.${MODE_COLUMN[e.kind]} <> 'none')`,
    e.id,
    e.kind,
    e.caseId,
    e.actorId,
    e.day,
  )
}

export interface OutboxRow {
  id: string
  kind: NotifyKind
  case_id: string
  actor_id: string | null
}

/** Up to `max` outbox rows, oldest first. */
export function outbox(sql: Sql, max: number): Promise<OutboxRow[]> {
  return sql.all<OutboxRow>('SELECT id, kind, case_id, actor_id FROM notify_outbox ORDER BY created_at, rowid LIMIT ?', max)
}

export function deleteOutbox(id: string): Statement {
  return stmt('DELETE FROM notify_outbox WHERE id = ?', id)
}

export interface Subscriber {
  id: string
  role: string
  email: string
  mode: NotifyMode
}

/** Enabled staff who want notifications of this kind, with their choice. */
export function subscribers(sql: Sql, kind: NotifyKind): Promise<Subscriber[]> {
  const col = MODE_COLUMN[kind]
  return sql.all<Subscriber>(
    `SELECT s.id, s.role, s.email, n.${col} AS mode FROM staff_notify n JOIN staff s ON s.id = n.staff_id
     WHERE s.disabled = 0 AND n.${col} <> 'none' ORDER BY s.id`,
  )
}

/** A delivery of an event to a staff member; at most one per pair (a repeat is ignored). */
export function insertDelivery(d: { eventId: string; staffId: string; kind: NotifyKind; dueAt: number }): Statement {
  return stmt(
    'INSERT OR IGNORE INTO notify_deliveries (event_id, staff_id, kind, due_at) VALUES (?, ?, ?, ?)',
    d.eventId,
    d.staffId,
    d.kind,
    d.dueAt,
  )
}

/** Staff with deliveries due at `now` and not being sent, up to `max`. */
export async function dueStaff(sql: Sql, now: number, max: number): Promise<string[]> {
  const rows = await sql.all<{ staff_id: string }>(
    `SELECT DISTINCT staff_id FROM notify_deliveries WHERE sending_until IS NULL AND due_at <= ? LIMIT ?`,
    now,
    max,
  )
  return rows.map((r) => r.staff_id)
}

export interface Claimed {
  event_id: string
  kind: NotifyKind
  attempts: number
}

/**
 * Claim a staff member's due deliveries until `until`, counting an attempt: what this run took
 * (none when another run took them first).
 */
export function claim(sql: Sql, staffId: string, now: number, until: number): Promise<Claimed[]> {
  return sql.all<Claimed>(
    `UPDATE notify_deliveries SET sending_until = ?, attempts = attempts + 1
     WHERE staff_id = ? AND due_at <= ? AND sending_until IS NULL
     RETURNING event_id, kind, attempts`,
    until,
    staffId,
    now,
  )
}

/** The staff member's address, language and current choices (undefined: disabled or gone). */
export function recipient(
  sql: Sql,
  staffId: string,
): Promise<{ email: string; lang: string; new_cases: NotifyMode; replies: NotifyMode } | undefined> {
  return sql.get(
    `SELECT s.email, n.lang, n.new_cases, n.replies FROM staff s JOIN staff_notify n ON n.staff_id = s.id
     WHERE s.id = ? AND s.disabled = 0`,
    staffId,
  )
}

/** Delete these deliveries of one staff member (sent, given up, or no longer wanted). */
export function deleteDeliveries(staffId: string, eventIds: readonly string[]): Statement {
  return stmt(
    `DELETE FROM notify_deliveries WHERE staff_id = ? AND event_id IN (${placeholders(eventIds.length)})`,
    staffId,
    ...eventIds,
  )
}

/** Put claimed deliveries back, to be tried at `dueAt` (the SMTP server refused or was down). */
export function release(staffId: string, eventIds: readonly string[], dueAt: number, lastError: string): Statement {
  return stmt(
    `UPDATE notify_deliveries SET sending_until = NULL, due_at = ?, last_error = ?
     WHERE staff_id = ? AND event_id IN (${placeholders(eventIds.length)})`,
    dueAt,
    lastError,
    staffId,
    ...eventIds,
  )
}

/**
 * Deliveries whose sending was cut off (the process stopped mid-send; the lease ran out): the
 * e-mail may have gone, so they are deleted, not sent again (at most one e-mail per event).
 */
export function dropStale(now: number): Statement {
  return stmt('DELETE FROM notify_deliveries WHERE sending_until IS NOT NULL AND sending_until < ?', now)
}

/** Counts, for tests and the operations page: rows in the outbox and deliveries waiting. */
export async function counts(sql: Sql): Promise<{ outbox: number; deliveries: number }> {
  const r = await sql.get<{ o: number; d: number }>(
    'SELECT (SELECT COUNT(*) FROM notify_outbox) AS o, (SELECT COUNT(*) FROM notify_deliveries) AS d',
  )
  return { outbox: r?.o ?? 0, deliveries: r?.d ?? 0 }
}
