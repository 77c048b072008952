/**
 * @module privacy/legacy-fields
 * Cases filed before every typed field was redacted kept employer, facility and location with only
 * numbers removed, so a person's name could stand there ("casa de Zacarías Benítez"). Maintenance
 * redacts them in small batches, keeps what it changed encrypted (as intake now does), and sets
 * the employer hash that conflict-of-interest checks compare. A case is done once it has a hash.
 */
import type { Deps } from '../deps.js'
import type { Lang } from '../i18n/index.js'
import { nextTurn } from '../next-turn.js'
import { employerHash } from '../routing/employer-key.js'
import * as legacy from '../store/legacy-fields.js'
import { protectTypedFields } from './typed-fields.js'

/** Rows per maintenance run. */
export const LEGACY_BATCH = 200
/** Rows redacted and written per turn of the event loop: 200 at once took 50–120 ms. */
export const LEGACY_SLICE = 25

export async function redactLegacyFields(deps: Deps, limit = LEGACY_BATCH, signal?: AbortSignal): Promise<number> {
  const rows = await legacy.unredacted(deps.sql, limit)
  let done = 0
  for (let at = 0; at < rows.length && !signal?.aborted; at += LEGACY_SLICE) {
    if (at > 0) await nextTurn()
    const slice = rows.slice(at, at + LEGACY_SLICE)
    await deps.sql.batch(
      slice.map((r) => {
        const typed = { employer: r.employer, facility: r.facility ?? undefined, location: r.location ?? undefined }
        const { redacted, fieldsEnc } = protectTypedFields(deps.crypto, r.id, typed, r.language as Lang)
        return legacy.redacted({
          id: r.id,
          employer: redacted.employer!,
          facility: redacted.facility ?? null,
          location: redacted.location ?? null,
          employerHash: employerHash(deps.crypto, r.employer),
          fieldsEnc,
        })
      }),
    )
    done += slice.length
  }
  return done
}
