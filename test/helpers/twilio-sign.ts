/**
 * @module test/helpers/twilio-sign
 * Webhook requests exactly as Twilio sends them: a form-encoded POST whose X-Twilio-Signature is
 * computed by the twilio package itself (`getExpectedTwilioSignature`) over the public URL
 * (PUBLIC_BASE_URL + path) and the parameters. For SMS and voice tests alike.
 */
import { randomBytes } from 'node:crypto'
import twilio from 'twilio'

export type Params = Record<string, string>

export interface SignOptions {
  /** PUBLIC_BASE_URL: the origin Twilio believes it calls (no trailing slash). */
  baseUrl: string
  authToken: string
  /** Replace the computed signature (to test refusal); `null` sends no header at all. */
  signature?: string | null
  headers?: Record<string, string>
}

/** Anything with Hono's `request(path, init)`: an app, or a test runtime's app. */
export interface RequestTarget {
  request(path: string, init: RequestInit): Response | Promise<Response>
}

/** The signature Twilio would send for this path and these parameters. */
export function expectedSignature(path: string, params: Params, opts: SignOptions): string {
  return twilio.getExpectedTwilioSignature(opts.authToken, opts.baseUrl + path, params)
}

/** The fetch init of a signed Twilio webhook. */
export function signedInit(path: string, params: Params, opts: SignOptions): RequestInit {
  const signature =
    opts.signature === undefined ? expectedSignature(path, params, opts) : opts.signature
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': 'TwilioProxy/1.1',
    'i-twilio-idempotency-token': randomBytes(16).toString('hex'),
    ...opts.headers,
  }
  if (signature !== null) headers['x-twilio-signature'] = signature
  return { method: 'POST', headers, body: new URLSearchParams(params).toString() }
}

/** POST a signed webhook to an in-process app (`app.request`). */
export async function twilioRequest(
  app: RequestTarget,
  path: string,
  params: Params,
  opts: SignOptions,
): Promise<Response> {
  return app.request(path, signedInit(path, params, opts))
}

/** POST a signed webhook to a running server at `origin` (benchmarks, browser tests). */
export function twilioFetch(
  origin: string,
  path: string,
  params: Params,
  opts: SignOptions,
): Promise<Response> {
  return fetch(origin + path, signedInit(path, params, opts))
}

/** A Twilio-shaped SID (`SM` + 32 hex digits). */
export function newSid(prefix = 'SM'): string {
  return prefix + randomBytes(16).toString('hex')
}

export interface SmsOptions {
  from: string
  body: string
  to?: string
  sid?: string
  accountSid?: string
  /** Twilio's geo fields of the sender; `undefined` leaves them empty as Twilio does abroad. */
  fromCountry?: string
  toCountry?: string
  fromCity?: string
  fromState?: string
  fromZip?: string
  media?: { url: string; type: string }[]
}

/** The parameters of an inbound SMS webhook, as Twilio sends them. */
export function smsParams(o: SmsOptions): Params {
  const sid = o.sid ?? newSid('SM')
  const p: Params = {
    ToCountry: o.toCountry ?? '',
    ToState: '',
    SmsMessageSid: sid,
    NumMedia: String(o.media?.length ?? 0),
    ToCity: '',
    FromZip: o.fromZip ?? '',
    SmsSid: sid,
    FromState: o.fromState ?? '',
    SmsStatus: 'received',
    FromCity: o.fromCity ?? '',
    Body: o.body,
    FromCountry: o.fromCountry ?? '',
    To: o.to ?? '12345',
    ToZip: '',
    NumSegments: '1',
    MessageSid: sid,
    AccountSid: o.accountSid ?? 'AC' + '0'.repeat(32),
    From: o.from,
    ApiVersion: '2010-04-01',
  }
  o.media?.forEach((m, i) => {
    p[`MediaUrl${i}`] = m.url
    p[`MediaContentType${i}`] = m.type
  })
  return p
}
