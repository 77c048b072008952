/**
 * Sources are counted in the unit an attacker cannot multiply cheaply: an IPv4 address, an IPv6
 * /64. Wrong receipts from a network get a budget sized for shared factory Wi-Fi (60 an hour);
 * a phone gets 10 (docs/security.md, "Receipt guessing").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RECEIPT_FAILURES_NETWORK, sourceUnit } from '../src/privacy/rate-limit.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

describe('sourceUnit', () => {
  it('keeps IPv4 and phone hashes as they are, and counts IPv6 by /64', () => {
    expect(sourceUnit('203.0.113.7')).toBe('203.0.113.7')
    expect(sourceUnit('sms:ab12cd')).toBe('sms:ab12cd')
    expect(sourceUnit('::ffff:203.0.113.7')).toBe('203.0.113.7')
    expect(sourceUnit('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64')
    expect(sourceUnit('2001:0db8:0001:0002:ffff:1:2:3')).toBe('2001:db8:1:2::/64')
    expect(sourceUnit('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(sourceUnit('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    expect(sourceUnit('unknown')).toBe('unknown')
  })
})

describe('wrong receipts from a network', () => {
  let rt: TestRuntime
  let address = '2001:db8:1:2::1'
  beforeEach(async () => {
    rt = await makeRuntime()
    rt.deps.remoteAddress = () => address
  })
  afterEach(() => rt.close())

  it('share one budget across a /64, and leave other networks alone', async () => {
    for (let i = 0; i < RECEIPT_FAILURES_NETWORK.max; i++) {
      address = `2001:db8:1:2::${(i + 1).toString(16)}` // a new address of the same /64 each time
      const res = await postJson(rt, '/api/v1/follow-up', { receipt: `0000 0000 0000 ${String(i).padStart(4, '0')}` })
      expect(res.status).toBe(404)
    }
    address = '2001:db8:1:2:aaaa::9'
    expect((await postJson(rt, '/api/v1/follow-up', { receipt: '1111 2222 3333 4444' })).status).toBe(429)
    address = '2001:db8:1:3::1' // the next /64: another subscriber
    expect((await postJson(rt, '/api/v1/follow-up', { receipt: '1111 2222 3333 4444' })).status).toBe(404)
  })
})
