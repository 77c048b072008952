/**
 * Fuzz: the Twilio webhooks (POST /twilio/sms, /twilio/whatsapp, /twilio/voice and its sub-paths, /twilio/status),
 * correctly signed (by the twilio package, test/helpers/twilio-sign) and unsigned or badly signed,
 * with random and repeated MessageSid/CallSid values, random parameters, and every body problem
 * of arbitraries.ts. Voice calls follow the TwiML they get back (a random walk through the IVR),
 * so generated calls reach deep steps. Signed requests may legitimately start conversations, file
 * cases and queue erasure jobs; refused ones (4xx) store nothing at all.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anyText, formBody, headerText, postInit, wellFormed, type Fields, type Raw } from './arbitraries.js'
import { expectAllSent, assertSent, startFuzz, timeoutFor, type Fuzz, type Property } from './harness.js'
import { expectedSignature, type Params } from '../helpers/twilio-sign.js'

const hex32 = fc.stringMatching(/^[0-9a-f]{32}$/)
/** A sid: one of a few (so deliveries repeat), a fresh one, another resource's, or not a sid. */
const sidOf = (prefix: string) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(0, 1, 2, 3, 4).map((i) => `${prefix}${String(i).repeat(32)}`) },
    { weight: 4, arbitrary: hex32.map((h) => prefix + h) },
    { weight: 1, arbitrary: hex32.map((h) => `XX${h}`) },
    {
      weight: 1,
      arbitrary: fc.oneof(anyText, fc.constantFrom(prefix, `${prefix}${'0'.repeat(31)}`, `${prefix}${'A'.repeat(32)}`)),
    },
  )
/** A caller: one of a few (conversations go on), another number, WhatsApp, withheld, junk. */
const phone = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('+5214775550101', '+5214775550102', '+2250707070707', '+15125550103') },
  { weight: 2, arbitrary: fc.stringMatching(/^\+[1-9]\d{7,14}$/) },
  { weight: 1, arbitrary: fc.constantFrom('whatsapp:+5214775550101', 'anonymous', '+266696687', '', '12345') },
  { weight: 1, arbitrary: anyText },
)
const ACCOUNT = `AC${'0'.repeat(32)}`
const API = 'https://api.twilio.com/2010-04-01'
/** Words a worker texts: menu choices, keywords in three languages, receipts, a report, junk. */
const smsBody = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      ...['HOLA', 'hola', 'BONJOUR', 'HELLO', '1', '2', '3', '4', 'SI', 'OUI', 'NO', 'STOP', 'ARRET'],
      ...['START', 'HELP', 'AYUDA', 'AIDE', 'ESTADO', 'STATUS 1234 5678 9012 3456', 'MX', 'Planta 2'],
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'No nos pagan las horas extra desde marzo.',
      'On nous menace si on parle du syndicat. Mon numéro: 07 08 09 10 11',
    ),
  },
  { weight: 2, arbitrary: fc.stringMatching(/^(ESTADO|STATUS|STATUT) \d{16}( .{0,20})?$/) },
  { weight: 3, arbitrary: anyText },
)
/** A report by SMS in each language, message by message (test/sms/conversation.test.ts). */
const SCRIPTS = {
  es: ['HOLA', 'OK', '5', 'Autopartes del Bajío', 'Silao', 'Nos pagan menos del mínimo.', 'LISTO', 'no', 'ESTADO'],
  fr: ['Bonjour', 'OK', '3', 'Coopérative de Soubré', 'Soubré', 'Des enfants portent les sacs. FINI', 'OUI', 'STATUT'],
  en: ['Hello', 'OK', '2', '7', 'Sunrise Packing LLC', 'Yakima', 'No water on the line.', 'done', 'Yes please', 'STATUS'],
}

