/**
 * @module test/voice/call
 * A caller for the IVR tests: sends Twilio-signed voice webhooks (test/helpers/twilio-sign.ts),
 * parses each TwiML answer with a real XML parser (@xmldom/xmldom), and follows it the way Twilio
 * would: a key press posts Digits to the `<Gather>` action, silence follows the `<Redirect>`, a
 * recording posts RecordingSid/RecordingDuration to the `<Record>` action.
 */
import { DOMParser, type Document, type Element } from '@xmldom/xmldom'
import { expect } from 'vitest'
import { newSid, twilioRequest, type Params } from '../helpers/twilio-sign.js'
import type { TestRuntime } from '../helpers/runtime.js'

export interface CallerOptions {
  from?: string
  to?: string
  toCountry?: string
  callSid?: string
  city?: string
}

export interface Twiml {
  doc: Document
  root: Element
  xml: string
  /** The top-level verbs, in order. */
  verbs: string[]
}

export const children = (el: Element): Element[] =>
  Array.from(el.childNodes as unknown as ArrayLike<Element>).filter((n) => n.nodeType === 1)

export function parseTwiml(xml: string): Twiml {
  const doc = new DOMParser().parseFromString(xml, 'text/xml')
  const root = doc.documentElement!
  expect(root.tagName).toBe('Response')
  return { doc, root, xml, verbs: children(root).map((e) => e.tagName) }
}

/** The elements with this tag, anywhere in the answer. */
export const all = (t: Twiml, tag: string): Element[] =>
  Array.from(t.doc.getElementsByTagName(tag) as unknown as ArrayLike<Element>)
export const one = (t: Twiml, tag: string): Element => {
  const els = all(t, tag)
  expect(els.length, `one <${tag}> in ${t.xml}`).toBe(1)
  return els[0]!
}
/** Every `<Say>` as [language, text]. */
export const says = (t: Twiml): [string, string][] =>
  all(t, 'Say').map((s) => [s.getAttribute('language') ?? '', s.textContent ?? ''])
export const spoken = (t: Twiml): string =>
  says(t)
    .map(([, s]) => s)
    .join(' ')

const API = 'https://api.twilio.com/2010-04-01'

/** A phone call into the test runtime's IVR. */
export class Caller {
  readonly callSid: string
  readonly from: string
  readonly base: string
  answers: Twiml[] = []

  constructor(
    readonly rt: TestRuntime,
    readonly o: CallerOptions = {},
  ) {
    this.callSid = o.callSid ?? newSid('CA')
    this.from = o.from ?? '+5214775550199'
    this.base = rt.config.publicBaseUrl
  }

  params(extra: Params = {}): Params {
    const to = this.o.to ?? '+525512345678'
    return {
      AccountSid: 'AC' + 'a1'.repeat(16),
      ApiVersion: '2010-04-01',
      CallSid: this.callSid,
      CallStatus: 'in-progress',
      Called: to,
      CalledCountry: this.o.toCountry ?? 'MX',
      Caller: this.from,
      CallerCity: this.o.city ?? 'Silao de la Victoria',
      CallerCountry: 'MX',
      CallerState: 'GTO',
      CallerZip: '36100',
      Direction: 'inbound',
      From: this.from,
      FromCity: this.o.city ?? 'Silao de la Victoria',
      FromCountry: 'MX',
      FromState: 'GTO',
      FromZip: '36100',
      To: to,
      ToCity: '',
      ToCountry: this.o.toCountry ?? 'MX',
      ToState: '',
      ToZip: '',
      ...extra,
    }
  }

  /** POST a signed webhook to an absolute URL the IVR gave (or a path), return the raw response. */
  async raw(url: string, extra: Params = {}, signature?: string | null): Promise<Response> {
    const path = url.startsWith(this.base) ? url.slice(this.base.length) : url
    return twilioRequest(this.rt.app, path, this.params(extra), {
      baseUrl: this.base,
      authToken: this.rt.config.twilioAuthToken!,
      signature,
    })
  }

  async post(url: string, extra: Params = {}): Promise<Twiml> {
    const res = await this.raw(url, extra)
    expect(res.status, await res.clone().text()).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/)
    const t = parseTwiml(await res.text())
    this.answers.push(t)
    return t
  }

  start(): Promise<Twiml> {
    return this.post(`${this.base}/twilio/voice`)
  }

  /** Press keys at the answer's `<Gather>`. */
  press(t: Twiml, digits: string): Promise<Twiml> {
    return this.post(one(t, 'Gather').getAttribute('action')!, { Digits: digits })
  }

  /** Say nothing: Twilio moves on to the verb after `<Gather>`/`<Record>`, a `<Redirect>`. */
  silence(t: Twiml): Promise<Twiml> {
    const r = one(t, 'Redirect')
    return this.post(r.textContent!.trim())
  }

  /** Record a statement at the answer's `<Record>` (finished with #). */
  record(t: Twiml, recordingSid: string, seconds: number): Promise<Twiml> {
    const rec = one(t, 'Record')
    return this.post(rec.getAttribute('action')!, {
      RecordingSid: recordingSid,
      RecordingUrl: `${API}/Accounts/AC${'a1'.repeat(16)}/Recordings/${recordingSid}`,
      RecordingDuration: String(seconds),
      Digits: '#',
    })
  }

  /** Twilio's recording status callback for a `<Record>` of this call. */
  recordingStatus(
    t: Twiml,
    recordingSid: string,
    status: 'completed' | 'absent' | 'failed',
  ): Promise<Twiml> {
    const rec = one(t, 'Record')
    return this.post(rec.getAttribute('recordingStatusCallback')!, {
      RecordingSid: recordingSid,
      RecordingStatus: status,
      RecordingDuration: '134',
      RecordingChannels: '1',
      RecordingSource: 'RecordVerb',
    })
  }

  /** The number's call-status callback. */
  hangUp(status = 'completed'): Promise<Twiml> {
    return this.post(`${this.base}/twilio/voice/status`, { CallStatus: status, CallDuration: '95' })
  }
}

/** The receipt read out in an answer (the first reading), as 16 digits. */
export function heardReceipt(t: Twiml): string {
  const readings = says(t)
    .map(([, s]) => s)
    .filter((s) => /^(\d, ){3}\d\. (\d, ){3}\d\. (\d, ){3}\d\. (\d, ){3}\d\.$/.test(s))
  expect(readings.length, t.xml).toBe(2)
  expect(readings[0]).toBe(readings[1])
  return readings[0]!.replace(/\D/g, '')
}

/** A whole report by phone: language, 1, a problem, a statement, 3 workers, call back or not. */
export async function reportByPhone(
  call: Caller,
  o: {
    langKey?: string
    problem?: string
    recordingSid?: string
    seconds?: number
    callBack?: boolean
  } = {},
): Promise<{ receipt: string; record: Twiml; answer: Twiml; recordingSid: string }> {
  const recordingSid = o.recordingSid ?? newSid('RE')
  const main = await call.press(await call.start(), o.langKey ?? '2')
  const record = await call.press(await call.press(main, '1'), o.problem ?? '1')
  const workers = await call.record(record, recordingSid, o.seconds ?? 134)
  const callback = await call.press(workers, '3')
  const answer = await call.press(callback, o.callBack ? '1' : '2')
  return { receipt: heardReceipt(answer), record, answer, recordingSid }
}
