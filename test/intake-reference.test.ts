/**
 * References are 40 random bits, so at a million cases two draws meet about every other time
 * (the birthday bound). A collision must be filed under a fresh draw, never answered with a 500.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
const report = {
  language: 'es',
  country: 'MX',
  employer: 'Autopartes del Bajío',
  description: 'No nos pagan las horas extra desde marzo.',
}

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime({ remoteAddress: '203.0.113.7' })
})
afterEach(() => rt.close())

/** The next reference drawn is `reference` (newReference takes 8 bytes, 5 bits each). */
function forceNextReference(reference: string) {
  const crypto = rt.deps.crypto
  const real = crypto.randomBytes.bind(crypto)
  let forced = false
  crypto.randomBytes = (n: number) => {
    if (n !== 8 || forced) return real(n)
    forced = true
    return Uint8Array.from(reference.replace(/^HL-|-/g, ''), (c) => ALPHABET.indexOf(c))
  }
}

it('files a report whose first reference is taken under a fresh one', async () => {
  const first = (await (await postJson(rt, '/api/v1/reports', report)).json()) as { reference: string }
  forceNextReference(first.reference)
  const res = await postJson(rt, '/api/v1/reports', { ...report, description: 'Nos quitaron el pasaporte.' })
  expect(res.status).toBe(201)
  const second = (await res.json()) as { reference: string; receipt: string }
  expect(second.reference).not.toBe(first.reference)
  const rows = await rt.deps.sql.all<{ reference: string }>('SELECT reference FROM cases')
  expect(rows.map((r) => r.reference).sort()).toEqual([first.reference, second.reference].sort())
  // The receipt answered is the one stored: follow-up opens the case.
  const status = await postJson(rt, '/api/v1/follow-up', { receipt: second.receipt })
  expect(status.status).toBe(200)
})
