/**
 * @module store/events
 * A case's timeline (`case_events`). `append` is the one statement that writes a case event,
 * whatever the channel or the actor; it joins the caller's batch.
 */
import { dayOf } from '../clock.js'
import { stmt, type Condition, type Sql, type Statement } from './port.js'

export interface NewEvent {
  /** A fresh random id (the caller's crypto). */
  id: string
  caseId: string
  at: number
  kind: string
  actorId?: string | null
  /** Non-identifying details, as JSON. */
  data?: object
  /** Encrypted details (an internal note), bound to the event id. */
  dataEnc?: Uint8Array | null
}

/**
 * Append an event; with `when`, only if that condition holds. Events are kept with their case, so
 * their time is stored as the UTC day whatever the caller passes (src/clock.ts).
 */
export function append(e: NewEvent, when?: Condition): Statement {
  return stmt(
    `INSERT INTO case_events (id, case_id, at, kind, actor_id, data, data_enc)
     ${when ? `SELECT ?, ?, ?, ?, ?, ?, ? WHERE ${when.sql}` : 'VALUES (?, ?, ?, ?, ?, ?, ?)'}`,
    e.id,
    e.caseId,
    dayOf(e.at),
    e.kind,
    e.actorId ?? null,
    JSON.stringify(e.data ?? {}),
    e.dataEnc ?? null,
    ...(when?.params ?? []),
  )
}

export interface EventRow {
  id: string
  at: number
  kind: string
  actor_id: string | null
  data: string
  data_enc: Uint8Array | null
}

/** A case's events in order (day, then insertion). */
export function forCase(sql: Sql, caseId: string): Promise<EventRow[]> {
  return sql.all<EventRow>(
    'SELECT id, at, kind, actor_id, data, data_enc FROM case_events WHERE case_id = ? ORDER BY at, rowid',
    caseId,
  )
}
