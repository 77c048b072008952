/**
 * @module escalation/forums
 * The forums an escalation package can go to (`catalog/forums.json`): who may file, which cases
 * they take, the fields each asks for, and their deadlines with the legal source. Validated with
 * zod on first use (like the commitments catalog); an unknown key is an error.
 */
import { z } from 'zod'
import forumsFile from '../../catalog/forums.json' with { type: 'json' }
import { localizedSchema, VERIFIED } from '../catalog/schema.js'
import { perLangShape } from '../i18n/languages.js'

/** The package kinds (design §3, POST /api/v1/escalations). */
export const KINDS = ['usmca-rrm', 'dol-hotline', 'canada-31b', 'eu-sep', 'mx-cfcrl', 'cbp-307', 'cafta-16'] as const
export type EscalationKind = (typeof KINDS)[number]
export const isKind = (v: unknown): v is EscalationKind => (KINDS as readonly unknown[]).includes(v)

/** Tracking stages, in the order an escalation usually lives them. */
export const STAGES = [
  'drafted',
  'filed',
  'acknowledged',
  'accepted',
  'declined',
  'review_requested',
  'remediation_plan',
  'panel',
  'closed',
] as const
export type Stage = (typeof STAGES)[number]
export const isStage = (v: unknown): v is Stage => (STAGES as readonly unknown[]).includes(v)

/** Who may file: anyone, or only organisations with that flag (organisations.eu_based / ca_based). */
export const FILERS = ['any', 'eu_based', 'ca_based'] as const

const text = z.string().min(1)
const url = z.url({ protocol: /^https?$/ })

export const forumClockSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z][a-z0-9_]*$/),
    /** The stage whose date starts the clock. */
    starts: z.enum(STAGES),
    /** Stages that stop it (the forum answered, or it is over). */
    stops: z.array(z.enum(STAGES)).min(1),
    days: z.number().int().positive().optional(),
    months: z.number().int().positive().optional(),
    rule: localizedSchema,
    /** The legal source as cited (statute, article) and where reference.md checks it. */
    cite: text,
    source: url,
    verified: z.enum(VERIFIED),
  })
  .refine((c) => (c.days === undefined) !== (c.months === undefined), 'Exactly one of days or months')
export type ForumClock = z.infer<typeof forumClockSchema>

const code2 = z.string().regex(/^[A-Z]{2}$/)

export const forumSchema = z.strictObject({
  name: localizedSchema,
  /** The consent recipient code this forum is (partners/consent.ts RECIPIENTS). */
  recipient: z.enum(['us_dol', 'ca_nao', 'eu_sep', 'mx_cfcrl', 'cbp']),
  filers: z.enum(FILERS),
  /** All given conditions must hold for the forum to be offered for a case. */
  applies: z.strictObject({
    countries: z.array(code2).min(1).optional(),
    notCountries: z.array(code2).min(1).optional(),
    /** The country is party to one of these agreements (catalog/countries.json). */
    agreements: z.array(z.string()).min(1).optional(),
    /** The sector is an Annex 31-A priority sector (an unknown sector passes). */
    prioritySector: z.literal(true).optional(),
    /** The sector makes goods (an unknown sector passes). */
    goods: z.literal(true).optional(),
    /** The case carries one of these rights. */
    rights: z.array(z.string()).min(1).optional(),
  }),
  /** The fields the forum asks for, in its order (console.escalation.field.* labels them). */
  fields: z.array(z.string().regex(/^[a-z][A-Za-z]*$/)).min(1),
  source: url,
  verified: z.enum(VERIFIED),
  note: text,
  clocks: z.array(forumClockSchema),
})
export type Forum = z.infer<typeof forumSchema>

export const lftSchema = z.strictObject({
  id: z.literal('lft_518'),
  months: z.number().int().positive(),
  suspensionCapDays: z.number().int().positive(),
  rule: localizedSchema,
  cite: text,
  source: url,
  verified: z.enum(VERIFIED),
})
export type LftRule = z.infer<typeof lftSchema>

const patterns = z.strictObject(perLangShape(z.array(text)))

export const forumsFileSchema = z
  .strictObject({
    about: text,
    forums: z.record(z.enum(KINDS), forumSchema),
    lft: lftSchema,
    /** ILO forced-labour indicators and the words (folded, regular expressions) that show them. */
    indicators: z.record(z.string().regex(/^[a-z_]+$/), patterns),
  })
  .refine((f) => KINDS.every((k) => k in f.forums), 'Every package kind needs a forum entry')
export type ForumsFile = z.infer<typeof forumsFileSchema>

let cached: ForumsFile | undefined

/** The validated forums file (memoised). Throws a message naming the field when it is broken. */
export function getForums(raw: unknown = forumsFile): ForumsFile {
  if (raw !== forumsFile) return forumsFileSchema.parse(raw)
  cached ??= forumsFileSchema.parse(raw)
  return cached
}
