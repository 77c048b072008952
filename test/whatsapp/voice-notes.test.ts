/**
 * WhatsApp voice notes after filing: monitors see that a voice note exists and how long it is,
 * never its bytes, and ask for access as for calls; the retried job survives Twilio's failures
 * (a failed download, "cannot delete yet"), and media Twilio no longer has is shown as missing.
 * Replies on WhatsApp are erased like SMS replies once Twilio reports them read.
 */
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import { requestAccess } from '../../src/cases/staff-actions.js'
import { addStaff } from '../../src/staff/accounts.js'
import { cli } from '../helpers/cli.js'
import { oggOpusSeconds, silentVoiceNote } from '../../src/channels/whatsapp/ogg.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { api, login, makeStaff, postForm } from '../console/setup.js'
import type { TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { newSid, twilioRequest } from '../helpers/twilio-sign.js'
import { receiptIn } from '../sms/phone.js'
import { WhatsApp } from './phone.js'

describe('the Ogg Opus reader', () => {
  it('reads the length of a voice note, and nothing from other bytes', () => {
    for (const s of [1, 42, 125]) expect(oggOpusSeconds(silentVoiceNote(s))).toBe(s)
    expect(oggOpusSeconds(new TextEncoder().encode('#!AMR\n....'))).toBeUndefined()
    expect(oggOpusSeconds(silentVoiceNote(3).subarray(0, 30))).toBeUndefined()
  })
})

describe('voice notes after filing', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  }, { remoteAddress: '198.51.100.9' })

  /** A Spanish WhatsApp report with one voice note; returns the case and the note's sids. */
  async function reportWithNote(audio = silentVoiceNote(42), type = 'audio/ogg') {
    const wa = new WhatsApp(rt, '+5214775550150', 'Brenda Solís', twilio)
    for (const m of ['Hola', 'OK', '5', 'Autopartes SA', 'Silao']) await wa.say(m)
    const note = await wa.send({ media: { type, bytes: audio } })
    await wa.say('LISTO')
    const receipt = receiptIn(await wa.say('NO'))
    const me = /Media\/(ME[0-9a-f]{32})$/.exec(note.params.MediaUrl0!)![1]!
    const kase = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases'))!
    return { wa, receipt, caseId: kase.id, messageSid: note.sid, mediaSid: me }
  }

  it('shows monitors the voice note and its length, never its bytes; access is requested as for calls', async () => {
    const monitor = await makeStaff(rt, 'monitor', 'wa-monitor@example.org', { scopes: ['right:*@MX'] })
    const k = await reportWithNote()
    const session = await login(rt, monitor)
    const page = async () =>
      (await rt.app.request(`/console/cases/${k.caseId}`, { headers: { cookie: session.cookie } })).text()
    expect(await page()).toMatch(/WhatsApp voice note · waiting to be fetched/i)
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const html = await page()
    expect(html).toMatch(/\[nota de voz 1\]/) // the marker in the story
    expect(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).toMatch(
      /WhatsApp voice note · 0 min 42 s · stored, sealed to the custodian/,
    )
    const res = await api(rt, 'GET', `/api/v1/cases/${k.caseId}`, monitor.token)
    const text = await res.text()
    expect(text).not.toMatch(/audio_sealed|OggS|T2dnUw/) // no bytes, raw or base64
    const body = JSON.parse(text) as { case: { voice: unknown[]; channel: string } }
    expect(body.case.channel).toBe('whatsapp')
    expect(body.case.voice).toEqual([
      { purpose: 'voice_note', durationS: 42, state: 'stored', at: expect.any(Number) },
    ])
    const post = await postForm(rt, `/console/cases/${k.caseId}/access`, session, {
      what: 'voice',
      reason: 'We need to hear the voice note to find the plant.',
    })
    expect(post.status).toBe(303)
    const req = await rt.deps.sql.get<{ what: string }>('SELECT what FROM access_requests WHERE case_id = ?', k.caseId)
    expect(req?.what).toBe('voice')
  })

  it('retries a failed download and a message Twilio cannot delete yet', async () => {
    const k = await reportWithNote()
    twilio.failingDownloads.set(k.mediaSid, 1)
    twilio.notYetDeletable.set(k.messageSid, 1)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 0, retried: 1 })
    rt.clock.advance(2 * 60_000)
    // The note is stored and its media deleted; the message refuses deletion once.
    expect(await runDueJobs(rt.deps, jobHandlers, 100)).toMatchObject({ retried: 1 })
    expect(twilio.media.size).toBe(0)
    expect(twilio.records.has(k.messageSid)).toBe(true)
    rt.clock.advance(5 * 60_000)
    await runDueJobs(rt.deps, jobHandlers, 100)
    expect(twilio.records.has(k.messageSid)).toBe(false)
    const rows = await rt.deps.sql.all<{ sealed: number }>('SELECT audio_sealed IS NOT NULL AS sealed FROM voice_recordings')
    expect(rows).toEqual([{ sealed: 1 }])
    const gets = twilio.requests.filter((r) => r.method === 'GET' && r.path.endsWith(k.mediaSid))
    expect(gets).toHaveLength(2)
  })

  it('records a voice note Twilio no longer has as missing', async () => {
    const k = await reportWithNote()
    twilio.media.clear()
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    expect((await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM voice_recordings'))?.n).toBe(0)
    const ev = await rt.deps.sql.all<{ data: string }>("SELECT data FROM case_events WHERE kind = 'voice_recording'")
    expect(ev.map((e) => JSON.parse(e.data).state)).toContain('missing')
  })

  it('keeps a voice note of another audio type, without a length', async () => {
    const amr = new TextEncoder().encode('#!AMR\n' + 'x'.repeat(500))
    await reportWithNote(amr, 'audio/amr')
    await runDueJobs(rt.deps, jobHandlers)
    const rec = await rt.deps.sql.get<{ duration_s: number | null; sealed: number }>(
      'SELECT duration_s, audio_sealed IS NOT NULL AS sealed FROM voice_recordings',
    )
    expect(rec).toEqual({ duration_s: null, sealed: 1 })
  })

  it('erases a WhatsApp reply once Twilio reports it read', async () => {
    const sid = newSid('SM')
    twilio.records.set(sid, null)
    const res = await twilioRequest(
      rt.app,
      '/twilio/status',
      { MessageSid: sid, MessageStatus: 'read', ChannelToAddress: '+5214775550150', To: 'whatsapp:+5214775550150', From: 'whatsapp:+14155238886', AccountSid: twilio.accountSid, ApiVersion: '2010-04-01' },
      { baseUrl: rt.config.publicBaseUrl, authToken: rt.config.twilioAuthToken! },
    )
    expect(res.status).toBe(204)
    rt.clock.advance(61_000)
    await runDueJobs(rt.deps, jobHandlers)
    expect(twilio.records.has(sid)).toBe(false)
  })

  it('the custodian opens the voice note offline, byte for byte, as an .ogg file', async () => {
    rt.clock.t = Date.now() // the CLI runs on the real clock
    const audio = silentVoiceNote(42)
    const k = await reportWithNote(audio)
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const admin = { id: await addStaff(rt.deps, { email: 'a@example.org', role: 'admin' }), role: 'admin', email: 'a@example.org', via: 'token' } as const
    const custodian = { id: await addStaff(rt.deps, { email: 'c@example.org', role: 'custodian' }), role: 'custodian', email: 'c@example.org', via: 'token' } as const
    const req = await requestAccess(rt.deps, admin, k.caseId, 'voice', 'To hear the voice note.')
    await decideAccess(rt.deps, custodian, req, 'approved', 'Needed.')
    const ref = (await rt.deps.sql.get<{ reference: string }>('SELECT reference FROM cases'))!.reference
    const out = join(rt.dir, 'opened')
    const r = await cli(['voice', 'open', '--key', join(rt.dir, 'custodian.key'), '--case', ref, '--out', out], { dir: rt.dir })
    expect(r.code, r.out).toBe(0)
    const file = join(out, '1-voice_note.ogg')
    expect(r.out).toContain('voice_note (42 s)')
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(audio))).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })
})
