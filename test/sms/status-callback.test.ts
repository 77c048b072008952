import { describe, expect, it } from 'vitest'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { type TestRuntime } from '../helpers/runtime.js'
import { newSid, smsParams, twilioRequest } from '../helpers/twilio-sign.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'

describe('outbound replies are erased at Twilio through status callbacks', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  const sign = () => ({ baseUrl: rt.config.publicBaseUrl, authToken: twilio.authToken })
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  it('asks Twilio for status callbacks on every reply', async () => {
    const res = await twilioRequest(rt.app, '/twilio/sms', smsParams({ body: 'HOLA', from: '+5214775550123' }), sign())
    expect(await res.text()).toContain(`<Message action="${rt.config.publicBaseUrl}/twilio/status" method="POST">`)
  })

  it('enqueues one erasure per reply however many callbacks arrive, and erases it', async () => {
    const sid = newSid('SM')
    twilio.records.set(sid, null)
    for (const status of ['queued', 'sent', 'delivered', 'delivered']) {
      const res = await twilioRequest(rt.app, '/twilio/status', { MessageSid: sid, MessageStatus: status, AccountSid: twilio.accountSid }, sign())
      expect(res.status).toBe(204)
    }
    const jobs = await rt.deps.sql.all('SELECT id FROM jobs')
    expect(jobs).toHaveLength(1)
    rt.clock.advance(60_000)
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    expect(twilio.records.has(sid)).toBe(false)
  })

  it('refuses an unsigned callback and changes nothing', async () => {
    const res = await twilioRequest(rt.app, '/twilio/status', { MessageSid: newSid('SM'), MessageStatus: 'delivered' }, { ...sign(), signature: 'bad' })
    expect(res.status).toBe(403)
    expect(await rt.deps.sql.all('SELECT id FROM jobs')).toHaveLength(0)
  })
})
