import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addStaffMessage } from '../../src/cases/reporter.js'
import { decodeBase64 } from '../../src/config.js'
import { tFor } from '../../src/i18n/index.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { openIdentity } from '../../src/privacy/crypto.js'
import { custodianKey, makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { newSid } from '../helpers/twilio-sign.js'
import { Caller, one, reportByPhone, says, spoken } from './call.js'

describe('checking a report by phone', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('reads the status and the open question, and records an answer', async () => {
    const es = tFor('es')
    const { receipt } = await reportByPhone(new Caller(rt, { from: '+5214775550101' }))
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    await addStaffMessage(rt.deps, kase!.id, null, '¿En qué turno trabaja?')

    const call = new Caller(rt, { from: '+5214775550101' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    const g = one(prompt, 'Gather')
    expect(g.hasAttribute('numDigits')).toBe(false) // # ends the receipt (issue 20, defect 7)
    expect(g.getAttribute('finishOnKey')).toBe('#')
    expect(g.getAttribute('action')).toMatch(`${rt.config.publicBaseUrl}/twilio/voice/check?l=es`)
    expect(spoken(prompt)).toBe(es('voice:check.prompt'))

    const status = await call.press(prompt, receipt)
    expect(says(status).every(([l]) => l === 'es-MX')).toBe(true)
    expect(spoken(status)).toContain(es('followup:status.new'))
    expect(spoken(status)).toContain(`${es('voice:check.question')} ¿En qué turno trabaja?`)
    expect(status.verbs.slice(-3)).toEqual(['Gather', 'Say', 'Hangup'])

    const rec = await call.press(status, '1')
    expect(rec.verbs).toEqual(['Say', 'Record', 'Redirect'])
    expect(one(rec, 'Record').getAttribute('action')).toMatch('/twilio/voice/answered?l=es')
    const done = await call.record(rec, newSid('RE'), 30)
    expect(spoken(done)).toContain(es('voice:answer.saved'))
    expect(done.verbs.at(-1)).toBe('Hangup')

    const msg = await rt.deps.sql.get<{
      direction: string
      channel: string
      body_redacted: string
    }>(
      `SELECT direction, channel, body_redacted FROM case_messages
       WHERE direction = 'from_reporter'`,
    )
    expect(msg).toMatchObject({ direction: 'from_reporter', channel: 'voice' })
    expect(msg!.body_redacted).toContain('0 min 30 s')
    const purposes = await rt.deps.sql.all<{ purpose: string }>(
      'SELECT purpose FROM voice_recordings ORDER BY purpose',
    )
    expect(purposes.map((p) => p.purpose)).toEqual(['answer', 'statement'])
  })

  it('ends the call after three wrong receipts, counting them against the rate limit', async () => {
    const call = new Caller(rt)
    let t = await call.press(await call.press(await call.start(), '1'), '2')
    for (let i = 0; i < 2; i++) {
      t = await call.press(t, '1111222233334444')
      expect(spoken(t)).toContain(tFor('en')('voice:check.notFound'))
      expect(t.verbs).toContain('Gather')
    }
    const end = await call.press(t, '1111222233334444')
    expect(end.verbs).toEqual(['Say', 'Say', 'Hangup'])
    const rl = await rt.deps.sql.get<{ count: number }>('SELECT count FROM rate_limits')
    expect(rl?.count).toBe(3)
  })
})

describe('privacy: the caller leaves no trace in plaintext', () => {
  let twilio: FakeTwilio
  let rt: TestRuntime
  withFakeTwilio((t, r) => {
    twilio = t
    rt = r
  })

  it('scans all the server wrote after calls, answers, jobs; the sealed number opens', async () => {
    const from = '+5214775550199'
    const city = 'Silao de la Victoria'
    const yes = new Caller(rt, { from, city })
    const no = new Caller(rt, { from: '+2250701020304', city: 'Soubré', toCountry: 'CI' })
    for (const c of [yes, no]) twilio.records.set(c.callSid, null)
    const a = await reportByPhone(yes, { callBack: true })
    const b = await reportByPhone(no, { langKey: '3', callBack: false })
    for (const r of [a, b])
      twilio.records.set(
        r.recordingSid,
        new TextEncoder().encode(`RIFF audio of ${r.recordingSid}`),
      )

    const check = new Caller(rt, { from, city })
    twilio.records.set(check.callSid, null)
    const status = await check.press(
      await check.press(await check.press(await check.start(), '2'), '2'),
      a.receipt,
    )
    const answerSid = newSid('RE')
    twilio.records.set(answerSid, new TextEncoder().encode('RIFF the answer'))
    await check.record(await check.press(status, '1'), answerSid, 12)
    await check.hangUp()
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 3 })

    const written = rt.writtenBytes().toString('latin1') + rt.writtenBytes().toString('utf8')
    const needles = [
      from,
      from.slice(1),
      '4775550199',
      '477 555 0199',
      '+2250701020304',
      '0701020304',
      city,
      'Soubré',
    ]
    needles.push(yes.callSid, no.callSid, check.callSid, a.recordingSid, b.recordingSid, answerSid)
    needles.push(a.receipt, b.receipt, 'RIFF audio of', 'RIFF the answer')
    for (const needle of needles) expect(written.includes(needle), `found ${needle}`).toBe(false)

    const rows = await rt.deps.sql.all<{
      identity_sealed: Uint8Array | null
      consent_to_contact: number
      country: string
    }>('SELECT identity_sealed, consent_to_contact, country FROM cases ORDER BY created_at, id')
    const sealed = rows.filter((r) => r.identity_sealed)
    expect(sealed).toHaveLength(1)
    expect(sealed[0]!.consent_to_contact).toBe(1)
    const identity = openIdentity(
      rt.sodium,
      sealed[0]!.identity_sealed!,
      rt.config.custodianPublicKey,
      decodeBase64(custodianKey(rt))!,
    )
    expect(identity).toEqual({ phone: from })
    expect(rows.map((r) => r.country).sort()).toEqual(['CI', 'MX'])
    expect(twilio.records.size).toBe(0) // recordings and calls erased at Twilio
  })
})
