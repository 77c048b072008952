/**
 * Voice cases in the console: the case page and the staff API say that an encrypted voice
 * statement exists (count, length, state from the `voice_recording` events) and never carry its
 * audio or sealed bytes; a monitor requests access with what = 'voice', the request is recorded
 * (with its audit row) and reaches the custodian's page. The case is filed by a real call and its
 * recording fetched by the real job from a local fake of Twilio.
 */
import { dayOf } from '../../src/clock.js'
import { describe, expect, it } from 'vitest'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { type TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { newSid } from '../helpers/twilio-sign.js'
import { Caller, reportByPhone } from '../voice/call.js'
import { api, insertCase, login, makeStaff, postForm, type TestStaff } from './setup.js'

const MARKER = 'CONSOLE-VOICE-MARKER-91c2'
const WAV = new TextEncoder().encode(`RIFF....WAVEfmt ${MARKER}${'\0'.repeat(4000)}`)

let twilio: FakeTwilio
let rt: TestRuntime
let monitor: TestStaff
withFakeTwilio(async (t, r) => {
  twilio = t
  rt = r
  monitor = await makeStaff(rt, 'monitor', 'voice-monitor@example.org', { scopes: ['right:*@MX'] })
}, { remoteAddress: '198.51.100.9' })

/** A Spanish call to MX, a 2 min 14 s statement; returns the case. */
async function voiceCase(o: { audio?: boolean } = {}) {
  const call = new Caller(rt)
  const re = newSid('RE')
  if (o.audio !== false) twilio.records.set(re, WAV)
  const r = await reportByPhone(call, { recordingSid: re, seconds: 134, callBack: true })
  const kase = await rt.deps.sql.get<{ id: string; reference: string }>(
    "SELECT id, reference FROM cases WHERE channel = 'voice'",
  )
  return { ...r, call, ...kase! }
}

/** The `<section id="voice">` of a case page, tags stripped. */
function voiceSection(html: string): string | undefined {
  const m = /<section id="voice"[^>]*>([\s\S]*?)<\/section>/.exec(html)
  return m?.[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')
}

/** Every key anywhere in a JSON value. */
const keysOf = (v: unknown): string[] =>
  v && typeof v === 'object'
    ? Object.entries(v).flatMap(([k, x]) => [...(Array.isArray(v) ? [] : [k]), ...keysOf(x)])
    : []

describe('voice statements in the console', () => {
  it('shows the statement and its state, never its bytes; voice access reaches the custodian', async () => {
    const k = await voiceCase()
    const session = await login(rt, monitor)
    const page = async () =>
      (await rt.app.request(`/console/cases/${k.id}`, { headers: { cookie: session.cookie } }))
        .text()

    expect(voiceSection(await page())).toMatch(
      /voice statement.*2 min 14 s · waiting to be fetched/i,
    )
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const html = await page()
    const section = voiceSection(html)
    expect(section).toMatch(/voice statement/i)
    expect(section).toContain('Recordings: 1')
    expect(section).toMatch(/Statement · 2 min 14 s · stored, sealed to the custodian/)
    expect(html).toMatch(/<option value="voice">Voice statement<\/option>/)
    expect(html).toMatch(/Voice recording · stored/) // the timeline
    expect(html).not.toContain(MARKER)

    const res = await api(rt, 'GET', `/api/v1/cases/${k.id}`, monitor.token)
    expect(res.status).toBe(200)
    const text = await res.text()
    const body = JSON.parse(text) as { case: { voice: unknown[] } }
    expect(body.case.voice).toEqual([
      { purpose: 'statement', durationS: 134, state: 'stored', at: dayOf(rt.clock.now()) },
    ])
    expect(keysOf(body).filter((key) => /audio|sealed|part|blob/i.test(key))).toEqual([])
    const sealed = await rt.deps.sql.get<{ audio_sealed: Uint8Array }>(
      "SELECT audio_sealed FROM voice_recordings WHERE purpose = 'statement'",
    )
    const head = Buffer.from(sealed!.audio_sealed.subarray(0, 24))
    for (const enc of ['base64', 'hex', 'base64url'] as const)
      expect(text).not.toContain(head.toString(enc))
    expect(text).not.toContain(MARKER)
    expect(text).not.toMatch(/identity_sealed|audio_sealed/)

    const reason = 'We need to hear the statement to identify the plant.'
    const post = await postForm(rt, `/console/cases/${k.id}/access`, session, {
      what: 'voice',
      reason,
    })
    expect(post.status).toBe(303)
    expect(post.headers.get('location')).toBe(`/console/cases/${k.id}?done=access`)
    const req = await rt.deps.sql.get<{ what: string; reason: string; requested_by: string }>(
      'SELECT what, reason, requested_by FROM access_requests WHERE case_id = ?',
      k.id,
    )
    expect(req).toEqual({ what: 'voice', reason, requested_by: monitor.id })
    const audit = await rt.deps.sql.get<{ data: string }>(
      "SELECT data FROM audit_log WHERE action = 'access_request' AND case_id = ?",
      k.id,
    )
    expect(JSON.parse(audit!.data)).toMatchObject({ what: 'voice' })
    expect(await page()).toMatch(/Voice statement · \d{4}-\d{2}-\d{2} · Pending/)

    const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    const cs = await login(rt, custodian)
    const cpage = await (
      await rt.app.request('/console/custodian', { headers: { cookie: cs.cookie } })
    ).text()
    expect(cpage).toContain(`${k.reference} · Voice statement`)
    expect(cpage).toContain(reason)
    expect(cpage).toContain('voice open')
  })

  it('says when Twilio lost the recording; a case without voice shows nothing of it', async () => {
    const k = await voiceCase({ audio: false })
    await k.call.recordingStatus(k.record, k.recordingSid, 'absent')
    const res = await api(rt, 'GET', `/api/v1/cases/${k.id}`, monitor.token)
    const body = (await res.json()) as { case: { voice: { state: string }[] } }
    expect(body.case.voice).toEqual([
      { purpose: 'statement', durationS: null, state: 'missing', at: dayOf(rt.clock.now()) },
    ])
    const session = await login(rt, monitor)
    const html = await (
      await rt.app.request(`/console/cases/${k.id}`, { headers: { cookie: session.cookie } })
    ).text()
    expect(voiceSection(html)).toMatch(/Statement · missing \(Twilio reported no audio\)/)
    expect(html).not.toMatch(/<option value="voice">/) // nothing the custodian could open

    const web = await insertCase(rt)
    const webHtml = await (
      await rt.app.request(`/console/cases/${web.id}`, { headers: { cookie: session.cookie } })
    ).text()
    expect(webHtml).not.toContain('id="voice"')
    const webRes = await api(rt, 'GET', `/api/v1/cases/${web.id}`, monitor.token)
    expect(((await webRes.json()) as { case: { voice: unknown[] } }).case.voice).toEqual([])
  })
})
