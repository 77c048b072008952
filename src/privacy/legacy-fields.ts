/**
 * @module privacy/legacy-fields
 * Cases filed before every typed field was redacted kept employer, facility and location with only
 * numbers removed, so a person's name could stand there ("casa de Zacarías Benítez"). Maintenance
 * redacts them in small batches, keeps what it changed encrypted (as intake now does), and sets
 * the employer hash that conflict-of-interest checks compare. A case is done once it has a hash.
 */
import type { Deps } from '../deps.js'
import type { Lang } from '../i18n/index.js'
import { employerHash } from '../routing/employer-key.js'
import { stmt } from '../store/port.js'
import { protectTypedFields } from './typed-fields.js'

/** Rows per maintenance run: small enough to stay well under a blocking slice. */
export const LEGACY_BATCH = 200

export async function redactLegacyFields(deps: Deps, limit = LEGACY_BATCH): Promise<number> {
  const rows = await deps.sql.all<{
    id: string
    language: Lang
    employer: string
    facility: string | null
    location: string | null
  }>('SELECT id, language, employer, facility, location FROM cases WHERE employer_hash IS NULL LIMIT ?', limit)
  if (rows.length === 0) return 0
  await deps.sql.batch(
    rows.map((r) => {
      const typed = { employer: r.employer, facility: r.facility ?? undefined, location: r.location ?? undefined }
      const { redacted, fieldsEnc } = protectTypedFields(deps.crypto, r.id, typed, r.language)
      return stmt(
        `UPDATE cases SET employer = ?, facility = ?, location = ?, employer_hash = ?,
           fields_enc = COALESCE(?, fields_enc) WHERE id = ? AND employer_hash IS NULL`,
        redacted.employer!,
        redacted.facility ?? null,
        redacted.location ?? null,
        employerHash(deps.crypto, r.employer),
        fieldsEnc,
        r.id,
      )
    }),
  )
  return rows.length
}
