import { describe, expect, it } from 'vitest'
import {
  openAudio,
  openCaseRecordings,
  PART_BYTES,
  sealedRecordings,
} from '../../src/channels/voice/recording.js'
import { decodeBase64 } from '../../src/config.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { purgeExpired } from '../../src/privacy/retention.js'
import { custodianKey, makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { newSid } from '../helpers/twilio-sign.js'
import { Caller, reportByPhone } from './call.js'

/** A small WAV-looking body with a marker the privacy checks look for. */
function wav(bytes: number, marker = 'VOICE-MARKER-7f3a'): Uint8Array {
  const out = new Uint8Array(bytes)
  out.set(new TextEncoder().encode(`RIFF....WAVEfmt ${marker}`))
  for (let i = 64; i < bytes; i++) out[i] = (i * 31) % 251
  return out
}

const pending = async (rt: TestRuntime) =>
  (
    await rt.deps.sql.all<{ kind: string }>(
      'SELECT kind FROM jobs WHERE done_at IS NULL ORDER BY kind',
    )
  ).map((j) => j.kind)

function open(rt: TestRuntime, parts: Uint8Array[]): Uint8Array {
  return openAudio(
    rt.sodium,
    parts,
    rt.config.custodianPublicKey,
    decodeBase64(custodianKey(rt))!,
  )
}

describe('recording job against a local fake of Twilio REST', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  it('downloads, seals, stores, then deletes recording and call; retries on failure', async () => {
    const call = new Caller(rt)
    const audio = wav(40_000)
    const re = newSid('RE')
    twilio.records.set(re, audio)
    twilio.records.set(call.callSid, null)
    twilio.failingDownloads.set(re, 2)
    twilio.notYetDeletable.set(call.callSid, 1) // the call is still in progress at first

    const { record } = await reportByPhone(call, { recordingSid: re })
    // Filing disarmed the guards on the call and the recording: the fetch job owns them now.
    expect(await pending(rt)).toEqual(['recording.fetch'])
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    const [before] = await sealedRecordings(rt.deps.sql, kase!.id)
    expect(before).toMatchObject({ purpose: 'statement', durationS: 134, parts: [] })

    await call.recordingStatus(record, re, 'completed')
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 0, retried: 1 }) // 500
    rt.clock.advance(60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 0, retried: 1 }) // 500
    rt.clock.advance(120_000)
    // Stored; the call record answers 20009 (still in progress).
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 0, retried: 1 })
    expect(twilio.records.has(re)).toBe(false)
    expect(twilio.records.has(call.callSid)).toBe(true)
    rt.clock.advance(240_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 1, retried: 0 })
    expect(twilio.records.has(call.callSid)).toBe(false)

    const gets = twilio.requests.filter((r) => r.method === 'GET')
    expect(gets.map((r) => r.path)).toEqual(
      Array(3).fill(`/2010-04-01/Accounts/${twilio.accountSid}/Recordings/${re}.wav`),
    )
    expect(twilio.requests.every((r) => r.authorized)).toBe(true)

    const [after] = await sealedRecordings(rt.deps.sql, kase!.id)
    expect(after!.parts).toHaveLength(1)
    expect(Buffer.from(open(rt, after!.parts)).equals(Buffer.from(audio))).toBe(true)
    const events = await rt.deps.sql.all<{ data: string }>(
      "SELECT data FROM case_events WHERE kind = 'voice_recording' ORDER BY at, data",
    )
    expect(events.map((e) => JSON.parse(e.data).state).sort()).toEqual(['pending', 'stored'])
    expect(rt.writtenBytes().includes('VOICE-MARKER-7f3a')).toBe(false)
  })

  it('stores a long statement in parts under D1’s value limit and opens it whole', async () => {
    const call = new Caller(rt)
    const audio = wav(2 * PART_BYTES + 12_345)
    const re = newSid('RE')
    twilio.records.set(re, audio)
    await reportByPhone(call, { recordingSid: re, seconds: 300 })
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    const recs = await sealedRecordings(rt.deps.sql, kase!.id)
    expect(recs).toHaveLength(1)
    expect(recs[0]!.parts.map((p) => p.length <= PART_BYTES)).toEqual([true, true, true])
    const keys = {
      publicKey: rt.config.custodianPublicKey,
      privateKey: decodeBase64(custodianKey(rt))!,
    }
    const [opened] = await openCaseRecordings(rt.deps.sql, rt.sodium, kase!.id, keys)
    expect(opened).toMatchObject({ purpose: 'statement', durationS: 300 })
    expect(Buffer.from(opened!.audio!).equals(Buffer.from(audio))).toBe(true)
  })

  it('erases everything at Twilio when the caller hangs up before the receipt', async () => {
    const call = new Caller(rt)
    const re = newSid('RE')
    twilio.records.set(re, wav(1000))
    twilio.records.set(call.callSid, null)
    const record = await call.press(
      await call.press(await call.press(await call.start(), '1'), '1'),
      '3',
    )
    await call.record(record, re, 40) // then the line goes dead
    await call.recordingStatus(record, re, 'completed')
    expect(await pending(rt)).toEqual(['twilio.delete', 'twilio.delete'])
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ attempted: 0 })

    rt.clock.advance(30 * 60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 2, done: 2, retried: 0 })
    expect(twilio.records.size).toBe(0)
    expect(twilio.requests.some((r) => r.method === 'GET')).toBe(false) // never downloaded
    expect(await rt.deps.sql.get('SELECT 1 FROM cases')).toBeUndefined()
    rt.clock.advance(2 * 3_600_000)
    await purgeExpired(rt.deps)
    expect(await rt.deps.sql.get('SELECT 1 FROM voice_calls')).toBeUndefined()
  })

  it('with the call-status callback, erases an unfiled call at once, drops its row', async () => {
    const call = new Caller(rt)
    const re = newSid('RE')
    twilio.records.set(re, wav(1000))
    twilio.records.set(call.callSid, null)
    const record = await call.press(
      await call.press(await call.press(await call.start(), '3'), '1'),
      '2',
    )
    await call.record(record, re, 40)
    await call.hangUp()
    expect(await rt.deps.sql.get('SELECT 1 FROM voice_calls')).toBeUndefined()
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 2, done: 2, retried: 0 })
    expect(twilio.records.size).toBe(0)
  })

  it('an absent recording leaves the case saying so, and is only erased', async () => {
    const call = new Caller(rt)
    const { record, recordingSid } = await reportByPhone(call)
    await call.recordingStatus(record, recordingSid, 'absent')
    expect(await rt.deps.sql.get('SELECT 1 FROM voice_recordings')).toBeUndefined()
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 1, retried: 0 })
    expect(twilio.requests.some((r) => r.method === 'GET')).toBe(false)
    const states = await rt.deps.sql.all<{ data: string }>(
      "SELECT data FROM case_events WHERE kind = 'voice_recording'",
    )
    expect(states.map((e) => JSON.parse(e.data).state).sort()).toEqual(['missing', 'pending'])
  })
})

describe('recordings without Twilio REST credentials', () => {
  it('files the case and says honestly that the statement was not retrieved', async () => {
    const rt = await makeRuntime()
    try {
      await reportByPhone(new Caller(rt), { langKey: '1', seconds: 75 })
      const row = await rt.deps.sql.get<{ description_redacted: string; id: string }>(
        'SELECT id, description_redacted FROM cases',
      )
      expect(row!.description_redacted).toContain('not retrieved: Twilio REST not configured')
      expect(row!.description_redacted).toContain('1 min 15 s')
      const ev = await rt.deps.sql.get<{ data: string }>(
        "SELECT data FROM case_events WHERE kind = 'voice_recording'",
      )
      expect(JSON.parse(ev!.data)).toEqual({
        purpose: 'statement',
        state: 'not_retrieved',
        reason: 'twilio_rest_not_configured',
      })
      expect(await rt.deps.sql.get('SELECT 1 FROM jobs')).toBeUndefined()
    } finally {
      rt.close()
    }
  })
})