/** Keys pressed: one key, several, none, or not keys at all. */
const digits = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#') },
  { weight: 2, arbitrary: fc.stringMatching(/^[0-9*#]{0,20}$/) },
  { weight: 1, arbitrary: anyText },
)

/** Now and then a parameter Twilio never sends. */
const extraParams = fc.dictionary(fc.oneof(anyText, fc.constantFrom('__proto__', 'constructor')), anyText, {
  maxKeys: 2,
})

/** Parameters that are well-formed strings (what arrives after encoding), without empty names. */
function clean(p: Record<string, string | undefined>): Params {
  const out: Params = Object.create(null)
  for (const [k, v] of Object.entries(p)) {
    if (v !== undefined && k !== '') out[wellFormed(k)] = wellFormed(v)
  }
  return out
}

const smsParams = fc
  .record(
    {
      MessageSid: sidOf('SM'),
      From: phone,
      To: fc.constantFrom('12345', '+525555550000', '+2252020202020'),
      Body: smsBody,
      FromCountry: fc.constantFrom('MX', 'CI', 'US', '', 'ZZ'),
      ToCountry: fc.constantFrom('MX', 'CI', 'US', ''),
      FromCity: fc.constantFrom('LEON', 'ABIDJAN', ''),
      NumMedia: fc.constantFrom('0', '1', '2', '-1', 'x'),
      MediaUrl0: fc.constantFrom(`${API}/Accounts/${ACCOUNT}/Messages/MM/Media/ME`, 'javascript:alert(1)'),
      MediaContentType0: fc.constantFrom('image/jpeg', 'audio/ogg', 'text/html'),
      AccountSid: fc.constantFrom(ACCOUNT, `AC${'1'.repeat(32)}`, ''),
    },
    { requiredKeys: ['MessageSid', 'From', 'Body'] },
  )
  .chain((p) => fc.tuple(fc.constant(p), extraParams, fc.boolean()))
  .map(([p, extra, mirror]) =>
    clean({ ...extra, ...p, ...(mirror ? { SmsSid: p.MessageSid, SmsMessageSid: p.MessageSid } : {}) }),
  )

const VOICE_STEPS = [
  ...['', '/lang', '/menu', '/problem', '/recorded', '/workers', '/callback', '/receipt'],
  ...['/check', '/reply', '/answered', '/recording', '/status', '/nope'],
]
/** A voice URL Twilio was never given: any step, random turn numbers and query values. */
const voicePath = fc
  .record(
    {
      step: fc.constantFrom(...VOICE_STEPS),
      n: fc.oneof(fc.nat({ max: 20 }).map(String), fc.constantFrom('-1', '1e9', 'x', '')),
      l: fc.constantFrom('es', 'fr', 'en', 'de', ''),
      r: fc.constantFrom('0', '1', '2', '99', '-1', 'x'),
      p: fc.constantFrom('0', '1', '2', '9', 'x'),
      t: fc.constantFrom('1', ''),
    },
    { requiredKeys: ['step'] },
  )
  .map(({ step, ...q }) => {
    const given = Object.entries(q).filter(([, v]) => v !== undefined) as [string, string][]
    const search = new URLSearchParams(given).toString()
    return `/twilio/voice${step}${search ? `?${search}` : ''}`
  })

const voiceParams = fc
  .record(
    {
      CallSid: sidOf('CA'),
      From: phone,
      To: fc.constantFrom('+525555550000', '+2252020202020', '+18005550100'),
      Digits: digits,
      ToCountry: fc.constantFrom('MX', 'CI', 'US', ''),
      CallStatus: fc.oneof(
        fc.constantFrom('ringing', 'in-progress', 'completed', 'busy', 'failed', 'no-answer', 'canceled'),
        anyText,
      ),
      RecordingSid: sidOf('RE'),
      RecordingUrl: fc.constantFrom(`${API}/Accounts/${ACCOUNT}/Recordings/RE${'0'.repeat(32)}`, 'http://x/', ''),
      RecordingDuration: fc.oneof(fc.nat({ max: 400 }).map(String), fc.constantFrom('-5', 'x', '1e300', '')),
      RecordingStatus: fc.oneof(fc.constantFrom('completed', 'absent', 'failed', 'in-progress'), anyText),
      AccountSid: fc.constantFrom(ACCOUNT, ''),
    },
    { requiredKeys: ['CallSid'] },
  )
  .chain((p) => fc.tuple(fc.constant(p), extraParams))
  .map(([p, extra]) => clean({ ...extra, ...p }))

const statusParams = fc
  .record(
    {
      MessageSid: sidOf('SM'),
      SmsSid: sidOf('MM'),
      MessageStatus: fc.oneof(
        fc.constantFrom('queued', 'sent', 'delivered', 'undelivered', 'failed', 'read'),
        anyText,
      ),
      SmsStatus: fc.constantFrom('sent', 'delivered', ''),
      ErrorCode: fc.constantFrom('30003', '', 'x'),
      AccountSid: fc.constantFrom(ACCOUNT, ''),
    },
    { requiredKeys: [] },
  )
  .chain((p) => fc.tuple(fc.constant(p), extraParams))
  .map(([p, extra]) => clean({ ...extra, ...p }))

/** A signed request's body: mostly as Twilio sends it, sometimes multipart or malformed. */
const signedBody = (params: fc.Arbitrary<Params>) =>
  params.chain((p) => {
    const fields: Fields = Object.create(null)
    for (const [k, v] of Object.entries(p)) fields[k] = [v]
    return fc.tuple(fc.constant(p), formBody(fc.constant(fields), 256 * 1024))
  })

/** What is wrong with an unsigned or badly signed request's signature. */
const BAD_SIGNATURES = ['none', 'empty', 'random', 'other-params', 'other-path', 'other-token'] as const
type BadSignature = (typeof BAD_SIGNATURES)[number]

/** Parameters as Twilio sends them: urlencoded. */
const asTwilioSends = (p: Params): Raw => ({
  type: 'application/x-www-form-urlencoded',
  body: new URLSearchParams(p).toString(),
})

describe('fuzz: Twilio webhooks', () => {
  let fuzz: Fuzz
  let sign: (path: string, params: Params, token?: string) => string
  beforeAll(async () => {
    fuzz = await startFuzz()
    const { config } = fuzz.rt
    sign = (path, params, token = config.twilioAuthToken!) =>
      expectedSignature(path, params, { baseUrl: config.publicBaseUrl, authToken: token })
  })
  afterAll(() => {
    console.log(fuzz.summary('Twilio webhooks'))
    fuzz.close()
  })

  const TWILIO = { refusal: 'any' } as const

  /** POST with a correct signature over the URL and the parameters (whatever the encoding). */
  const sendSigned = (p: Property, path: string, params: Params, raw: Raw) =>
    fuzz.send(p, path, postInit(raw, { 'x-twilio-signature': sign(path, params) }, undefined), TWILIO)

  /** POST with a missing or wrong signature: always refused, and nothing written. */
  async function sendBadlySigned(
    p: Property,
    path: string,
    [params, raw]: [Params, Raw],
    bad: BadSignature,
    junk: string,
  ) {
    const signature = {
      none: undefined,
      empty: '',
      random: junk,
      'other-params': sign(path, { ...params, Body: `${params.Body ?? ''}!` }),
      'other-path': sign(`${path}/x`, params),
      'other-token': sign(path, params, 'a'.repeat(32)),
    }[bad]
    const headers: Record<string, string> = signature === undefined ? {} : { 'x-twilio-signature': signature }
    const res = await fuzz.send(p, path, postInit(raw, headers, undefined), TWILIO)
    // By size first (413); a signature header with a body that does not parse is a 400.
    expect([400, 403, 413], `${path} with a ${bad} signature`).toContain(res.status)
  }

  const p1: Property = 'twilio.sms.signed'
  it('POST /twilio/sms, signed: conversations following a report script, bent at random', { timeout: timeoutFor(p1) }, async () => {
    // One sender per conversation; each scripted message is sent as is, replaced, delivered twice
    // (the same MessageSid), or preceded by a random message; each with random other parameters.
    const how = fc.constantFrom('keep', 'keep', 'keep', 'keep', 'replace', 'retry', 'insert')
    const step = fc.tuple(how, smsBody, signedBody(smsParams), hex32)
    const conversation = fc.tuple(
      fc.constantFrom(...(Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[])),
      fc.oneof(phone, fc.stringMatching(/^\+[1-9]\d{9,12}$/)),
      fc.array(step, { minLength: 1, maxLength: 10 }),
      fc.constantFrom(false, false, false, true),
    )
    await assertSent(
      fuzz,
      p1,
      fc.asyncProperty(conversation, async ([lang, from, steps, asIs]) => {
        const script = SCRIPTS[lang]
        // Twilio's geo fields as the script expects them (the English one is asked its country).
        const geo = { es: 'MX', fr: 'CI', en: '' }[lang]
        let last: Params | undefined
        for (const [i, [how, other, [params, raw], fresh]] of steps.entries()) {
          const say = async (body: string) => {
            const p = clean({ ...params, From: from, Body: body, FromCountry: geo, ToCountry: geo })
            // A new message has a new MessageSid, unless the generated one is not a sid at all.
            if (/^SM[0-9a-f]{32}$/.test(p.MessageSid ?? '')) {
              p.MessageSid = p.SmsSid = p.SmsMessageSid = `SM${fresh}`
            }
            // Mostly as Twilio sends it; `asIs` keeps the generated encoding (multipart, broken…).
            await sendSigned(p1, '/twilio/sms', p, asIs ? raw : asTwilioSends(p))
            last = p
          }
          if (how === 'insert') await say(other)
          if (how === 'retry' && last) await sendSigned(p1, '/twilio/sms', last, asTwilioSends(last))
          await say(how === 'replace' ? other : script[i % script.length]!)
        }
      }),
      6, // requests per run, on average
    )
  })

  const p2: Property = 'twilio.sms.unsigned'
  it('POST /twilio/sms, unsigned or badly signed', { timeout: timeoutFor(p2) }, async () => {
    await assertSent(
      fuzz,
      p2,
      fc.asyncProperty(signedBody(smsParams), fc.constantFrom(...BAD_SIGNATURES), headerText, async (req, bad, junk) => {
        await sendBadlySigned(p2, '/twilio/sms', req, bad, junk)
      }),
    )
  })

  /** The callback URLs in a TwiML answer, as paths (where Twilio would go next). */
  function nextPaths(twiml: string): string[] {
    const base = fuzz.rt.config.publicBaseUrl
    const callbacks = /(?:action|recordingStatusCallback)="([^"]+)"|<Redirect[^>]*>([^<]+)<\/Redirect>/g
    const urls = [...twiml.matchAll(callbacks)]
      .map((m) => (m[1] ?? m[2] ?? '').replace(/&amp;/g, '&'))
      .filter((u) => u.startsWith(base))
    return urls.map((u) => u.slice(base.length))
  }

  const p3: Property = 'twilio.voice.signed'
  it('POST /twilio/voice and its sub-paths, signed: random walks through the IVR', { timeout: timeoutFor(p3) }, async () => {
    // A call: up to six steps, each to a URL of the last answer (now and then anywhere else).
    const wander = fc.constantFrom(false, false, false, false, true)
    const step = fc.tuple(fc.nat(), wander, voicePath, signedBody(voiceParams))
    const walk = fc.tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant('/twilio/voice') }, { weight: 1, arbitrary: voicePath }),
      fc.array(step, { minLength: 1, maxLength: 6 }),
      sidOf('CA'),
      phone,
    )
    await assertSent(
      fuzz,
      p3,
      fc.asyncProperty(walk, async ([first, steps, callSid, from]) => {
        let path = first
        for (const [pick, wander, elsewhere, [params, raw]] of steps) {
          // The same call throughout, mostly (its state is what the walk explores).
          const same = raw.type === 'application/x-www-form-urlencoded' && pick % 5 !== 0
          const p = same ? clean({ ...params, CallSid: callSid, From: from }) : params
          const res = await sendSigned(p3, path, p, same ? asTwilioSends(p) : raw)
          const next = nextPaths(res.text)
          path = next.length > 0 && !wander ? next[pick % next.length]! : elsewhere
        }
      }),
      3, // requests per run, on average
    )
  })

  const p4: Property = 'twilio.voice.unsigned'
  it('POST /twilio/voice and its sub-paths, unsigned or badly signed', { timeout: timeoutFor(p4) }, async () => {
    await assertSent(
      fuzz,
      p4,
      fc.asyncProperty(
        voicePath,
        signedBody(voiceParams),
        fc.constantFrom(...BAD_SIGNATURES),
        headerText,
        async (path, req, bad, junk) => {
          await sendBadlySigned(p4, path, req, bad, junk)
        },
      ),
    )
  })

  const p5: Property = 'twilio.status'
  it('POST /twilio/status, signed and not', { timeout: timeoutFor(p5) }, async () => {
    await assertSent(
      fuzz,
      p5,
      fc.asyncProperty(
        signedBody(statusParams),
        fc.option(fc.constantFrom(...BAD_SIGNATURES), { freq: 3 }),
        headerText,
        async (req, bad, junk) => {
          if (bad === null) await sendSigned(p5, '/twilio/status', ...req)
          else await sendBadlySigned(p5, '/twilio/status', req, bad, junk)
        },
      ),
    )
  })

  const p6: Property = 'twilio.whatsapp.signed'
  it('POST /twilio/whatsapp, signed: WhatsApp conversations with random media, bent at random', { timeout: timeoutFor(p6) }, async () => {
    // Twilio's WhatsApp fields; media well-formed (a voice note, a picture…) or not.
    const media = fc.oneof(
      { weight: 5, arbitrary: fc.constant(undefined) },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constantFrom('audio/ogg', 'audio/amr', 'image/jpeg', 'video/mp4', 'application/pdf', ''),
          me: hex32,
          num: fc.constantFrom('1', '1', '1', '2', '0', 'x'),
          url: fc.constantFrom('twilio', 'twilio', 'other', 'junk'),
        }),
      },
    )
    const step = fc.tuple(fc.constantFrom('keep', 'keep', 'keep', 'keep', 'keep', 'replace', 'retry'), smsBody, media, hex32, signedBody(smsParams))
    const conversation = fc.tuple(
      fc.constantFrom(...(Object.keys(SCRIPTS) as (keyof typeof SCRIPTS)[])),
      // Mostly a fresh number of the script's country (a conversation of its own), sometimes a shared one.
      fc.oneof(
        { weight: 3, arbitrary: fc.stringMatching(/^\d{10}$/) },
        { weight: 1, arbitrary: fc.constantFrom('shared') },
      ),
      fc.oneof(fc.constantFrom('María López', ''), anyText),
      fc.array(step, { minLength: 8, maxLength: 14 }),
    )
    await assertSent(
      fuzz,
      p6,
      fc.asyncProperty(conversation, async ([lang, national, profileName, steps]) => {
        const script = SCRIPTS[lang]
        const code = { es: '+521', fr: '+225', en: '+1' }[lang]
        const number = national === 'shared' ? '+5214775550101' : `${code}${national}`
        let last: Params | undefined
        let next = 0 // the script's next message (a media message does not take its place)
        for (const [i, [how, other, m, fresh, [extra]]] of steps.entries()) {
          if (how === 'retry' && last) {
            await sendSigned(p6, '/twilio/whatsapp', last, asTwilioSends(last))
            continue
          }
          const sid = `${m ? 'MM' : 'SM'}${fresh}`
          const url = !m
            ? undefined
            : { twilio: `${API}/Accounts/${ACCOUNT}/Messages/${sid}/Media/ME${m.me}`, other: `https://example.org/ME${m.me}`, junk: m.me }[m.url]
          const p = clean({
            ...(i % 3 === 0 ? extra : {}),
            MessageSid: sid,
            SmsSid: sid,
            SmsMessageSid: sid,
            AccountSid: ACCOUNT,
            From: `whatsapp:${number}`,
            To: 'whatsapp:+14155238886',
            WaId: number.slice(1),
            ProfileName: profileName,
            Body: how === 'replace' ? other : m ? '' : script[next++ % script.length]!,
            NumMedia: m ? m.num : '0',
            MediaUrl0: url,
            MediaContentType0: m?.type,
          })
          await sendSigned(p6, '/twilio/whatsapp', p, asTwilioSends(p))
          last = p
        }
      }),
      11, // requests per run, on average
    )
  })

  it('sent every generated request and still answers /health', async () => {
    await fuzz.health()
    expectAllSent(fuzz, [p1, p2, p3, p4, p5, p6])
  })
})
