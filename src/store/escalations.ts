/**
 * @module store/escalations
 * Escalation packages (`escalations`, `escalation_cases`), their tracking stages
 * (`escalation_stages`), the spans reviewers masked (`escalation_masks`), redaction misses for
 * the eval (`redaction_misses`) and the running deadlines the queue sorts on (`case_deadlines`).
 * Package text is never stored: it is read from the cases' redacted columns.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

export interface EscalationRow {
  id: string
  kind: string
  org_id: string | null
  facility_id: string | null
  details: string
  stage: string
  outcome: string | null
  created_by: string
  created_at: number
  reviewed_by: string | null
  reviewed_at: number | null
}

const COLUMNS = 'id, kind, org_id, facility_id, details, stage, outcome, created_by, created_at, reviewed_by, reviewed_at'

export function insert(e: {
  id: string
  kind: string
  orgId: string | null
  facilityId: string | null
  details: object
  createdBy: string
  at: number
}): Statement {
  return stmt(
    `INSERT INTO escalations (id, kind, org_id, facility_id, details, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    e.id,
    e.kind,
    e.orgId,
    e.facilityId,
    JSON.stringify(e.details),
    e.createdBy,
    e.at,
  )
}

export function addCase(escalationId: string, caseId: string): Statement {
  return stmt('INSERT OR IGNORE INTO escalation_cases (escalation_id, case_id) VALUES (?, ?)', escalationId, caseId)
}

export function byId(sql: Sql, id: string): Promise<EscalationRow | undefined> {
  return sql.get(`SELECT ${COLUMNS} FROM escalations WHERE id = ?`, id)
}

/** Escalations an organisation drafted, or one staff member drafted, or every one (null), newest first. */
export function list(sql: Sql, by: { orgId: string } | { createdBy: string } | null): Promise<EscalationRow[]> {
  if (by === null) return sql.all(`SELECT ${COLUMNS} FROM escalations ORDER BY created_at DESC, rowid DESC LIMIT 500`)
  if ('orgId' in by) {
    return sql.all(`SELECT ${COLUMNS} FROM escalations WHERE org_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 500`, by.orgId)
  }
  return sql.all(
    `SELECT ${COLUMNS} FROM escalations WHERE created_by = ? ORDER BY created_at DESC, rowid DESC LIMIT 500`,
    by.createdBy,
  )
}

/** A member case as a package reads it: redacted and non-identifying columns only. */
export interface MemberRow {
  id: string
  reference: string
  language: string
  country: string
  sector: string | null
  employer: string
  facility: string | null
  facility_id: string | null
  location: string | null
  description_redacted: string
  rights: string
  commitments: string
  occurred_on: string | null
  workers_affected: number | null
  authorities_notified: number | null
  retaliation_feared: number | null
  created_at: number
  status: string
  original_approval: string | null
}

/** The package's cases (never purged ones), in the order they were added. */
export function members(sql: Sql, escalationId: string): Promise<MemberRow[]> {
  return sql.all(
    `SELECT c.id, c.reference, c.language, c.country, c.sector, c.employer, c.facility, c.facility_id, c.location,
       c.description_redacted, c.rights, c.commitments, c.occurred_on, c.workers_affected, c.authorities_notified,
       c.retaliation_feared, c.created_at, c.status, ec.original_approval
     FROM escalation_cases ec JOIN cases c ON c.id = ec.case_id
     WHERE ec.escalation_id = ? AND c.purged_at IS NULL ORDER BY ec.rowid`,
    escalationId,
  )
}

/** The encrypted original of a case (opened only under an approval and a consent). */
export async function originalOf(sql: Sql, caseId: string): Promise<Uint8Array | null> {
  const r = await sql.get<{ original_enc: Uint8Array | null }>('SELECT original_enc FROM cases WHERE id = ?', caseId)
  return r?.original_enc ?? null
}

/** Remember which approval put a case's original into this package. */
export function setOriginalApproval(escalationId: string, caseId: string, approvalId: string): Statement {
  return stmt(
    'UPDATE escalation_cases SET original_approval = ? WHERE escalation_id = ? AND case_id = ?',
    approvalId,
    escalationId,
    caseId,
  )
}

export interface StageRow {
  escalation_id: string
  kind: string
  stage: string
  on_day: number
  outcome: string | null
}

/** An escalation's stages, in date order then as recorded. */
export function stages(sql: Sql, escalationId: string): Promise<StageRow[]> {
  return sql.all(
    `SELECT s.escalation_id, e.kind, s.stage, s.on_day, s.outcome FROM escalation_stages s
     JOIN escalations e ON e.id = s.escalation_id WHERE s.escalation_id = ? ORDER BY s.on_day, s.rowid`,
    escalationId,
  )
}

/** The stages of every escalation a case belongs to (the case's forum clocks). */
export function stagesForCase(sql: Sql, caseId: string): Promise<StageRow[]> {
  return sql.all(
    `SELECT s.escalation_id, e.kind, s.stage, s.on_day, s.outcome FROM escalation_cases ec
     JOIN escalations e ON e.id = ec.escalation_id JOIN escalation_stages s ON s.escalation_id = e.id
     WHERE ec.case_id = ? ORDER BY s.on_day, s.rowid`,
    caseId,
  )
}

