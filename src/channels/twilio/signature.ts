/**
 * @module channels/twilio/signature
 * Checks `X-Twilio-Signature` on every Twilio webhook: HMAC-SHA1 (Web Crypto, so it runs on
 * Node and Workers) keyed with the auth token over the public URL Twilio called (PUBLIC_BASE_URL
 * + path + query) followed by each POST parameter name and value, sorted by name. Compared in
 * constant time. A request that fails gets 403 (400 for a body that does not parse) and changes
 * nothing. There is no bypass: in development the generated token signs the phone simulator's
 * requests.
 */
import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../deps.js'
import { equalStrings } from '../../privacy/crypto.js'
import { formFields } from '../../middleware/body.js'

export type TwilioParams = Record<string, string>
/** The context of a verified Twilio webhook: `c.get('twilio')` holds its parameters. */
export type TwilioEnv = AppEnv & { Variables: { twilio: TwilioParams } }

const keys = new Map<string, Promise<CryptoKey>>()
function hmacKey(token: string): Promise<CryptoKey> {
  let k = keys.get(token)
  if (!k) {
    k = crypto.subtle.importKey('raw', new TextEncoder().encode(token), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
    keys.set(token, k)
  }
  return k
}

/** The signature Twilio would send for this URL and these POST parameters (base64). */
export async function twilioSignature(token: string, url: string, params: TwilioParams): Promise<string> {
  let data = url
  for (const name of Object.keys(params).sort()) data += name + params[name]
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(token), new TextEncoder().encode(data))
  let bin = ''
  for (const b of new Uint8Array(mac)) bin += String.fromCharCode(b)
  return btoa(bin)
}

/** The URL Twilio signed: the configured public origin, never the Host header. */
export function publicUrl(c: Context<TwilioEnv>): string {
  const u = new URL(c.req.url)
  return `${c.get('deps').config.publicBaseUrl}${u.pathname}${u.search}`
}

/**
 * Middleware: parse the form body, verify the signature, and expose the parameters as
 * `c.get('twilio')`. 403 when the token is unset, the header is missing, or it does not match.
 */
export const verifyTwilio = createMiddleware<TwilioEnv>(
  async function verifyTwilio(c, next) {
    const token = c.get('deps').config.twilioAuthToken
    const header = c.req.header('x-twilio-signature')
    // Refuse unsigned requests before reading their body.
    if (!token || !header) return c.text('Forbidden', 403)
    // A body that does not parse is a 400 (`formFields`); a repeated name keeps its last value.
    const params: TwilioParams = Object.create(null)
    for (const [k, v] of Object.entries(await formFields(c))) params[k] = v[v.length - 1]!
    const expected = await twilioSignature(token, publicUrl(c), params)
    if (!equalStrings(expected, header)) return c.text('Forbidden', 403)
    c.set('twilio', params)
    await next()
  },
)
