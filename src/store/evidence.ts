/**
 * @module store/evidence
 * Evidence files (`evidence`): what staff may know of each (kind, type, size, pages, duration,
 * keyed hash), where its encrypted bytes are (object_name, in the blob store) and its key:
 * sealed to the custodian always, under the server's content key only for an organisation's own
 * upload (migration 0015). Never a file name.
 */
import { stmt, type Sql, type Statement } from './port.js'

export interface EvidenceInsert {
  id: string
  caseId: string
  kind: string
  mime: string
  size: number
  pages: number | null
  durationS: number | null
  contentHash: string
  objectName: string
  keySealed: Uint8Array
  /** Only for an organisation's own upload (the schema's CHECK refuses it for any other). */
  keyEnc: Uint8Array | null
  source: 'reporter' | 'staff' | 'ngo'
  uploadedBy: string | null
  uploadedByOrg: string | null
  at: number
}

export function insert(e: EvidenceInsert): Statement {
  return stmt(
    `INSERT INTO evidence (id, case_id, kind, mime, size, pages, duration_s, content_hash, object_name,
       key_sealed, key_enc, source, uploaded_by, uploaded_by_org, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    e.id,
    e.caseId,
    e.kind,
    e.mime,
    e.size,
    e.pages,
    e.durationS,
    e.contentHash,
    e.objectName,
    e.keySealed,
    e.keyEnc,
    e.source,
    e.uploadedBy,
    e.uploadedByOrg,
    e.at,
  )
}

/** What anyone allowed to see the case may know of one file. */
export interface EvidenceRow {
  id: string
  kind: string
  mime: string
  size: number
  pages: number | null
  duration_s: number | null
  content_hash: string
  source: string
  uploaded_by_org: string | null
  created_at: number
  /** 1 when the server keeps a key of its own (an organisation's upload), 0 when only the custodian does. */
  server_key: number
}

/** A case's files, oldest first (no key, no object name). */
export function forCase(sql: Sql, caseId: string): Promise<EvidenceRow[]> {
  return sql.all<EvidenceRow>(
    `SELECT id, kind, mime, size, pages, duration_s, content_hash, source, uploaded_by_org, created_at,
       key_enc IS NOT NULL AS server_key
     FROM evidence WHERE case_id = ? ORDER BY created_at, rowid`,
    caseId,
  )
}

/** One file of a case with what opening it needs. */
export function openable(
  sql: Sql,
  caseId: string,
  id: string,
): Promise<(EvidenceRow & { object_name: string; key_enc: Uint8Array | null }) | undefined> {
  return sql.get(
    `SELECT id, kind, mime, size, pages, duration_s, content_hash, source, uploaded_by_org, created_at,
       key_enc IS NOT NULL AS server_key, object_name, key_enc
     FROM evidence WHERE case_id = ? AND id = ?`,
    caseId,
    id,
  )
}

/** How many files a case holds, and whether one of them has this keyed hash. */
export async function countAndDuplicate(
  sql: Sql,
  caseId: string,
  hashes: string[],
): Promise<{ count: number; duplicates: string[] }> {
  const row = await sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM evidence WHERE case_id = ?', caseId)
  const dup = await sql.all<{ content_hash: string }>(
    `SELECT DISTINCT content_hash FROM evidence WHERE case_id = ? AND content_hash IN (SELECT value FROM json_each(?))`,
    caseId,
    JSON.stringify(hashes),
  )
  return { count: row?.n ?? 0, duplicates: dup.map((d) => d.content_hash) }
}

/** The stored-object names of the listed cases' files (the purge deletes the objects first). */
export function objectsOfCases(sql: Sql, caseIds: string[]): Promise<{ object_name: string }[]> {
  return sql.all<{ object_name: string }>(
    'SELECT object_name FROM evidence WHERE case_id IN (SELECT value FROM json_each(?))',
    JSON.stringify(caseIds),
  )
}

/** Every stored-object name (tests and checks of the blob store against the table). */
export function allObjects(sql: Sql): Promise<{ object_name: string }[]> {
  return sql.all<{ object_name: string }>('SELECT object_name FROM evidence')
}

/**
 * One file's sealed key and object, for the custodian's offline opening and release
 * (cli/evidence.ts, evidence/release.ts); `server_key` is 1 when the server keeps a key of its own.
 */
export function sealedKey(
  sql: Sql,
  caseId: string,
  id: string,
): Promise<{ object_name: string; key_sealed: Uint8Array; mime: string; server_key: number } | undefined> {
  return sql.get(
    'SELECT object_name, key_sealed, mime, key_enc IS NOT NULL AS server_key FROM evidence WHERE case_id = ? AND id = ?',
    caseId,
    id,
  )
}
