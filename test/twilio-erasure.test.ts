import { describe, expect, it } from 'vitest'
import { eraseAtTwilio } from '../src/jobs/queue.js'
import { jobHandlers } from '../src/jobs/handlers.js'
import { runDueJobs } from '../src/jobs/runner.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'
import type { FakeTwilio } from './helpers/twilio-fake.js'
import { withFakeTwilio } from './helpers/twilio-runtime.js'

const SM = 'SM' + '0123456789abcdef'.repeat(2)
const RE = 'RE' + 'fedcba9876543210'.repeat(2)

describe('erasure at Twilio (retried job against a local fake of the REST API)', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  it('deletes the message after a minute, backing off on 20009 until Twilio allows it', async () => {
    twilio.records.set(SM, null)
    twilio.records.set(RE, null)
    twilio.notYetDeletable.set(SM, 2)
    await rt.deps.sql.batch(eraseAtTwilio(rt.deps, [{ resource: 'Messages', sid: SM }, { resource: 'Recordings', sid: RE }]))

    expect((await runDueJobs(rt.deps, jobHandlers)).attempted).toBe(0) // not before a minute
    rt.clock.advance(60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 2, done: 1, retried: 1 })
    expect(twilio.records.has(RE)).toBe(false)
    expect(twilio.records.has(SM)).toBe(true)

    rt.clock.advance(30_000)
    expect((await runDueJobs(rt.deps, jobHandlers)).attempted).toBe(0) // backing off
    rt.clock.advance(60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 0, retried: 1 })
    rt.clock.advance(10 * 60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 1, retried: 0 })
    expect(twilio.records.has(SM)).toBe(false)

    const deletes = twilio.requests.filter((r) => r.method === 'DELETE')
    expect(deletes.every((r) => r.authorized)).toBe(true)
    expect(deletes.map((r) => r.path)).toContain(`/2010-04-01/Accounts/${twilio.accountSid}/Messages/${SM}.json`)
    const jobs = await rt.deps.sql.all<{ payload_enc: Uint8Array }>('SELECT payload_enc FROM jobs')
    expect(jobs.every((j) => j.payload_enc.length === 0)).toBe(true) // sids dropped once done
  })

  it('runs a job once when two runs overlap (lease)', async () => {
    twilio.records.set(SM, null)
    await rt.deps.sql.batch(eraseAtTwilio(rt.deps, [{ resource: 'Messages', sid: SM }]))
    rt.clock.advance(60_000)
    const [a, b] = await Promise.all([runDueJobs(rt.deps, jobHandlers), runDueJobs(rt.deps, jobHandlers)])
    expect(a.attempted + b.attempted).toBe(1)
    expect(twilio.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })

  it('treats a record that is already gone as erased', async () => {
    await rt.deps.sql.batch(eraseAtTwilio(rt.deps, [{ resource: 'Messages', sid: SM }]))
    rt.clock.advance(60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toEqual({ attempted: 1, done: 1, retried: 0 })
  })

  it('is off unless TWILIO_ACCOUNT_SID is set', async () => {
    const off = await makeRuntime()
    try {
      expect(eraseAtTwilio(off.deps, [{ resource: 'Messages', sid: SM }])).toEqual([])
    } finally {
      off.close()
    }
  })
})
