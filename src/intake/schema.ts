/**
 * @module intake/schema
 * The one Submission shape every channel produces (design §3), and its validation into
 * translated per-field errors. The channel is set by the server, never by the client.
 */
import { z } from 'zod'
import type { FieldError } from '../errors.js'
import { RIGHTS, type Right } from '../catalog/schema.js'
import { LANGS, type Lang } from '../i18n/index.js'
import { occurredProblem } from './occurred.js'

export { RIGHTS }
export type RightCode = Right

export const DESCRIPTION_MAX = 25_000

/** Which countries and sectors the catalog knows (the selects of the web form). */
export interface IntakeVocabulary {
  countries: ReadonlySet<string>
  sectors: ReadonlySet<string>
}

const text = (max: number) => z.string().trim().max(max)
const optText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), text(max).optional())

function submissionSchema(vocab: IntakeVocabulary) {
  return z.strictObject({
    language: z.enum(LANGS),
    country: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .refine((s) => vocab.countries.has(s)),
    employer: text(200).min(1),
    facility: optText(200),
    location: optText(200),
    sector: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .refine((s) => vocab.sectors.has(s))
        .optional(),
    ),
    description: z.string().trim().min(1).max(DESCRIPTION_MAX),
    rights: z.array(z.enum(RIGHTS)).max(RIGHTS.length).optional(),
    // A day, a month or a coarse choice (intake/occurred.ts); free text is refused, never stored.
    occurredOn: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .string()
        .trim()
        .max(10)
        .refine((s) => occurredProblem(s, Number.MAX_SAFE_INTEGER) === null)
        .optional(),
    ),
    workersAffected: z.number().int().min(1).max(1_000_000).optional(),
    retaliationFeared: z.boolean().optional(),
    authoritiesNotified: z.boolean().optional(),
    contact: z
      .strictObject({
        name: optText(200),
        phone: z.preprocess(
          (v) => (v === '' ? undefined : v),
          z
            .string()
            .trim()
            .regex(/^\+?[0-9][0-9 ().-]{5,24}$/)
            .optional(),
        ),
        email: z.preprocess((v) => (v === '' ? undefined : v), z.email().max(200).optional()),
      })
      .optional(),
    consentToContact: z.boolean().default(false),
  })
}

export type Submission = z.output<ReturnType<typeof submissionSchema>>

// Building the schema costs more than checking a submission: build one per vocabulary.
const schemas = new WeakMap<IntakeVocabulary, ReturnType<typeof submissionSchema>>()
function schemaFor(vocab: IntakeVocabulary) {
  let s = schemas.get(vocab)
  if (!s) schemas.set(vocab, (s = submissionSchema(vocab)))
  return s
}

/** The i18n key for a failed field. */
function fieldKey(path: string, issue: z.core.$ZodIssue): FieldError {
  if (issue.code === 'unrecognized_keys') return { key: 'intake:field.unknownField' }
  if (path === 'occurredOn') return { key: 'intake:field.occurredOn' }
  if (issue.code === 'too_big' && (issue.origin === 'string' || issue.origin === undefined)) {
    return { key: 'intake:field.tooLong', params: { max: Number(issue.maximum) } }
  }
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1 ? { key: 'intake:field.required' } : { key: 'intake:field.tooShort', params: { min: Number(issue.minimum) } }
  }
  if (issue.code === 'invalid_type' && issue.input === undefined) return { key: 'intake:field.required' }
  const top = path.split('.')[0]
  const byField: Record<string, string> = {
    language: 'intake:field.language',
    country: 'intake:field.country',
    sector: 'intake:field.sector',
    rights: 'intake:field.rights',
    workersAffected: 'intake:field.number',
    retaliationFeared: 'intake:field.boolean',
    authoritiesNotified: 'intake:field.boolean',
    consentToContact: 'intake:field.boolean',
    'contact.phone': 'intake:field.phone',
    'contact.email': 'intake:field.email',
    occurredOn: 'intake:field.occurredOn',
  }
  return { key: byField[path] ?? byField[top ?? ''] ?? 'intake:field.invalid' }
}

export type ValidationResult =
  | { ok: true; value: Submission }
  | { ok: false; fields: Record<string, FieldError> }

/**
 * Validate an untrusted object against the intake shape. Field paths are dotted
 * (`contact.email`); unknown fields are refused by name. Contact details need consent.
 * With `now`, a date after the day of filing is refused.
 */
export function validateSubmission(input: unknown, vocab: IntakeVocabulary, now?: number): ValidationResult {
  const parsed = schemaFor(vocab).safeParse(input, { reportInput: true })
  const fields: Record<string, FieldError> = {}
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined]
      for (const k of keys) {
        const path = [...issue.path, ...(k ? [k] : [])].map(String).join('.') || '_'
        fields[path] ??= fieldKey(path, issue)
      }
    }
    return { ok: false, fields }
  }
  const v = parsed.data
  if (v.occurredOn && now !== undefined && occurredProblem(v.occurredOn, now) === 'future') {
    return { ok: false, fields: { occurredOn: { key: 'intake:field.occurredFuture' } } }
  }
  const hasContact = Boolean(v.contact?.name || v.contact?.phone || v.contact?.email)
  if (hasContact && !v.consentToContact) {
    return { ok: false, fields: { consentToContact: { key: 'intake:field.consent' } } }
  }
  if (!hasContact) v.contact = undefined
  return { ok: true, value: v }
}


export type { Lang }
