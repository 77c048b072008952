/**
 * @module channels/voice/turn
 * One IVR step = one "turn": a verified Twilio webhook, answered with TwiML. Every turn is
 * idempotent on CallSid + step, where the step is the request's path and query: each TwiML
 * answer numbers the URLs it hands Twilio (`n`), so a URL names one turn of one call. The reply
 * is remembered (encrypted) in the same batch as the state change it answers; a retried
 * webhook gets the same reply and changes nothing.
 */
import type { Context } from 'hono'
import type { Deps } from '../../deps.js'
import { isLang, tFor, type Lang, type TFunction } from '../../i18n/index.js'
import { rememberReply, replayFor } from '../../intake/replay.js'
import type { Statement } from '../../store/port.js'
import type { TwilioEnv, TwilioParams } from '../twilio/signature.js'
import { dropCall, guardIds, hurryJobs, loadCall, type Call } from './state.js'
import { Twiml, voiceUrl, type Query } from './twiml.js'
import { isSid } from '../../twilio/sids.js'

export interface Turn {
  deps: Deps
  /** The verified webhook parameters. */
  p: TwilioParams
  callSid: string
  /** This turn's number; the URLs of the answer carry `next`. */
  n: number
  next: number
  /** The `r` query parameter: how many times this prompt was already repeated. */
  retry: number
  lang: Lang
  t: TFunction
  call: Call
  /** The idempotency key of this turn (also the key its reply is remembered under). */
  stepKey: string
  /** The keys pressed, if any. */
  digits: string
  query(name: string): string | undefined
  /** A new TwiML answer. */
  twiml(): Twiml
  /** A URL for the next turn, in this call's language. */
  url(path: string, query?: Query): string
}

export interface Reply {
  twiml: string
  /** Statements to commit with the remembered reply. */
  statements?: Statement[]
  /** True when the handler already committed the reply with its own batch (filing). */
  committed?: boolean
}

/** The TwiML response. */
export function xml(c: Context, body: string): Response {
  return c.body(body, 200, { 'Content-Type': 'text/xml; charset=utf-8' })
}

/** Wrap a step handler: replay, load the call, run, commit state + reply in one batch. */
export function turn(handler: (t: Turn) => Promise<Reply> | Reply) {
  return async (c: Context<TwilioEnv>): Promise<Response> => {
    const deps = c.get('deps')
    const p = c.get('twilio')
    const callSid = p.CallSid ?? ''
    if (!isSid(callSid, 'CA')) return c.text('Bad Request', 400)
    const u = new URL(c.req.url)
    const stepKey = `voice:${callSid}:${u.pathname}${u.search}`
    const seen = await replayFor(deps, stepKey)
    if (seen !== undefined) return xml(c, seen)

    const query = (name: string) => u.searchParams.get(name) ?? undefined
    const l = query('l')
    const lang: Lang = isLang(l) ? l : 'en'
    const n = Number.parseInt(query('n') ?? '0', 10) || 0
    const base = deps.config.publicBaseUrl
    const t: Turn = {
      deps,
      p,
      callSid,
      n,
      next: n + 1,
      retry: Number.parseInt(query('r') ?? '0', 10) || 0,
      lang,
      t: tFor(lang),
      call: await loadCall(deps, callSid),
      stepKey,
      digits: (p.Digits ?? '').trim(),
      query,
      twiml: () => new Twiml(base),
      url: (path, q = {}) => voiceUrl(base, path, { l: lang, n: n + 1, ...q }),
    }
    const reply = await handler(t)
    if (!reply.committed) {
      await deps.sql.batch([...(reply.statements ?? []), rememberReply(deps, stepKey, reply.twiml)])
    }
    return xml(c, reply.twiml)
  }
}

/** The same turn, speaking another language (right after the language menu). */
export function inLanguage(t: Turn, lang: Lang): Turn {
  const base = t.deps.config.publicBaseUrl
  return {
    ...t,
    lang,
    t: tFor(lang),
    url: (path, q = {}) => voiceUrl(base, path, { l: lang, n: t.next, ...q }),
  }
}

/** Say goodbye and hang up. */
export function goodbye(t: Turn, tw: Twiml = t.twiml(), ...lines: string[]): Twiml {
  return tw.say(t.lang, ...lines, t.t('voice:bye')).hangup()
}

/**
 * End a call that filed nothing: its row goes, and the guards on its Twilio traces (the call
 * record, any recording) become due now, so that it leaves nothing behind.
 */
export function endWithoutCase(t: Turn, tw: Twiml, ...lines: string[]): Reply {
  goodbye(t, tw, ...lines)
  return {
    twiml: tw.toString(),
    statements: [...hurryJobs(t.deps, guardIds(t.call)), dropCall(t.call)],
  }
}
