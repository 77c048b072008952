/**
 * @module privacy/typed-fields
 * Every field a reporter types reaches staff, and any of them can name a person ("Planta de
 * Zacarías Benítez", the household that employs a domestic worker) or hold a number. They are
 * redacted with one numbering (so [NAME-1] in the employer field is [NAME-1] of the description),
 * and the typed values that redaction changed are kept encrypted for custodian-approved access.
 */
import type { HotlineCrypto } from './crypto.js'
import type { Lang } from './redact.js'
import { redactFields } from './redact.js'

export interface TypedFields {
  description?: string
  employer: string
  facility?: string | undefined
  location?: string | undefined
}

const SIDE_FIELDS = ['employer', 'facility', 'location'] as const

/** The additional data that binds a case's encrypted typed fields to that case. */
export const typedFieldsAad = (caseId: string) => `case-fields:${caseId}`

export function protectTypedFields(
  crypto: HotlineCrypto,
  caseId: string,
  fields: TypedFields,
  lang: Lang,
): { redacted: Record<keyof TypedFields, string | undefined>; fieldsEnc: Uint8Array | null } {
  const redacted = redactFields<keyof TypedFields>(
    { description: fields.description, employer: fields.employer, facility: fields.facility, location: fields.location },
    lang,
  )
  const changed = Object.fromEntries(
    SIDE_FIELDS.filter((k) => fields[k] !== undefined && redacted[k] !== fields[k]).map((k) => [k, fields[k]!]),
  )
  const fieldsEnc = Object.keys(changed).length ? crypto.encrypt(JSON.stringify(changed), typedFieldsAad(caseId)) : null
  return { redacted, fieldsEnc }
}
