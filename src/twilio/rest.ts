/**
 * @module twilio/rest
 * The few Twilio REST calls the hotline makes (erasing message, call and recording records,
 * downloading a recording, sending a worker the receipt an organisation filed for them), over `fetch` so that they run on Node and Workers alike.
 * Errors carry Twilio's own code (e.g. 20009: "cannot delete yet") so the job runner can retry.
 */
import type { Deps } from '../deps.js'
import { isSid } from './sids.js'

export class TwilioApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number | undefined,
  ) {
    super(`twilio ${status}${code ? ` (${code})` : ''}`)
    this.name = 'TwilioApiError'
  }
}

/** Twilio refuses to delete a record still being processed; retry after a minute or more. */
export const NOT_YET_DELETABLE = 20009
/** Twilio's "resource not found". */
export const NOT_FOUND = 20404

function authHeader(deps: Deps): string {
  const { twilioAccountSid, twilioAuthToken } = deps.config
  if (!twilioAccountSid || !twilioAuthToken) throw new Error('twilio credentials missing')
  return `Basic ${btoa(`${twilioAccountSid}:${twilioAuthToken}`)}`
}

const base = (deps: Deps) =>
  `${deps.config.twilioApiBase}/2010-04-01/Accounts/${deps.config.twilioAccountSid}`

async function fail(res: Response): Promise<never> {
  let code: number | undefined
  try {
    const body = (await res.json()) as { code?: number }
    code = typeof body.code === 'number' ? body.code : undefined
  } catch {
    // not JSON
  }
  throw new TwilioApiError(res.status, code)
}

export type TwilioResource = 'Messages' | 'Calls' | 'Recordings'

/** DELETE a message, call or recording record. A record already gone counts as deleted. */
export async function deleteRecord(deps: Deps, resource: TwilioResource, sid: string): Promise<void> {
  if (!isSid(sid)) throw new Error('malformed sid')
  const res = await deps.fetch(`${base(deps)}/${resource}/${sid}.json`, {
    method: 'DELETE',
    headers: { Authorization: authHeader(deps) },
  })
  if (res.status === 204 || res.ok || res.status === 404) return
  await fail(res)
}

/** GET a recording's audio (WAV by default, as Twilio serves it). */
export async function downloadRecording(deps: Deps, recordingSid: string): Promise<Uint8Array> {
  if (!isSid(recordingSid, 'RE')) throw new Error('malformed sid')
  const res = await deps.fetch(`${base(deps)}/Recordings/${recordingSid}.wav`, {
    headers: { Authorization: authHeader(deps) },
  })
  if (!res.ok) await fail(res)
  return new Uint8Array(await res.arrayBuffer())
}

/** Sending SMS needs credentials and a sender (TWILIO_SMS_FROM). */
export const canSendSms = (deps: Deps) =>
  Boolean(deps.config.twilioAccountSid && deps.config.twilioAuthToken && deps.config.twilioSmsFrom)

/**
 * POST one SMS; returns its MessageSid (for the erasure job). `to` is an E.164 number; the
 * caller never logs it, and only the sid is kept.
 */
export async function sendSms(
  deps: Deps,
  to: string,
  body: string,
  statusCallback?: string,
): Promise<string> {
  const from = deps.config.twilioSmsFrom
  if (!from) throw new Error('TWILIO_SMS_FROM missing')
  const form = new URLSearchParams({ To: to, Body: body })
  form.set(from.startsWith('MG') ? 'MessagingServiceSid' : 'From', from)
  if (statusCallback) form.set('StatusCallback', statusCallback)
  const res = await deps.fetch(`${base(deps)}/Messages.json`, {
    method: 'POST',
    headers: { Authorization: authHeader(deps), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  })
  if (!res.ok) await fail(res)
  const sid = ((await res.json()) as { sid?: unknown }).sid
  if (typeof sid !== 'string' || !isSid(sid, 'SM', 'MM')) throw new TwilioApiError(res.status, undefined)
  return sid
}

/**
 * GET a message's media (a WhatsApp voice note): Twilio answers with the bytes, or redirects to
 * them (fetch follows; the Authorization header is not sent to another origin).
 */
export async function downloadMedia(deps: Deps, messageSid: string, mediaSid: string): Promise<Uint8Array> {
  if (!isSid(messageSid, 'SM', 'MM') || !isSid(mediaSid, 'ME')) throw new Error('malformed sid')
  const res = await deps.fetch(`${base(deps)}/Messages/${messageSid}/Media/${mediaSid}`, {
    headers: { Authorization: authHeader(deps) },
  })
  if (!res.ok) await fail(res)
  return new Uint8Array(await res.arrayBuffer())
}

/** DELETE a message's media. Media already gone counts as deleted. */
export async function deleteMedia(deps: Deps, messageSid: string, mediaSid: string): Promise<void> {
  if (!isSid(messageSid, 'SM', 'MM') || !isSid(mediaSid, 'ME')) throw new Error('malformed sid')
  const res = await deps.fetch(`${base(deps)}/Messages/${messageSid}/Media/${mediaSid}.json`, {
    method: 'DELETE',
    headers: { Authorization: authHeader(deps) },
  })
  if (res.status === 204 || res.ok || res.status === 404) return
  await fail(res)
}
