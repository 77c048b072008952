/**
 * @module store/voice
 * Calls in progress (`voice_calls`, under a keyed hash of the CallSid, state encrypted) and the
 * sealed voice recordings of cases (`voice_recordings`). A recording is one head row (id = a keyed
 * hash of the RecordingSid) and, past D1's value limit, parts `<id>.001`, `<id>.002`… with
 * purpose `<purpose>.part` (channels/voice/recording.ts).
 */
import { stmt, type Sql, type Statement } from './port.js'

// ---- calls

export function liveCall(
  sql: Sql,
  callHash: string,
  now: number,
): Promise<{ step: string; state_enc: Uint8Array | null; case_id: string | null } | undefined> {
  return sql.get(
    'SELECT step, state_enc, case_id FROM voice_calls WHERE call_hash = ? AND expires_at > ?',
    callHash,
    now,
  )
}

/** Insert or update a call; a null language or case keeps the stored one. */
export function saveCall(c: {
  callHash: string
  language: string | null
  step: string
  stateEnc: Uint8Array
  caseId: string | null
  at: number
  expiresAt: number
}): Statement {
  return stmt(
    `INSERT INTO voice_calls (call_hash, language, step, state_enc, case_id, updated_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (call_hash) DO UPDATE SET language = COALESCE(excluded.language, language),
       step = excluded.step, state_enc = excluded.state_enc,
       case_id = COALESCE(excluded.case_id, case_id), updated_at = excluded.updated_at,
       expires_at = excluded.expires_at`,
    c.callHash,
    c.language,
    c.step,
    c.stateEnc,
    c.caseId,
    c.at,
    c.expiresAt,
  )
}

export function dropCall(callHash: string): Statement {
  return stmt('DELETE FROM voice_calls WHERE call_hash = ?', callHash)
}

// ---- recordings

/** The empty head row of a recording (a repeat changes nothing). */
export function insertRecording(r: {
  id: string
  caseId: string
  purpose: string
  durationS: number
  at: number
}): Statement {
  return stmt(
    `INSERT OR IGNORE INTO voice_recordings
       (id, case_id, purpose, audio_sealed, duration_s, created_at)
     VALUES (?, ?, ?, NULL, ?, ?)`,
    r.id,
    r.caseId,
    r.purpose,
    r.durationS,
    r.at,
  )
}

/** A recording's head row: its case and purpose, and whether its audio is stored. */
export function recordingHead(
  sql: Sql,
  id: string,
): Promise<{ case_id: string; purpose: string; stored: number } | undefined> {
  return sql.get(
    'SELECT case_id, purpose, audio_sealed IS NOT NULL AS stored FROM voice_recordings WHERE id = ?',
    id,
  )
}

/**
 * Store sealed audio: the first part in the head row (only while it is empty), the others as
 * part rows. A plain INSERT for the parts: a concurrent run that sealed its own copy makes the
 * batch fail whole.
 */
export function storeAudio(id: string, purpose: string, parts: readonly Uint8Array[], at: number): Statement[] {
  return [
    stmt('UPDATE voice_recordings SET audio_sealed = ? WHERE id = ? AND audio_sealed IS NULL', parts[0]!, id),
    ...parts.slice(1).map((part, i) =>
      stmt(
        `INSERT INTO voice_recordings (id, case_id, purpose, audio_sealed, created_at)
         SELECT ?, case_id, ?, ?, ? FROM voice_recordings WHERE id = ?`,
        `${id}.${String(i + 1).padStart(3, '0')}`,
        `${purpose}.part`,
        part,
        at,
        id,
      ),
    ),
  ]
}

/** Delete a recording, head and parts. */
export function deleteRecording(id: string): Statement {
  return stmt('DELETE FROM voice_recordings WHERE id = ? OR id LIKE ?', id, `${id}.%`)
}

export interface RecordingRow {
  id: string
  purpose: string
  audio_sealed: Uint8Array | null
  duration_s: number | null
  created_at: number
}

/** Every row (heads and parts) of a case's recordings, in id order (custodian, offline). */
export function recordingRows(sql: Sql, caseId: string): Promise<RecordingRow[]> {
  return sql.all<RecordingRow>(
    `SELECT id, purpose, audio_sealed, duration_s, created_at FROM voice_recordings
     WHERE case_id = ? ORDER BY id`,
    caseId,
  )
}

/** A case's recordings as staff may know them: purpose, length, date, stored or not; no bytes. */
export function recordingSummaries(
  sql: Sql,
  caseId: string,
): Promise<{ purpose: string; duration_s: number | null; created_at: number; stored: number }[]> {
  return sql.all(
    `SELECT purpose, duration_s, created_at, audio_sealed IS NOT NULL AS stored
     FROM voice_recordings WHERE case_id = ? AND purpose NOT LIKE '%.part'
     ORDER BY created_at, id`,
    caseId,
  )
}
