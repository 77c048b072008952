/**
 * @module channels/web/form-parse
 * Turns the report form's urlencoded fields into the intake shape (design §3): checkbox arrays
 * for rights, numbers, yes/no booleans, empty strings → undefined. Also keeps the raw strings, so
 * a form with errors comes back exactly as the worker typed it.
 */
import type { Context } from 'hono'
import type { FieldError } from '../../errors.js'
import type { Lang } from '../../i18n/index.js'
import { formFields, type FormFields } from '../../middleware/body.js'

/** The report form's fields (their `name` and `id`), in page order. */
export const REPORT_FIELDS = [
  'country',
  'sector',
  'employer',
  'facility',
  'location',
  'rights',
  'description',
  'occurredOn',
  'occurredDate',
  'workersAffected',
  'retaliationFeared',
  'authoritiesNotified',
  'contactName',
  'contactPhone',
  'contactEmail',
  'consentToContact',
] as const
/** One report form field name. */
export type ReportField = (typeof REPORT_FIELDS)[number]

/** What the worker typed: one string per field, the ticked rights as a list. */
export type ReportValues = Partial<Record<Exclude<ReportField, 'rights'>, string>> & {
  rights: string[]
}

/** Form fields as lists of strings (files are dropped: the web form takes none). */
export type RawForm = FormFields

/**
 * Read an urlencoded (or multipart) body into lists of strings; any other content type is empty.
 * A malformed body is a 400 (`formFields`).
 */
export const readForm = (c: Context): Promise<RawForm> => formFields(c)

/** The first value of a field, or ''. */
export const first = (form: RawForm, name: string): string => form[name]?.[0] ?? ''

/** The raw values of the report form, for validation and for showing them again. */
export function reportValues(form: RawForm): ReportValues {
  const values: ReportValues = { rights: (form.rights ?? []).slice(0, 20) }
  for (const f of REPORT_FIELDS) if (f !== 'rights' && form[f]) values[f] = first(form, f)
  return values
}

const opt = (s: string | undefined) => (s === undefined || s.trim() === '' ? undefined : s)

const yesNo = (s: string | undefined) => (s === 'yes' ? true : s === 'no' ? false : undefined)

/** "40", "1 200", "1,200" or "1.200" → a number; anything else stays a string (and fails). */
function count(s: string | undefined): number | string | undefined {
  const v = opt(s)?.trim()
  if (v === undefined) return undefined
  if (/^\d{1,9}$/.test(v) || /^\d{1,3}([ .,\u00a0\u202f]\d{3}){1,2}$/.test(v)) {
    return Number(v.replace(/\D/g, ''))
  }
  return v
}

/** The intake object (unvalidated) for `validateSubmission`. */
export function toSubmission(v: ReportValues, lang: Lang): Record<string, unknown> {
  const contact = {
    name: opt(v.contactName),
    phone: opt(v.contactPhone),
    email: opt(v.contactEmail),
  }
  const hasContact = Object.values(contact).some((x) => x !== undefined)
  return {
    language: lang,
    country: v.country ?? '',
    sector: opt(v.sector),
    employer: v.employer ?? '',
    facility: opt(v.facility),
    location: opt(v.location),
    description: v.description ?? '',
    rights: v.rights.length > 0 ? v.rights : undefined,
    // A day the worker knows wins over the coarse choice (intake/occurred.ts).
    occurredOn: opt(v.occurredDate)?.trim() ?? opt(v.occurredOn),
    workersAffected: count(v.workersAffected),
    retaliationFeared: yesNo(v.retaliationFeared),
    authoritiesNotified: yesNo(v.authoritiesNotified),
    contact: hasContact ? contact : undefined,
    consentToContact: v.consentToContact === 'yes',
  }
}

/** The form field an intake error path belongs to (`contact.email` → `contactEmail`). */
export function fieldOf(path: string): ReportField | '_' {
  const [top, sub] = path.split('.')
  const name = top === 'contact' && sub ? `contact${sub[0]!.toUpperCase()}${sub.slice(1)}` : top
  return (REPORT_FIELDS as readonly string[]).includes(name ?? '') ? (name as ReportField) : '_'
}

/**
 * Intake errors regrouped by form field (the first error of each field wins). A count that is not
 * a number gets the number message here (the intake schema reports a wrong type as "required").
 */
export function errorsByField(
  fields: Record<string, FieldError>,
  values?: ReportValues,
): Partial<Record<ReportField | '_', FieldError>> {
  const out: Partial<Record<ReportField | '_', FieldError>> = {}
  if (values && typeof count(values.workersAffected) === 'string' && fields.workersAffected) {
    out.workersAffected = { key: 'intake:field.number' }
  }
  if (opt(values?.occurredDate) && fields.occurredOn) out.occurredDate = fields.occurredOn
  for (const [path, err] of Object.entries(fields)) out[fieldOf(path)] ??= err
  return out
}
