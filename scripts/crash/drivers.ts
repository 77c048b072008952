/**
 * @module scripts/crash/drivers
 * Simulated reporters and staff for the crash test, over real HTTP on loopback: the web form
 * (GET for its token, POST, the receipt page), the JSON API (201, with an Idempotency-Key), SMS
 * conversations (signed Twilio webhooks; the last reply carries the receipt), and an admin
 * adding notes through the staff API (each note is written with its audit row).
 *
 * A reporter whose request the kill cut does what a real one would: after the restart it sends
 * the same thing again (the same form and token, the same Idempotency-Key and body, the same SMS
 * with its MessageSid, as Twilio would) and carries on. Each reporter therefore lives across
 * rounds, and every receipt it is finally shown is recorded as acknowledged.
 */
import { randomUUID } from 'node:crypto'
import { tokenIn, textOf, VALID_REPORT } from '../../test/helpers/forms.js'
import { newSid, signedInit, smsParams } from '../../test/helpers/twilio-sign.js'
import { LANGS, type Lang } from '../../src/i18n/languages.js'

export type Channel = 'web' | 'api' | 'sms'

/** Everything acknowledged so far, over every round. */
export class Tally {
  readonly receipts: { channel: Channel; receipt: string }[] = []
  notes = 0
  /** Requests that failed because the server died under them (expected). */
  cut = 0
  /** Requests sent again after a cut (same token, key or MessageSid). */
  resent = 0
  /** Answers that are neither an acknowledgement nor cut by the kill (should stay 0). */
  unexpected = 0
  /** The first few of those, for the report. */
  readonly samples: string[] = []
}

export interface DriveContext {
  origin: string
  /** PUBLIC_BASE_URL: what Twilio signs. */
  baseUrl: string
  twilioAuthToken: string
  staffToken: string
  tally: Tally
  /** A number unique over the whole run (sources, phone numbers). */
  next(): number
}

const TIMEOUT_MS = 30_000
const RECEIPT = /\d{4} \d{4} \d{4} \d{4}/
const signal = () => AbortSignal.timeout(TIMEOUT_MS)

/** A step that gave an answer the test did not expect. */
class Unexpected extends Error {}

/** One simulated person: `step()` sends the next request; true once it has nothing left to do. */
interface Actor {
  /** Set while a request is in flight, so that a cut one is counted as sent again. */
  inFlight: boolean
  step(ctx: DriveContext): Promise<boolean>
}

/** A web reporter: loads the form once, then posts it (again, unchanged, after a cut). */
function webReporter(ctx: DriveContext): Actor {
  const lang = LANGS[ctx.next() % LANGS.length] as Lang
  // Its address, for the per-source limit (TRUST_PROXY_HEADER); the same on a retry.
  const headers = { 'x-test-source': `web-${ctx.next()}` }
  let token: string | undefined
  return {
    inFlight: false,
    async step(ctx) {
      if (!token) {
        const page = await fetch(`${ctx.origin}/${lang}/report`, { headers, signal: signal() })
        token = tokenIn(await page.text())
        return false
      }
      const body = new URLSearchParams()
      const fields = { ...VALID_REPORT, token, contactName: 'Lupe Martínez', consentToContact: 'yes' }
      for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x)
      const res = await fetch(`${ctx.origin}/${lang}/report`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' },
        body: body.toString(),
        signal: signal(),
      })
      const receipt = textOf(await res.text(), 'receipt')
      if (res.status !== 200 || !receipt || !RECEIPT.test(receipt))
        throw new Unexpected(`web form: HTTP ${res.status}`)
      ctx.tally.receipts.push({ channel: 'web', receipt })
      return true
    },
  }
}

/** An API client: one report under one Idempotency-Key, sent again unchanged after a cut. */
function apiReporter(ctx: DriveContext): Actor {
  const n = ctx.next()
  const headers = {
    'x-test-source': `api-${n}`,
    'content-type': 'application/json',
    'idempotency-key': randomUUID(),
  }
  const body = JSON.stringify({
    language: 'fr',
    country: 'CI',
    sector: 'cocoa',
    employer: 'Coopérative du Sud',
    description: `Des enfants de 12 ans portent les sacs de cacao (rapport ${n}).`,
    ...(n % 2 ? { contact: { name: 'Aïcha Koné', phone: '+225 07 12 34 56 78' } } : {}),
    consentToContact: n % 2 === 1,
  })
  return {
    inFlight: false,
    async step(ctx) {
      const res = await fetch(`${ctx.origin}/api/v1/reports`, { method: 'POST', headers, body, signal: signal() })
      const json = (await res.json()) as { receipt?: string }
      if (res.status !== 201 || !json.receipt || !RECEIPT.test(json.receipt))
        throw new Unexpected(`API report: HTTP ${res.status}`)
      ctx.tally.receipts.push({ channel: 'api', receipt: json.receipt })
      return true
    },
  }
}

