/**
 * @module config
 * The hotline's environment (design §3), parsed and checked once at start.
 * Core code: it reads a plain record of strings, never `process.env` or Workers bindings.
 */
import { z } from 'zod'
import { LANGS, type Lang } from './i18n/languages.js'

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
  /** The hotline's SMS number (E.164) or Messaging Service SID (MG…) for messages it starts. */
  twilioSmsFrom: string | undefined
  custodianPublicKey: Uint8Array
  dataKey: Uint8Array
  retentionDays: RetentionDays
  /** Days a custodian's approval stays usable (it opens once). */
  accessApprovalDays: number
  /** This deployment's name for the service, per language (SERVICE_NAME_EN/_ES/_FR); unset: the locale's. */
  serviceNames: Partial<Record<Lang, string>>
  /** Staff e-mail notifications (SMTP_URL, SMTP_FROM); undefined: off (docs/notifications.md). */
  smtp: SmtpConfig | undefined
}

/** The SMTP server staff notifications go through (SMTP_URL, SMTP_FROM, NOTIFY_DIGEST_HOUR). */
export interface SmtpConfig {
  host: string
  port: number
  /** TLS from the first byte (smtps://, port 465 by default); else STARTTLS when offered. */
  secure: boolean
  /** Refuse to send unless the connection is encrypted (production, except a relay on loopback). */
  requireTls: boolean
  user: string | undefined
  pass: string | undefined
  /** The From header as given (an address, or `Name <address>`), and its parts. */
  from: string
  fromAddress: string
  fromName: string | undefined
  /** The UTC hour at which daily digests go out (0–23). */
  digestHour: number
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

/** One misconfigured variable: its name and what is wrong with it (never its value). */
export interface ConfigProblem {
  variable: string
  reason: string
}

/**
 * Every missing or malformed variable at once, so that one start names them all. The message
 * says what each should be and never repeats a value (they are secrets).
 */
export class ConfigError extends Error {
  /** The first misconfigured variable. */
  readonly variable: string
  constructor(readonly problems: readonly [ConfigProblem, ...ConfigProblem[]]) {
    super(problems.map((p) => `${p.variable}: ${p.reason}`).join('; '))
    this.name = 'ConfigError'
    this.variable = problems[0].variable
  }
}

const base64Key = z.string().transform((s, ctx) => {
  const bytes = decodeBase64(s.trim())
  if (!bytes || bytes.length !== 32) {
    ctx.addIssue({ code: 'custom', message: 'must be 32 bytes in base64' })
    return z.NEVER
  }
  return bytes
})

const days = z.coerce.number().int().min(1).max(36500)

/**
 * Parse and validate the environment. Throws one ConfigError naming every missing or malformed
 * variable. Production requires every secret; development requires only what the entry point
 * generates (keys), and tolerates a missing Twilio token.
 */
export function parseConfig(vars: Record<string, string | undefined>): Config {
  const problems: ConfigProblem[] = []
  const bad = (variable: string, reason: string) => problems.push({ variable, reason })
  const env = (vars.HOTLINE_ENV ?? 'development') as HotlineEnv
  if (env !== 'production' && env !== 'development') {
    bad('HOTLINE_ENV', 'must be "production" or "development"')
  }
  const prod = env === 'production'
  const required = prod
    ? ['PUBLIC_BASE_URL', 'TWILIO_AUTH_TOKEN', 'CUSTODIAN_PUBLIC_KEY', 'DATA_KEY']
    : ['CUSTODIAN_PUBLIC_KEY', 'DATA_KEY']
  const missing = required.filter((name) => !vars[name] || vars[name]!.trim() === '')
  for (const name of missing) bad(name, 'is required')
  // What each variable must be: said instead of the parser's message, which could quote it.
  const fields: Record<string, [z.ZodType, string]> = {
    PORT: [z.coerce.number().int().min(1).max(65535).default(8787), 'must be a port number (1–65535)'],
    DATABASE_PATH: [z.string().min(1).default('./data/hotline.db'), 'must be a file path'],
    PUBLIC_BASE_URL: [
      z
        .url({ protocol: prod ? /^https$/ : /^https?$/ })
        .transform((u) => u.replace(/\/+$/, ''))
        // Development: this machine on the port it listens on (production requires the variable).
        .default(`http://localhost:${devPort(vars.PORT)}`),
      prod ? 'must be an https:// URL' : 'must be an http:// or https:// URL',
    ],
    TWILIO_AUTH_TOKEN: [z.string().min(16).optional(), 'must be at least 16 characters'],
    TWILIO_ACCOUNT_SID: [
      z.string().regex(/^AC[0-9a-fA-F]{32}$/).optional(),
      'must look like AC followed by 32 hex digits',
    ],
    TWILIO_API_BASE: [z.url().default('https://api.twilio.com'), 'must be a URL'],
    TWILIO_SMS_FROM: [
      z.string().regex(/^(\+[1-9][0-9]{6,14}|MG[0-9a-fA-F]{32})$/).optional(),
      'must be a phone number in E.164 form (+15551234567) or a Messaging Service SID (MG…)',
    ],
    CUSTODIAN_PUBLIC_KEY: [base64Key, 'must be 32 bytes in base64'],
    DATA_KEY: [base64Key, 'must be 32 bytes in base64'],
  }
  const out: Record<string, unknown> = {}
  for (const [name, [schema, reason]] of Object.entries(fields)) {
    if (missing.includes(name)) continue
    const raw = vars[name] === '' ? undefined : vars[name]
    const parsed = schema.safeParse(raw)
    if (parsed.success) out[name] = parsed.data
    else bad(name, reason)
  }
  const retentionDays = { ...DEFAULT_RETENTION }
  for (const key of Object.keys(retentionDays) as (keyof RetentionDays)[]) {
    const name = `RETENTION_${key.toUpperCase()}_DAYS`
    if (vars[name] === undefined || vars[name] === '') continue
    const parsed = days.safeParse(vars[name])
    if (parsed.success) retentionDays[key] = parsed.data
    else bad(name, 'must be a whole number of days (1–36500)')
  }
  let accessApprovalDays = 7
  if (vars.ACCESS_APPROVAL_DAYS !== undefined && vars.ACCESS_APPROVAL_DAYS !== '') {
    const parsed = z.coerce.number().int().min(1).max(365).safeParse(vars.ACCESS_APPROVAL_DAYS)
    if (parsed.success) accessApprovalDays = parsed.data
    else bad('ACCESS_APPROVAL_DAYS', 'must be a whole number of days (1–365)')
  }
  const serviceNames: Config['serviceNames'] = {}
  for (const lang of LANGS) {
    const name = `SERVICE_NAME_${lang.toUpperCase()}`
    const v = vars[name]?.trim()
    if (!v) continue
    if (v.length > 80 || /[<>\n]/.test(v)) bad(name, 'must be a plain name of at most 80 characters')
    else serviceNames[lang] = v
  }
  const smtp = parseSmtp(vars, prod, bad)
  const [first, ...rest] = problems
  if (first) throw new ConfigError([first, ...rest])
  return {
    env,
    port: out.PORT as number,
    databasePath: out.DATABASE_PATH as string,
    publicBaseUrl: out.PUBLIC_BASE_URL as string,
    twilioAuthToken: out.TWILIO_AUTH_TOKEN as string | undefined,
    twilioAccountSid: out.TWILIO_ACCOUNT_SID as string | undefined,
    twilioApiBase: (out.TWILIO_API_BASE as string).replace(/\/+$/, ''),
    twilioSmsFrom: out.TWILIO_SMS_FROM as string | undefined,
    custodianPublicKey: out.CUSTODIAN_PUBLIC_KEY as Uint8Array,
    dataKey: out.DATA_KEY as Uint8Array,
    retentionDays,
    accessApprovalDays,
    serviceNames,
    smtp,
  }
}

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i

/**
 * SMTP_URL (smtp:// or smtps://, user and password percent-encoded in it) and SMTP_FROM turn staff
 * notifications on; either alone is an error. Values are never repeated in messages (the URL holds
 * a password).
 */
function parseSmtp(
  vars: Record<string, string | undefined>,
  prod: boolean,
  bad: (variable: string, reason: string) => void,
): SmtpConfig | undefined {
  const raw = vars.SMTP_URL?.trim()
  const from = vars.SMTP_FROM?.trim()
  const hourRaw = vars.NOTIFY_DIGEST_HOUR?.trim()
  let digestHour = 7
  if (hourRaw) {
    const h = z.coerce.number().int().min(0).max(23).safeParse(hourRaw)
    if (h.success) digestHour = h.data
    else bad('NOTIFY_DIGEST_HOUR', 'must be an hour of the day in UTC (0–23)')
  }
  if (!raw) {
    if (from) bad('SMTP_URL', 'is required when SMTP_FROM is set (smtp://user:password@host:587)')
    return undefined
  }
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  const ok = url && (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname !== '' && url.pathname.replace(/\/+$/, '') === ''
  if (!url || !ok) {
    bad('SMTP_URL', 'must be smtp://[user:password@]host[:port] or smtps://…')
    return undefined
  }
  if (!from) bad('SMTP_FROM', 'is required when SMTP_URL is set (the From address of notifications)')
  else if (from.length > 200 || /[\r\n]/.test(from) || !/^([^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(from))
    bad('SMTP_FROM', 'must be an e-mail address, or a name and an address: Hotline <hotline@example.org>')
  const secure = url.protocol === 'smtps:'
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port)
  let user: string | undefined
  let pass: string | undefined
  try {
    user = url.username ? decodeURIComponent(url.username) : undefined
    pass = url.password ? decodeURIComponent(url.password) : undefined
  } catch {
    bad('SMTP_URL', 'must percent-encode the user and password')
  }
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port,
    secure,
    // A relay on this machine may speak plain SMTP; anything else must be encrypted in production.
    requireTls: prod && !secure && !LOOPBACK.test(url.hostname),
    user,
    pass,
    from: from ?? '',
    fromAddress: /<([^<>]+)>$/.exec(from ?? '')?.[1] ?? from ?? '',
    fromName: /^\s*"?([^"<>]*?)"?\s*</.exec(from ?? '')?.[1] || undefined,
    digestHour,
  }
}

/** The port PUBLIC_BASE_URL defaults to in development: PORT when it is a port number, else 8787. */
function devPort(port: string | undefined): number {
  const n = Number(port)
  return Number.isInteger(n) && n >= 1 && n <= 65535 ? n : 8787
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
