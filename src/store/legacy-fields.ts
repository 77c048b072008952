/**
 * @module store/legacy-fields
 * Cases filed before every typed field was redacted (privacy/legacy-fields.ts): they have no
 * employer hash yet. Reading a batch of them and writing each one back redacted.
 */
import { stmt, type Sql, type Statement } from './port.js'

/** A case's typed fields as an earlier release stored them. */
export interface LegacyFieldsRow {
  id: string
  language: string
  employer: string
  facility: string | null
  location: string | null
}

/** Up to `limit` cases without an employer hash. */
export function unredacted(sql: Sql, limit: number): Promise<LegacyFieldsRow[]> {
  return sql.all<LegacyFieldsRow>(
    'SELECT id, language, employer, facility, location FROM cases WHERE employer_hash IS NULL LIMIT ?',
    limit,
  )
}

/** The redacted fields of one case, written only if it still has no hash (a case is done once it has one). */
export function redacted(r: {
  id: string
  employer: string
  facility: string | null
  location: string | null
  employerHash: string
  fieldsEnc: Uint8Array | null
}): Statement {
  return stmt(
    `UPDATE cases SET employer = ?, facility = ?, location = ?, employer_hash = ?,
       fields_enc = COALESCE(?, fields_enc) WHERE id = ? AND employer_hash IS NULL`,
    r.employer,
    r.facility,
    r.location,
    r.employerHash,
    r.fieldsEnc,
    r.id,
  )
}