/** The escalations a case belongs to. */
export function ofCase(sql: Sql, caseId: string): Promise<{ id: string; kind: string; stage: string; org_id: string | null }[]> {
  return sql.all(
    `SELECT e.id, e.kind, e.stage, e.org_id FROM escalation_cases ec JOIN escalations e ON e.id = ec.escalation_id
     WHERE ec.case_id = ? ORDER BY e.created_at, e.rowid`,
    caseId,
  )
}

export function insertStage(s: {
  id: string
  escalationId: string
  stage: string
  onDay: number
  outcome: string | null
  recordedBy: string | null
  at: number
}): Statement {
  return stmt(
    `INSERT INTO escalation_stages (id, escalation_id, stage, on_day, outcome, recorded_by, recorded_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    s.id,
    s.escalationId,
    s.stage,
    s.onDay,
    s.outcome,
    s.recordedBy,
    s.at,
  )
}

/** The latest stage (and outcome) shown on the package. */
export function setStage(id: string, stage: string, outcome: string | null): Statement {
  return stmt('UPDATE escalations SET stage = ?, outcome = COALESCE(?, outcome) WHERE id = ?', stage, outcome, id)
}

/** A person read the package as it now stands. */
export function setReviewed(id: string, by: string, at: number): Statement {
  return stmt('UPDATE escalations SET reviewed_by = ?, reviewed_at = ? WHERE id = ?', by, at, id)
}

/** The package changed: it must be read again before export. */
export function clearReview(id: string): Statement {
  return stmt('UPDATE escalations SET reviewed_by = NULL, reviewed_at = NULL WHERE id = ?', id)
}

/** The escalation has not been filed yet (guards changes to its content). */
export function isUnfiled(id: string): Condition {
  return {
    sql: "NOT EXISTS (SELECT 1 FROM escalation_stages WHERE escalation_id = ? AND stage <> 'drafted')",
    params: [id],
  }
}

export interface MaskRow {
  id: string
  span_enc: Uint8Array
  kind: string
}

export function masks(sql: Sql, escalationId: string): Promise<MaskRow[]> {
  return sql.all('SELECT id, span_enc, kind FROM escalation_masks WHERE escalation_id = ? ORDER BY rowid', escalationId)
}

/** True when this span (by keyed hash) is already masked in the escalation. */
export async function hasMask(sql: Sql, escalationId: string, spanHash: string): Promise<boolean> {
  return (await sql.get('SELECT 1 AS x FROM escalation_masks WHERE escalation_id = ? AND span_hash = ?', escalationId, spanHash)) !== undefined
}

/** Add a mask (a repeat of the same span changes nothing: see `changes`). */
export function insertMask(m: {
  id: string
  escalationId: string
  spanEnc: Uint8Array
  spanHash: string
  kind: string
  by: string
  at: number
}): Statement {
  return stmt(
    `INSERT OR IGNORE INTO escalation_masks (id, escalation_id, span_enc, span_hash, kind, created_by, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
    m.id,
    m.escalationId,
    m.spanEnc,
    m.spanHash,
    m.kind,
    m.by,
    m.at,
  )
}

export function insertMiss(m: { id: string; lang: string; kind: string; itemEnc: Uint8Array; at: number }): Statement {
  return stmt(
    'INSERT INTO redaction_misses (id, lang, kind, item_enc, created_at) VALUES (?, ?, ?, ?, ?)',
    m.id,
    m.lang,
    m.kind,
    m.itemEnc,
    m.at,
  )
}

export function misses(sql: Sql): Promise<{ id: string; lang: string; kind: string; item_enc: Uint8Array }[]> {
  return sql.all('SELECT id, lang, kind, item_enc FROM redaction_misses ORDER BY rowid')
}

/** Replace a case's running deadlines (the clock engine's output). */
export function replaceDeadlines(caseId: string, rows: readonly { track: string; clock: string; dueAt: number }[]): Statement[] {
  return [
    stmt('DELETE FROM case_deadlines WHERE case_id = ?', caseId),
    ...rows.map((r) =>
      stmt('INSERT INTO case_deadlines (case_id, track, clock, due_at) VALUES (?, ?, ?, ?)', caseId, r.track, r.clock, r.dueAt),
    ),
  ]
}

/** A case's status and commitments (what its clocks depend on). */
export function caseState(sql: Sql, caseId: string): Promise<{ status: string; commitments: string } | undefined> {
  return sql.get('SELECT status, commitments FROM cases WHERE id = ?', caseId)
}

/** What decides a case's forums: country, sector, rights. */
export function caseFacts(sql: Sql, caseId: string): Promise<{ country: string; sector: string | null; rights: string } | undefined> {
  return sql.get('SELECT country, sector, rights FROM cases WHERE id = ? AND purged_at IS NULL', caseId)
}

/** References of a facility's live cases (cases.facility_id), oldest first. */
export async function refsOfFacility(sql: Sql, facilityId: string): Promise<string[]> {
  const rows = await sql.all<{ reference: string }>(
    'SELECT reference FROM cases WHERE facility_id = ? AND merged_into IS NULL AND purged_at IS NULL ORDER BY created_at, rowid',
    facilityId,
  )
  return rows.map((r) => r.reference)
}
