/**
 * @module catalog/schema
 * Zod schemas for the catalog data files under `catalog/`: one file per agreement in
 * `catalog/commitments/`, plus `countries.json`, `sectors.json` and `rights.json`.
 * The files are strict: an unknown key is an error, so a typo cannot hide a field.
 * Cross-file rules (unique codes, known agreements) live in `catalog/load.ts`.
 */
import { z } from 'zod'
import { LANGS, perLangShape } from '../i18n/languages.js'

/** The languages every catalog text is written in: the registry's (locales/languages.json). */
export { LANGS, type Lang } from '../i18n/languages.js'

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

/** A text in every registry language. */
export const localizedSchema = z.strictObject(perLangShape(text))
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

/** What a catalog entry is. */
export const KINDS = [
  /** A promise a government made (a treaty article, an ILO convention or principle). */
  'obligation',
  /** A place a case can be taken: a complaint mechanism, a petition, a monitoring system. */
  'mechanism',
  /** Defines terms used elsewhere (e.g. CAFTA-DR Art. 16.8): never attached to a case. */
  'definition',
] as const
export type Kind = (typeof KINDS)[number]

/** Where a country's labour disputes are heard in Mexico (LFT Art. 527): federal or state. */
export const MX_JURISDICTIONS = ['federal', 'local'] as const

/** ILO fundamental conventions (post-2022: ten), by code. */
export const FUNDAMENTAL = [
  'C029', 'C087', 'C098', 'C100', 'C105', 'C111', 'C138', 'C155', 'C182', 'C187',
] as const
export type Fundamental = (typeof FUNDAMENTAL)[number]

const facetCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'Expected a snake_case facet code')

/**
 * When a commitment applies beyond "the country is party to the agreement". All given
 * conditions must hold.
 * - `countries`: only these countries.
 * - `facilityCovered` / `prioritySector`: alternatives; the facility is known to be covered, or,
 *   while that is unknown, the reported sector is a priority sector (see routing/commitments.ts).
 * - `sectors`: only these sectors (an unknown sector passes).
 * - `goods`: the sector makes goods (an unknown sector passes).
 * - `mxJurisdiction`: the sector's labour jurisdiction in Mexico (LFT Art. 527).
 * - `ratified`: the country ratified the commitment's ILO convention (`ilo[0]`).
 * - `unratified`: the country has not ratified every fundamental convention of one of the
 *   case's rights (the 1998 Declaration's principles still bind it).
 * - `facets`: the text shows at least one of these facets (catalog/facets.json).
 */
export const requiresSchema = z.strictObject({
  countries: z.array(countryCodeSchema).min(1).optional(),
  facilityCovered: z.literal(true).optional(),
  prioritySector: z.literal(true).optional(),
  sectors: z.array(sectorCode).min(1).optional(),
  goods: z.literal(true).optional(),
  mxJurisdiction: z.enum(MX_JURISDICTIONS).optional(),
  ratified: z.literal(true).optional(),
  unratified: z.literal(true).optional(),
  facets: z.array(facetCode).min(1).optional(),
})
export type Requires = z.infer<typeof requiresSchema>

/**
 * Extra ranking weight when the case shows one of these rights or text facets: e.g. CAFTA-DR
 * Art. 16.2.1(a) when the authorities fail to act, the import ban when goods are exported.
 */
export const boostSchema = z.strictObject({
  rights: z.array(right).min(1).optional(),
  facets: z.array(facetCode).min(1).optional(),
  points: z.number().int().min(1).max(100),
})
export type Boost = z.infer<typeof boostSchema>

/** A time limit a forum sets, with its source (the clocks themselves belong to escalation). */
export const deadlineSchema = z.strictObject({
  days: z.number().int().positive().optional(),
  months: z.number().int().positive().optional(),
  /** From when, and what must happen by then. */
  rule: localizedSchema,
  source: url,
  verified: z.enum(VERIFIED),
})
export type Deadline = z.infer<typeof deadlineSchema>

export const agreementSchema = z.strictObject({
  code: agreementCodeSchema,
  name: localizedSchema,
  /** The name a worker and a monitor recognise, per language (USMCA, T-MEC, ACEUM). */
  short: localizedSchema,
  /** A treaty between states, a national law or state system, the ILO, or a company system. */
  kind: z.enum(['treaty', 'national', 'ilo', 'voluntary']),
  source: url,
})
export type Agreement = z.infer<typeof agreementSchema>

