/**
 * Privacy scan over every partner flow: an organisation files for a worker with a name and a
 * number (receipt by SMS), the worker follows up and withdraws by SMS from another phone, a
 * monitor refers a second case and the worker answers by SMS. Afterwards no identifier used here
 * (names, numbers in every written form, receipts) appears in any file the server wrote (the
 * database, its WAL, the logs).
 */
import { describe, expect, it } from 'vitest'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import type { TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { Phone } from '../sms/phone.js'
import { api, insertCase, makeStaff } from '../console/setup.js'

const NAME = 'Herminia Tlacuilo Xochitl'
const PHONE = '+524615550177'
const SENDER = '+524615550188'
const SENDER2 = '+524615550199'
const variants = (p: string) => [p, p.slice(1), p.slice(3), `${p.slice(3, 6)} ${p.slice(6, 9)} ${p.slice(9)}`, `${p.slice(3, 6)}-${p.slice(6, 9)}-${p.slice(9)}`]
const NEEDLES = [NAME, 'Herminia', 'Tlacuilo', 'Xochitl', ...variants(PHONE), ...variants(SENDER), ...variants(SENDER2)]

describe('partner flows write no identifier', () => {
  let rt: TestRuntime
  let twilio: FakeTwilio
  withFakeTwilio(
    (t, r) => {
      twilio = t
      rt = r
    },
    { remoteAddress: '198.51.100.50' },
  )

  it('after filing, SMS receipt, follow-up, withdrawal and a referral answered by SMS', async () => {
    rt.deps.config = { ...rt.deps.config, twilioSmsFrom: '+15005550006' }
    const ngo = await makeStaff(rt, 'ngo', 'scan@union.example', { org: 'Sindicato de Jornaleros' })
    const monitor = await makeStaff(rt, 'monitor', 'scan-mx@hotline.example', { scopes: ['right:*@MX'] })
    const res = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, {
      language: 'es',
      country: 'MX',
      employer: 'Agrícola del Valle',
      description: 'No nos dan agua ni sombra en el campo.',
      contact: { name: NAME, phone: '+52 461 555 0177' },
      consentToContact: true,
      smsReceipt: true,
      consent: { disclose: ['redacted', 'identity'], recipients: ['us_dol'], until: '2027-01-31', method: 'oral' },
    })
    expect(res.status).toBe(201)
    const { receipt } = (await res.json()) as { receipt: string }
    expect(twilio.sent.map((m) => m.to)).toEqual([PHONE])

    const phone = new Phone(rt, SENDER)
    await phone.say(`ESTADO ${receipt}`)
    await phone.say(`RETIRAR ${receipt}`)

    const other = await insertCase(rt, { assignedTo: monitor.id })
    const refer = { org: 'Sindicato de Jornaleros', disclose: ['redacted'], recipients: ['brand'], until: '2027-02-28' }
    expect((await api(rt, 'PATCH', `/api/v1/cases/${other.id}`, monitor.token, { referTo: refer })).status).toBe(200)
    await new Phone(rt, SENDER2).say(`${other.receipt} SI`)
    expect((rt.db.prepare("SELECT COUNT(*) AS n FROM consents WHERE status IN ('withdrawn', 'given')").get() as { n: number }).n).toBe(2)

    rt.clock.advance(120_000)
    await runDueJobs(rt.deps, jobHandlers)
    expect(twilio.records.size).toBe(0) // the receipt SMS was erased at Twilio

    const written = rt.writtenBytes()
    const text = written.toString('utf8') + written.toString('latin1')
    expect(NEEDLES.filter((n) => text.includes(n))).toEqual([])
    for (const r of [receipt, other.receipt]) {
      expect(text).not.toContain(r)
      expect(text).not.toContain(r.replace(/ /g, ''))
    }
  })
})
