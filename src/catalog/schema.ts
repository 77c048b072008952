/**
 * @module catalog/schema
 * Zod schemas for the catalog data files under `catalog/`: one file per agreement in
 * `catalog/commitments/`, plus `countries.json`, `sectors.json` and `rights.json`.
 * The files are strict: an unknown key is an error, so a typo cannot hide a field.
 * Cross-file rules (unique codes, known agreements) live in `catalog/load.ts`.
 */
import { z } from 'zod'

/** The three languages every catalog text is written in. */
export const LANGS = ['en', 'es', 'fr'] as const
export type Lang = (typeof LANGS)[number]

/** Canonical, agreement-independent rights (design §3). Every commitment maps to some of them. */
export const RIGHTS = [
  'freedom_of_association',
  'forced_labor',
  'child_labor',
  'discrimination',
  'wages',
  'working_hours',
  'safety_health',
  'violence',
  'migrant_workers',
  'enforcement',
  'other',
] as const
export type Right = (typeof RIGHTS)[number]

/** Verification tags of domain/reference.md: primary text checked, secondary only, unverified. */
export const VERIFIED = ['V', 'S', 'U'] as const
export type Verified = (typeof VERIFIED)[number]

/** True when `value` is one of the canonical rights. */
export function isRight(value: string): value is Right {
  return (RIGHTS as readonly string[]).includes(value)
}

const text = z
  .string()
  .min(1)
  .refine((s) => s.trim() === s, 'Leading or trailing spaces')

const url = z.url({ protocol: /^https?$/ })

export const localizedSchema = z.strictObject({ en: text, es: text, fr: text })
export type Localized = z.infer<typeof localizedSchema>

export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Expected an ISO 3166-1 alpha-2 code such as "MX"')
export const agreementCodeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'Expected a lower-case code such as "cafta-dr"')
const commitmentCode = z
  .string()
  .regex(/^[a-z][a-z0-9]*(\.[a-z0-9-]+)+$/, 'Expected a dotted code such as "usmca.23.3.1.a"')
const sectorCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'Expected a snake_case sector code')
const iloInstrument = z.string().regex(/^[CP]\d{3}$/, 'Expected an ILO instrument such as "C087"')

const right = z.enum(RIGHTS, {
  error: (issue) =>
    `Unknown right ${JSON.stringify(issue.input)}; expected one of ${RIGHTS.join(', ')}`,
})

/**
 * When a commitment applies beyond "the country is party to the agreement".
 * `countries`: only these countries. `facilityCovered` / `prioritySector` are alternatives:
 * the commitment applies when the facility is known to be covered, or, while that is unknown,
 * when the reported sector is a priority sector (see routing/commitments.ts).
 */
export const requiresSchema = z.strictObject({
  countries: z.array(countryCodeSchema).min(1).optional(),
  facilityCovered: z.literal(true).optional(),
  prioritySector: z.literal(true).optional(),
})
export type Requires = z.infer<typeof requiresSchema>

export const agreementSchema = z.strictObject({
  code: agreementCodeSchema,
  name: localizedSchema,
  source: url,
})
export type Agreement = z.infer<typeof agreementSchema>

export const commitmentSchema = z
  .strictObject({
    code: commitmentCode,
    agreement: agreementCodeSchema,
    /** Reference as cited, e.g. "Art. 23.3.1(a)". */
    article: text,
    title: localizedSchema,
    /** One or two short sentences for workers. */
    description: localizedSchema,
    rights: z.array(right),
    ilo: z.array(iloInstrument),
    source: url,
    verified: z.enum(VERIFIED),
    requires: requiresSchema.optional(),
    /** Routing-only entry (e.g. a submission channel): never returned as a matched commitment. */
    meta: z.boolean().optional(),
    /** For maintainers (English): what is verified and what is not. */
    note: text.optional(),
  })
  .refine((c) => c.meta === true || c.rights.length > 0, {
    path: ['rights'],
    message: 'At least one right is required unless "meta" is true',
  })
export type Commitment = z.infer<typeof commitmentSchema>

export const commitmentFileSchema = z.strictObject({
  agreement: agreementSchema,
  commitments: z.array(commitmentSchema).min(1),
})
export type CommitmentFile = z.infer<typeof commitmentFileSchema>

export const countrySchema = z.strictObject({
  name: localizedSchema,
  agreements: z.array(agreementCodeSchema).min(1),
})
export type Country = z.infer<typeof countrySchema>
export const countriesFileSchema = z.record(countryCodeSchema, countrySchema)

export const sectorSchema = z.strictObject({
  title: localizedSchema,
  /** A priority sector of USMCA Annex 31-A (Rapid Response Labor Mechanism). */
  priority: z.boolean(),
  note: text.optional(),
})
export type Sector = z.infer<typeof sectorSchema>
export const sectorsFileSchema = z.record(sectorCode, sectorSchema)

export const rightInfoSchema = z.strictObject({
  title: localizedSchema,
  /** A very short checkbox label a worker understands. */
  question: localizedSchema,
  /** Severe rights (violence, forced and child labor) are triaged first. */
  severe: z.boolean(),
})
export type RightInfo = z.infer<typeof rightInfoSchema>
/** An enum-keyed record: every canonical right must be present, and no other key. */
export const rightsFileSchema = z.record(z.enum(RIGHTS), rightInfoSchema)
