/**
 * Issue 20, defect 7: typing the receipt on the keypad, then # as the prompt asks. The caller's
 * keys go through a model of Twilio's documented <Gather> (twilio.com/docs/voice/twiml/gather):
 * input ends when `numDigits` keys are in, when `finishOnKey` (default #) is pressed — that key
 * is not part of Digits — or after `timeout` seconds without a key; keys pressed after the end
 * reach whatever verb comes next (the next <Gather>). Every gather of the call is checked the
 * same way: no prompt that says "press the hash key" may end before the hash key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tFor } from '../../src/i18n/index.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { DOMParser, type Element } from '@xmldom/xmldom'
import { all, Caller, one, reportByPhone, spoken, type Twiml } from './call.js'

/** What Twilio submits for these keys at this <Gather>, and the keys left for the next verb. */
export function gatherKeys(g: Element, keys: string): { digits: string; rest: string } {
  const finish = g.hasAttribute('finishOnKey') ? g.getAttribute('finishOnKey')! : '#'
  const max = g.hasAttribute('numDigits') ? Number(g.getAttribute('numDigits')) : Infinity
  let digits = ''
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    if (finish !== '' && k === finish) return { digits, rest: keys.slice(i + 1) }
    digits += k
    if (digits.length >= max) return { digits, rest: keys.slice(i + 1) }
  }
  return { digits, rest: '' } // then the timeout submits what was typed
}

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime()
})
afterEach(() => rt.close())

/** Type keys at the answer's gather as a caller would; leftover keys go to the next gather. */
async function type(call: Caller, t: Twiml, keys: string): Promise<{ next: Twiml; rest: string }> {
  const { digits, rest } = gatherKeys(one(t, 'Gather'), keys)
  return { next: await call.press(t, digits), rest }
}

describe('the receipt on the keypad (issue 20, defect 7)', () => {
  it('ends the receipt with #, as the prompt says: no key lands in the next menu', async () => {
    const es = tFor('es')
    const { receipt } = await reportByPhone(new Caller(rt, { from: '+5214775550102' }))
    const call = new Caller(rt, { from: '+5214775550102' })
    const prompt = await call.press(await call.press(await call.start(), '2'), '2')
    expect(spoken(prompt)).toBe(es('voice:check.prompt'))
    expect(es('voice:check.prompt')).toMatch(/gato/)

    const { next: status, rest } = await type(call, prompt, `${receipt.replace(/\D/g, '')}#`)
    expect(rest).toBe('') // nothing left over for the reply menu
    expect(spoken(status)).toContain(es('followup:status.new'))
    // The reply menu gets the caller's next key, not a stray #.
    const { next: rec } = await type(call, status, '1')
    expect(rec.verbs).toEqual(['Say', 'Record', 'Redirect'])
  })

  it('the model of Twilio’s Gather shows the old TwiML’s fault', () => {
    const doc = new DOMParser().parseFromString('<Gather numDigits="16" finishOnKey="#"/>', 'text/xml')
    expect(gatherKeys(doc.documentElement as unknown as Element, '1234567890123456#')).toEqual({
      digits: '1234567890123456',
      rest: '#',
    })
  })

  it('every multi-key gather of a call ends on # alone', async () => {
    const call = new Caller(rt, { from: '+5214775550103' })
    await reportByPhone(call)
    const check = new Caller(rt, { from: '+5214775550103' })
    await check.press(await check.press(await check.start(), '2'), '2')
    for (const t of [...call.answers, ...check.answers]) {
      for (const g of all(t, 'Gather')) {
        const n = g.getAttribute('numDigits')
        if (n === '1') continue
        expect(n, g.getAttribute('action') ?? '').toBeNull()
        expect(g.getAttribute('finishOnKey')).toBe('#')
      }
    }
  })
})