export const commitmentSchema = z
  .strictObject({
    code: commitmentCode,
    agreement: agreementCodeSchema,
    kind: z.enum(KINDS),
    /** Reference as cited, per language, e.g. "Art. 23.3.1(a)", "Anexo 23-A, párr. 2(a)". */
    article: localizedSchema,
    title: localizedSchema,
    /** One or two short sentences for workers. */
    description: localizedSchema,
    rights: z.array(right),
    ilo: z.array(iloInstrument),
    source: url,
    verified: z.enum(VERIFIED),
    /**
     * How specific and actionable the entry is for a case carrying one of its rights, 0–150:
     * the primary commitment is the highest (routing/rank.ts, docs/catalog.md).
     */
    precedence: z.number().int().min(0).max(150),
    requires: requiresSchema.optional(),
    boost: boostSchema.optional(),
    deadlines: z.array(deadlineSchema).optional(),
    /** Routing-only entry (e.g. a submission channel): never returned as a matched commitment. */
    meta: z.boolean().optional(),
    /** For maintainers (English): what is verified and what is not. */
    note: text.optional(),
  })
  .refine((c) => c.meta === true || c.rights.length > 0, {
    path: ['rights'],
    message: 'At least one right is required unless "meta" is true',
  })
  .refine((c) => c.kind !== 'definition' || c.meta === true, {
    path: ['meta'],
    message: 'A definition is never attached to a case: "meta" must be true',
  })
export type Commitment = z.infer<typeof commitmentSchema>

export const commitmentFileSchema = z.strictObject({
  agreement: agreementSchema,
  commitments: z.array(commitmentSchema).min(1),
})
export type CommitmentFile = z.infer<typeof commitmentFileSchema>

const isoDay = z
  .string()
  .regex(/^\d{4}(-\d{2}-\d{2})?$/, 'Expected a year (YYYY) or a day (YYYY-MM-DD)')

/** One ratification: when, and how well that date is verified. */
export const ratificationSchema = z.strictObject({ date: isoDay, verified: z.enum(VERIFIED) })

/**
 * A country's ratifications of the ILO fundamental conventions (NORMLEX). A convention left out
 * is treated as not ratified: the case goes to the 1998 Declaration's principle, which binds every
 * member. So list only ratifications you can source.
 */
export const countryIloSchema = z.strictObject({
  ratified: z.partialRecord(z.enum(FUNDAMENTAL), ratificationSchema),
  source: url,
  note: text.optional(),
})

/** The country's own working ages (national law), never a convention's floor. */
export const minimumAgeSchema = z.strictObject({
  general: z.number().int().min(12).max(18),
  light: z.number().int().min(10).max(18).optional(),
  hazardous: z.number().int().min(14).max(18),
  source: url,
  verified: z.enum(VERIFIED),
  note: text.optional(),
})
export type MinimumAge = z.infer<typeof minimumAgeSchema>

export const countrySchema = z.strictObject({
  name: localizedSchema,
  agreements: z.array(agreementCodeSchema).min(1),
  ilo: countryIloSchema,
  minimumAge: minimumAgeSchema.optional(),
})
export type Country = z.infer<typeof countrySchema>
export const countriesFileSchema = z.record(countryCodeSchema, countrySchema)

export const sectorSchema = z.strictObject({
  title: localizedSchema,
  /** A priority sector of USMCA Annex 31-A (Rapid Response Labor Mechanism). */
  priority: z.boolean(),
  /** Makes goods (for the forced-labour import bans: Tariff Act §307, the EU regulation). */
  goods: z.boolean(),
  /** Labour jurisdiction in Mexico (LFT Art. 527): federal (CFCRL) or local (state centres). */
  mx: z.enum(MX_JURISDICTIONS),
  note: text.optional(),
})
export type Sector = z.infer<typeof sectorSchema>
export const sectorsFileSchema = z.record(sectorCode, sectorSchema)

export const rightInfoSchema = z.strictObject({
  title: localizedSchema,
  /** A very short checkbox label a worker understands. */
  question: localizedSchema,
  /** Severe rights (violence, forced and child labor, union firings) are triaged first. */
  severe: z.boolean(),
})
export type RightInfo = z.infer<typeof rightInfoSchema>
/** An enum-keyed record: every canonical right must be present, and no other key. */
export const rightsFileSchema = z.record(z.enum(RIGHTS), rightInfoSchema)

/**
 * Text facets (catalog/facets.json): words that pick the precise commitment within a right,
 * e.g. a pregnancy (USMCA Art. 23.9 rather than 23.3.1(d)) or a vote on a first contract
 * (Annex 23-A 2(e)). Same entry syntax as keywords.json, per language.
 */
export const facetSchema = z
  .strictObject({
    about: text,
    ...perLangShape(z.array(text)),
    /** A condition the reporter may deny ("not in any cooperative"): negated words do not count. */
    negatable: z.boolean().optional(),
    /** Also present when all these facets are (e.g. equal pay: sex-based and the same work). */
    all: z.array(facetCode).min(2).optional(),
  })
  .refine((f) => f.all !== undefined || LANGS.every((l) => f[l].length > 0), {
    message: 'Give keywords in every language, or "all"',
  })
export type Facet = z.infer<typeof facetSchema>
export const facetsFileSchema = z.record(facetCode, facetSchema)
