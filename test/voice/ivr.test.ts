import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { getCatalog } from '../../src/catalog/index.js'
import { caseByReceipt } from '../../src/cases/reporter.js'
import { LANGS, tFor, type Lang } from '../../src/i18n/index.js'
import { LANGUAGES, perLang } from '../../src/i18n/languages.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { newSid } from '../helpers/twilio-sign.js'
import { all, Caller, children, heardReceipt, one, reportByPhone, says, spoken, type Twiml } from './call.js'

/** Each language's `<Say>` language, from the registry. */
const LANG_CODE = perLang((l) => l.speech.language)
const count = async (rt: TestRuntime, table: string) =>
  (await rt.deps.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n

/** Every <Say> of the answer is in this language. */
function speaks(t: Twiml, lang: Lang) {
  expect(new Set(says(t).map(([l]) => l)), t.xml).toEqual(new Set([LANG_CODE[lang]]))
}

describe('voice IVR: signature', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('refuses unsigned and wrongly signed webhooks with 403 and writes nothing', async () => {
    const call = new Caller(rt)
    expect((await call.raw('/twilio/voice', {}, null)).status).toBe(403)
    expect((await call.raw('/twilio/voice', {}, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403)
    expect(
      (await call.raw('/twilio/voice/recording', { RecordingSid: newSid('RE') }, 'x')).status,
    ).toBe(403)
    expect(await count(rt, 'voice_calls')).toBe(0)
    expect(await count(rt, 'webhook_replies')).toBe(0)
  })
})

describe('voice IVR: whole calls in each language', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('opens with the language menu, each option in its own language, repeated once', async () => {
    const call = new Caller(rt)
    const base = rt.config.publicBaseUrl
    const menu = await call.start()
    expect(menu.verbs).toEqual(['Gather', 'Redirect'])
    const g = one(menu, 'Gather')
    expect(g.getAttribute('input')).toBe('dtmf')
    expect(g.getAttribute('numDigits')).toBe('1')
    expect(g.getAttribute('method')).toBe('POST')
    expect(g.getAttribute('action')).toBe(`${base}/twilio/voice/lang?n=1&r=0`)
    // every registry language, in registry order, in its own language and voice
    expect(says(menu)).toEqual(LANGS.map((l, i) => [LANG_CODE[l], tFor(l)('voice:lang.option', { key: i + 1 })]))
    expect(all(menu, 'Say').map((e) => e.getAttribute('voice'))).toEqual(LANGUAGES.map((l) => l.speech.voice))
    expect(says(menu)[1]).toEqual(['es-MX', 'Para español, marque 2.'])
    expect(one(menu, 'Redirect').textContent).toBe(`${base}/twilio/voice?n=1&r=1`)

    const again = await call.silence(menu)
    expect(again.verbs).toEqual(['Gather', 'Say', 'Say', 'Say', 'Hangup'])
    expect(one(again, 'Gather').getAttribute('action')).toBe(`${base}/twilio/voice/lang?n=2&r=1`)
    const bye = await call.press(again, '7')
    expect(bye.verbs.at(-1)).toBe('Hangup')
    expect(await count(rt, 'cases')).toBe(0)
    expect(await count(rt, 'voice_calls')).toBe(0)
  })

  it.each(LANGS.map((l, i) => [l, i + 1] as const))(
    '%s: key %i opens the main menu in that language and voice',
    async (lang, key) => {
      const call = new Caller(rt)
      const main = await call.press(await call.start(), String(key))
      speaks(main, lang)
      const voices = new Set(all(main, 'Say').map((e) => e.getAttribute('voice')))
      expect(voices).toEqual(new Set([LANGUAGES[key - 1]!.speech.voice]))
      expect(spoken(main)).toContain(tFor(lang)('voice:menu.options'))
    },
  )

  const calls = [
    {
      key: '1',
      lang: 'en',
      page: 0,
      digit: '2',
      right: 'forced_labor',
      seconds: 134,
      spokenLen: '2 min 14 s',
    },
    {
      key: '2',
      lang: 'es',
      page: 1,
      digit: '2',
      right: 'safety_health',
      seconds: 61,
      spokenLen: '1 min 1 s',
    },
    {
      key: '3',
      lang: 'fr',
      page: 0,
      digit: '0',
      right: 'other',
      seconds: 300,
      spokenLen: '5 min 0 s',
    },
  ] as const

  for (const c of calls) {
    it(`takes a report in ${c.lang}: menus, statement, questions, receipt read twice`, async () => {
      const t = tFor(c.lang)
      const base = rt.config.publicBaseUrl
      const call = new Caller(rt)
      const main = await call.press(await call.start(), c.key)
      speaks(main, c.lang)
      expect(spoken(main)).toContain(t('voice:menu.options'))
      expect(one(main, 'Gather').getAttribute('action')).toBe(
        `${base}/twilio/voice/menu?l=${c.lang}&n=2&r=0`,
      )

      let problems = await call.press(main, '1')
      speaks(problems, c.lang)
      expect(problems.verbs).toEqual(['Say', 'Gather', 'Redirect'])
      expect(says(problems)[0]![1]).toBe(t('voice:safety'))
      const rights = getCatalog().rights
      expect(spoken(problems)).toContain(`${rights.freedom_of_association.question[c.lang]}`)
      expect(spoken(problems)).toContain(t('voice:problem.more'))
      expect(spoken(problems)).toContain(t('voice:problem.other'))
      if (c.page === 1) {
        problems = await call.press(problems, '9')
        expect(spoken(problems)).toContain(rights.working_hours.question[c.lang])
        expect(spoken(problems)).toContain(t('voice:problem.first'))
      }

      const rec = await call.press(problems, c.digit)
      speaks(rec, c.lang)
      expect(rec.verbs).toEqual(['Say', 'Record', 'Redirect'])
      expect(spoken(rec)).toBe(t('voice:record.prompt'))
      const r = one(rec, 'Record')
      expect(r.getAttribute('maxLength')).toBe('300')
      expect(r.getAttribute('finishOnKey')).toBe('#')
      expect(r.getAttribute('playBeep')).toBe('true')
      expect(r.getAttribute('action')).toMatch(
        new RegExp(`^${base}/twilio/voice/recorded\\?l=${c.lang}&n=\\d+&r=0$`),
      )
      expect(r.getAttribute('recordingStatusCallback')).toBe(
        `${base}/twilio/voice/recording?l=${c.lang}`,
      )
      expect(r.getAttribute('recordingStatusCallbackEvent')).toBe('completed absent')

      const workers = await call.record(rec, newSid('RE'), c.seconds)
      const wg = one(workers, 'Gather')
      expect(wg.getAttribute('finishOnKey')).toBe('#')
      expect(wg.getAttribute('action')).toMatch(`${base}/twilio/voice/workers?l=${c.lang}`)
      const callback = await call.press(workers, '12')
      expect(spoken(callback)).toBe(t('voice:callback.prompt'))
      expect(one(callback, 'Gather').getAttribute('numDigits')).toBe('1')
      expect(await count(rt, 'cases')).toBe(0) // nothing is filed before the receipt is read

      const receiptAnswer = await call.press(callback, '2')
      speaks(receiptAnswer, c.lang)
      expect(receiptAnswer.verbs).toEqual([
        'Say',
        'Say',
        'Say',
        'Pause',
        'Say',
        'Say',
        'Say',
        'Gather',
        'Say',
        'Hangup',
      ])
      const receipt = heardReceipt(receiptAnswer)
      expect(spoken(receiptAnswer)).toContain(t('voice:receipt.replay'))
      expect(one(receiptAnswer, 'Gather').getAttribute('action')).toMatch(
        `${base}/twilio/voice/receipt?l=${c.lang}`,
      )

      const kase = await caseByReceipt(rt.deps, receipt)
      expect(kase?.language).toBe(c.lang)
      const row = await rt.deps.sql.get<Record<string, unknown>>('SELECT * FROM cases')
      expect(row).toMatchObject({
        channel: 'voice',
        country: 'MX',
        employer: t('voice:case.employer'),
        workers_affected: 12,
        identity_sealed: null,
        consent_to_contact: 0,
        rights_chosen: JSON.stringify([c.right]),
      })
      expect(row!.description_redacted).toContain(c.spokenLen)
      expect(await count(rt, 'voice_recordings')).toBe(1)

      // A retried webhook replays the same answer and files nothing new.
      const retried = await call.press(callback, '2')
      expect(retried.xml).toBe(receiptAnswer.xml)
      expect(await count(rt, 'cases')).toBe(1)

      const replay = await call.press(receiptAnswer, '9')
      expect(heardReceipt(replay)).toBe(receipt)
      expect(spoken(replay)).not.toContain(t('voice:receipt.saved'))
      const end = await call.press(replay, '5')
      expect(end.verbs).toEqual(['Say', 'Hangup'])
    })
  }
})

describe('voice IVR: silence, wrong keys, hang-ups', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('takes "other" after two wrong keys, and files nothing without a statement', async () => {
    const call = new Caller(rt)
    const problems = await call.press(await call.press(await call.start(), '2'), '1')
    const wrong = await call.press(problems, '8')
    expect(says(wrong)[0]![1]).toBe(tFor('es')('voice:menu.invalid'))
    const rec = await call.silence(wrong)
    expect(rec.verbs).toContain('Record')
    const retry = await call.silence(rec) // no audio at all: Twilio follows the <Redirect>
    expect(says(retry)[0]![1]).toBe(tFor('es')('voice:record.notHeard'))
    const end = await call.record(retry, newSid('RE'), 0) // a recording with no sound
    expect(end.verbs.at(-1)).toBe('Hangup')
    expect(spoken(end)).toContain(tFor('es')('voice:record.none'))
    expect(await count(rt, 'cases')).toBe(0)
    expect(await count(rt, 'voice_calls')).toBe(0)
  })

  it('hangs up after silence at the main menu twice, leaving no call row', async () => {
    const call = new Caller(rt)
    const main = await call.press(await call.start(), '3')
    const again = await call.silence(main)
    expect(says(again)[0]![1]).toBe(tFor('fr')('voice:menu.notHeard'))
    const end = await call.silence(again)
    expect(end.verbs).toEqual(['Say', 'Say', 'Hangup'])
    expect(await count(rt, 'voice_calls')).toBe(0)
  })

  it('takes silence at "call back?" as no; skips the question for a withheld number', async () => {
    const call = new Caller(rt, { from: '+266696687' })
    const rec = await call.press(
      await call.press(await call.press(await call.start(), '1'), '1'),
      '5',
    )
    const workers = await call.record(rec, newSid('RE'), 20)
    const receipt = await call.silence(workers) // skips "how many", and no callback question
    heardReceipt(receipt)
    expect(spoken(receipt)).not.toContain(tFor('en')('voice:callback.prompt'))

    const other = new Caller(rt)
    const rec2 = await other.press(
      await other.press(await other.press(await other.start(), '1'), '1'),
      '1',
    )
    const cb = await other.press(await other.record(rec2, newSid('RE'), 20), '') // # alone: skip
    const cb2 = await other.silence(cb)
    expect(all(cb2, 'Gather')).toHaveLength(1)
    heardReceipt(await other.silence(cb2))
    const rows = await rt.deps.sql.all<{ identity_sealed: unknown }>(
      'SELECT identity_sealed FROM cases',
    )
    expect(rows.map((r) => r.identity_sealed)).toEqual([null, null])
  })

  it('answers every step of the same call once: the start is not armed twice', async () => {
    const call = new Caller(rt)
    const first = await call.start()
    const second = await call.start()
    expect(second.xml).toBe(first.xml)
    expect(await count(rt, 'voice_calls')).toBe(1)
    expect(children(first.root).length).toBe(2)
  })

  it('answers a late step of a filed call after it ended: saved, no receipt, nothing filed again', async () => {
    const call = new Caller(rt)
    await reportByPhone(call)
    await call.hangUp('completed') // the call's end forgets the receipt kept for "press 9"
    const base = rt.config.publicBaseUrl
    const late = await call.post(`${base}/twilio/voice/callback?l=es&n=99&r=0`, { Digits: '2' })
    expect(spoken(late)).toContain(tFor('es')('voice:receipt.saved'))
    expect(spoken(late)).not.toMatch(/\d, \d, \d, \d\./)
    expect(late.verbs).toContain('Hangup')
    expect(await count(rt, 'cases')).toBe(1)
  })
})
