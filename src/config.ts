/**
 * @module config
 * The hotline's environment (design §3), parsed and checked once at start.
 * Core code: it reads a plain record of strings, never `process.env` or Workers bindings.
 */
import { z } from 'zod'

export type HotlineEnv = 'production' | 'development'

export interface RetentionDays {
  /** Days after the last change before a case in this status is purged. */
  new: number
  triaging: number
  investigating: number
  escalated: number
  resolved: number
  closed: number
  /** Unfinished SMS and voice conversations. */
  conversation: number
}

export interface Config {
  env: HotlineEnv
  port: number
  databasePath: string
  publicBaseUrl: string
  twilioAuthToken: string | undefined
  twilioAccountSid: string | undefined
  /** Twilio REST origin; only tests point it elsewhere (a local fake). */
  twilioApiBase: string
  custodianPublicKey: Uint8Array
  dataKey: Uint8Array
  retentionDays: RetentionDays
  /** Days a custodian's approval stays usable (it opens once). */
  accessApprovalDays: number
}

/** Documented defaults; see docs/retention.md. */
export const DEFAULT_RETENTION: RetentionDays = {
  new: 365,
  triaging: 365,
  investigating: 730,
  escalated: 1095,
  resolved: 180,
  closed: 90,
  conversation: 1,
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`)
    this.name = 'ConfigError'
  }
}

const base64Key = (name: string) =>
  z.string().transform((s, ctx) => {
    const bytes = decodeBase64(s.trim())
    if (!bytes || bytes.length !== 32) {
      ctx.addIssue({ code: 'custom', message: `${name} must be 32 bytes in base64` })
      return z.NEVER
    }
    return bytes
  })

const days = z.coerce.number().int().min(1).max(36500)

/**
 * Parse and validate the environment. Throws a ConfigError naming the first bad or missing
 * variable. Production requires every secret; development requires only what the entry point
 * generates (keys), and tolerates a missing Twilio token.
 */
export function parseConfig(vars: Record<string, string | undefined>): Config {
  const env = (vars.HOTLINE_ENV ?? 'development') as HotlineEnv
  if (env !== 'production' && env !== 'development') {
    throw new ConfigError('HOTLINE_ENV', 'must be "production" or "development"')
  }
  const prod = env === 'production'
  const required = prod
    ? ['PUBLIC_BASE_URL', 'TWILIO_AUTH_TOKEN', 'CUSTODIAN_PUBLIC_KEY', 'DATA_KEY']
    : ['CUSTODIAN_PUBLIC_KEY', 'DATA_KEY']
  for (const name of required) {
    if (!vars[name] || vars[name]!.trim() === '') throw new ConfigError(name, 'is required')
  }
  const fields = {
    PORT: z.coerce.number().int().min(1).max(65535).default(8787),
    DATABASE_PATH: z.string().min(1).default('./data/hotline.db'),
    PUBLIC_BASE_URL: z
      .url({ protocol: prod ? /^https$/ : /^https?$/ })
      .transform((u) => u.replace(/\/+$/, ''))
      .default('http://localhost:8787'),
    TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
      .optional(),
    TWILIO_API_BASE: z.url().default('https://api.twilio.com'),
    CUSTODIAN_PUBLIC_KEY: base64Key('CUSTODIAN_PUBLIC_KEY'),
    DATA_KEY: base64Key('DATA_KEY'),
  } as const
  const out: Record<string, unknown> = {}
  for (const [name, schema] of Object.entries(fields)) {
    const raw = vars[name] === '' ? undefined : vars[name]
    const parsed = (schema as z.ZodType).safeParse(raw)
    if (!parsed.success) throw new ConfigError(name, parsed.error.issues[0]?.message ?? 'invalid')
    out[name] = parsed.data
  }
  const retentionDays = { ...DEFAULT_RETENTION }
  for (const key of Object.keys(retentionDays) as (keyof RetentionDays)[]) {
    const name = `RETENTION_${key.toUpperCase()}_DAYS`
    if (vars[name] === undefined || vars[name] === '') continue
    const parsed = days.safeParse(vars[name])
    if (!parsed.success) throw new ConfigError(name, 'must be a whole number of days (1–36500)')
    retentionDays[key] = parsed.data
  }
  let accessApprovalDays = 7
  if (vars.ACCESS_APPROVAL_DAYS !== undefined && vars.ACCESS_APPROVAL_DAYS !== '') {
    const parsed = z.coerce.number().int().min(1).max(365).safeParse(vars.ACCESS_APPROVAL_DAYS)
    if (!parsed.success) throw new ConfigError('ACCESS_APPROVAL_DAYS', 'must be a whole number of days (1–365)')
    accessApprovalDays = parsed.data
  }
  return {
    env,
    port: out.PORT as number,
    databasePath: out.DATABASE_PATH as string,
    publicBaseUrl: out.PUBLIC_BASE_URL as string,
    twilioAuthToken: out.TWILIO_AUTH_TOKEN as string | undefined,
    twilioAccountSid: out.TWILIO_ACCOUNT_SID as string | undefined,
    twilioApiBase: (out.TWILIO_API_BASE as string).replace(/\/+$/, ''),
    custodianPublicKey: out.CUSTODIAN_PUBLIC_KEY as Uint8Array,
    dataKey: out.DATA_KEY as Uint8Array,
    retentionDays,
    accessApprovalDays,
  }
}

/** Standard base64 (with or without padding) to bytes, or undefined when malformed. */
export function decodeBase64(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined
  try {
    const bin = atob(s)
    const out = new Uint8Array(bin.length)
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
    return out
  } catch {
    return undefined
  }
}

/** Bytes to standard base64. */
export function encodeBase64(bytes: Uint8Array): string {
  let bin = ''
  for (const b of bytes) bin += String.fromCharCode(b)
  return btoa(bin)
}