const SMS_STEPS = [
  'HOLA',
  'OK',
  '5',
  'Autopartes del Bajío',
  'Silao',
  'Nos pagan menos del mínimo desde marzo.',
  'Y no pagan las horas extra del sábado.',
  'LISTO',
  'NO',
]

/** A phone texting a whole report; a message the kill cut is delivered again with its MessageSid. */
function smsReporter(ctx: DriveContext): Actor {
  const from = `+52155${String(ctx.next()).padStart(8, '0')}`
  let i = 0
  let sid = newSid()
  return {
    inFlight: false,
    async step(ctx) {
      const body = SMS_STEPS[i]!
      const params = smsParams({ from, body, sid, fromCountry: 'MX', toCountry: 'MX' })
      const res = await fetch(`${ctx.origin}/twilio/sms`, {
        ...signedInit('/twilio/sms', params, { baseUrl: ctx.baseUrl, authToken: ctx.twilioAuthToken }),
        signal: signal(),
      })
      const reply = await res.text()
      if (res.status !== 200) throw new Unexpected(`SMS "${body}": HTTP ${res.status}`)
      if (++i < SMS_STEPS.length) {
        sid = newSid()
        return false
      }
      const receipt = RECEIPT.exec(reply)?.[0]
      if (!receipt) throw new Unexpected(`SMS: no receipt in the last reply: ${reply.slice(0, 300)}`)
      ctx.tally.receipts.push({ channel: 'sms', receipt })
      return true
    },
  }
}

/** The admin reads the queue (a `queue_view` audit row) and notes a case (note + `case_note` row). */
function staffMember(ctx: DriveContext): Actor {
  const auth = { authorization: `Bearer ${ctx.staffToken}` }
  return {
    inFlight: false,
    async step(ctx) {
      const res = await fetch(`${ctx.origin}/api/v1/cases`, { headers: auth, signal: signal() })
      const { cases } = (await res.json()) as { cases?: { id: string }[] }
      if (res.status !== 200 || !cases) throw new Unexpected(`staff queue: HTTP ${res.status}`)
      const target = cases[ctx.next() % Math.max(cases.length, 1)]
      if (!target) return true
      const patch = await fetch(`${ctx.origin}/api/v1/cases/${target.id}`, {
        method: 'PATCH',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ note: `Crash test note ${ctx.next()}.` }),
        signal: signal(),
      })
      await patch.arrayBuffer()
      if (patch.status !== 200) throw new Unexpected(`staff note: HTTP ${patch.status}`)
      ctx.tally.notes++
      return true
    },
  }
}

/** Who drives the load, and how many of each at once. */
const CROWD: [make: (ctx: DriveContext) => Actor, count: number][] = [
  [webReporter, 3],
  [apiReporter, 2],
  [smsReporter, 6],
  [staffMember, 1],
]

/** Set `killing` just before the SIGKILL: every loop finishes its turn and stops. */
export interface DriveState {
  killing: boolean
}

/** The people mid-way through something when a round ended; they carry on in the next one. */
const waiting: Actor[][] = CROWD.map(() => [])

function unexpected(ctx: DriveContext, what: string) {
  ctx.tally.unexpected++
  if (ctx.tally.samples.length < 10) ctx.tally.samples.push(what)
}

/**
 * Run the crowd until `state.killing`. A request that fails once the kill is under way was cut
 * by it (its sender tries again next round); a failure before that is unexpected, and that
 * person gives up.
 */
export async function drive(ctx: DriveContext, state: DriveState): Promise<void> {
  const loop = async (kind: number) => {
    const make = CROWD[kind]![0]
    let actor = waiting[kind]!.pop() ?? make(ctx)
    while (!state.killing) {
      try {
        if (actor.inFlight) ctx.tally.resent++
        actor.inFlight = true
        const done = await actor.step(ctx)
        actor.inFlight = false
        if (done) actor = make(ctx)
      } catch (err) {
        if (state.killing && !(err instanceof Unexpected)) {
          ctx.tally.cut++
          break
        }
        unexpected(ctx, (err as Error).message)
        actor = make(ctx)
      }
    }
    waiting[kind]!.push(actor)
  }
  await Promise.all(CROWD.flatMap(([, count], kind) => Array.from({ length: count }, () => loop(kind))))
}

/**
 * After the last restart, everyone still mid-way finishes (sending a cut request again first), so
 * that every report started is either acknowledged or was never sent.
 */
export async function finish(ctx: DriveContext): Promise<void> {
  const all = waiting.flatMap((list) => list.splice(0))
  await Promise.all(
    all.map(async (actor) => {
      for (let steps = 0; steps < 20; steps++) {
        try {
          if (actor.inFlight) ctx.tally.resent++
          actor.inFlight = true
          const done = await actor.step(ctx)
          actor.inFlight = false
          if (done) return
        } catch (err) {
          return unexpected(ctx, (err as Error).message)
        }
      }
    }),
  )
}
