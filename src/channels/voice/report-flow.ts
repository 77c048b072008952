/**
 * @module channels/voice/report-flow
 * The steps of a call, as TwiML prompts and the handlers of their answers: language menu → main
 * menu → safety notice + problems → recorded statement → workers affected → call back? →
 * receipt. Silence and wrong keys repeat a prompt once; after that a menu either takes a safe
 * default (no problem chosen → "other"; no answer to "call back?" → no) or, where nothing
 * useful can follow (no language, no statement), says goodbye and leaves nothing behind.
 */
import { getCatalog } from '../../catalog/index.js'
import { LANGS, tFor } from '../../i18n/index.js'
import { fileCall, callableNumber } from './file-call.js'
import { armGuard, saveCall } from './state.js'
import { checkPrompt } from './check-flow.js'
import { digitByDigit, sayTo, type Twiml } from './twiml.js'
import { endWithoutCase, goodbye, inLanguage, type Reply, type Turn } from './turn.js'

const PAGE = 5

/** The rights on the keypad menu, in catalog order, "other" apart (it is always key 0). */
function menuRights(): string[] {
  return Object.keys(getCatalog().rights).filter((r) => r !== 'other')
}

/** 1. The language menu, each option in its own language; a second silence ends the call. */
export function languageMenu(t: Turn, retry: number): Reply {
  const tw = t.twiml()
  const next = { n: t.next, r: retry }
  tw.gather(
    {
      action: tw.url('/lang', next),
      noInput: retry < 1 ? tw.url('', { n: t.next, r: retry + 1 }) : undefined,
      numDigits: 1,
    },
    (g) => LANGS.forEach((l, i) => sayTo(g, l, tFor(l)('voice:lang.option', { key: i + 1 }))),
  )
  if (retry >= 1) {
    for (const l of LANGS) tw.say(l, tFor(l)('voice:lang.goodbye'))
    tw.hangup()
  }
  return { twiml: tw.toString() }
}

/** The call starts: guard the call record at Twilio, then the language menu. */
export function onIncoming(t: Turn): Reply {
  const statements = t.call.exists ? [] : armGuard(t.deps, t.call, 'Calls', t.callSid)
  const reply = languageMenu(t, t.retry)
  return { ...reply, statements: [...statements, saveCall(t.deps, t.call, 'lang', null)] }
}

export function onLanguage(t: Turn): Reply {
  const lang = LANGS[Number(t.digits) - 1]
  if (!lang || t.digits.length !== 1) {
    if (t.retry >= 1) return endWithoutCase(t, languageMenuEnd(t))
    return languageMenu(t, t.retry + 1)
  }
  return {
    twiml: mainMenu(inLanguage(t, lang), 0).toString(),
    statements: [saveCall(t.deps, t.call, 'menu', lang)],
  }
}

function languageMenuEnd(t: Turn): Twiml {
  const tw = t.twiml()
  for (const l of LANGS) tw.say(l, tFor(l)('voice:lang.goodbye'))
  return tw.hangup()
}

/** The first menu in the caller's language: report (1) or check a report (2). */
export function mainMenu(t: Turn, retry: number, tw = t.twiml()): Twiml {
  if (retry === 0) tw.say(t.lang, t.t('voice:menu.welcome'))
  return tw.gather(
    {
      action: t.url('/menu', { r: retry }),
      noInput: t.url('/menu', { r: retry, t: 1 }),
      numDigits: 1,
    },
    (g) => sayTo(g, t.lang, t.t('voice:menu.options')),
  )
}

export function onMainMenu(t: Turn): Reply {
  if (t.digits === '1') {
    const twiml = problemMenu(t, 0, 0, true).toString()
    return { twiml, statements: [saveCall(t.deps, t.call, 'problem', t.lang)] }
  }
  if (t.digits === '2') {
    const twiml = checkPrompt(t, 0).toString()
    return { twiml, statements: [saveCall(t.deps, t.call, 'check', t.lang)] }
  }
  const why = t.t(t.digits ? 'voice:menu.invalid' : 'voice:menu.notHeard')
  if (t.retry >= 1) return endWithoutCase(t, t.twiml(), why)
  return { twiml: mainMenu(t, t.retry + 1, t.twiml().say(t.lang, why)).toString() }
}

/** 2. Safety notice (first time), then one page of problems in plain words from the catalog. */
export function problemMenu(
  t: Turn,
  page: number,
  retry: number,
  safety = false,
  tw = t.twiml(),
): Twiml {
  const rights = getCatalog().rights
  const all = menuRights()
  const pages = Math.ceil(all.length / PAGE)
  const shown = all.slice(page * PAGE, page * PAGE + PAGE)
  if (safety) tw.say(t.lang, t.t('voice:safety'))
  return tw.gather(
    {
      action: t.url('/problem', { p: page, r: retry }),
      noInput: t.url('/problem', { p: page, r: retry, t: 1 }),
      numDigits: 1,
    },
    (g) => {
      if (page === 0) sayTo(g, t.lang, t.t('voice:problem.intro'))
      shown.forEach((r, i) => {
        const question = rights[r as keyof typeof rights].question[t.lang]
        sayTo(g, t.lang, t.t('voice:problem.option', { question, key: i + 1 }))
      })
      if (pages > 1)
        sayTo(g, t.lang, t.t(page + 1 < pages ? 'voice:problem.more' : 'voice:problem.first'))
      sayTo(g, t.lang, t.t('voice:problem.other'))
    },
  )
}

export function onProblem(t: Turn): Reply {
  const page = Number(t.query('p') ?? 0) || 0
  const all = menuRights()
  const pages = Math.ceil(all.length / PAGE)
  const k = t.digits.length === 1 ? Number(t.digits) : NaN
  let right: string | undefined
  if (k >= 1 && k <= PAGE) right = all[page * PAGE + k - 1]
  if (t.digits === '0') right = 'other'
  if (t.digits === '9' && pages > 1)
    return { twiml: problemMenu(t, (page + 1) % pages, 0).toString() }
  if (!right) {
    if (t.retry < 1) {
      const why = t.t(t.digits ? 'voice:menu.invalid' : 'voice:menu.notHeard')
      return {
        twiml: problemMenu(t, page, t.retry + 1, false, t.twiml().say(t.lang, why)).toString(),
      }
    }
    right = 'other'
  }
  t.call.state.right = right
  return {
    twiml: recordPrompt(t, 0).toString(),
    statements: [saveCall(t.deps, t.call, 'record', t.lang)],
  }
}

/** 3. The recorded statement: up to five minutes, # to finish. */
export function recordPrompt(t: Turn, retry: number, tw = t.twiml()): Twiml {
  tw.say(t.lang, t.t('voice:record.prompt'))
  return tw.record({
    action: t.url('/recorded', { r: retry }),
    statusCallback: t.url('/recording', { n: undefined }),
    noAudio: t.url('/recorded', { r: retry, t: 1 }),
  })
}

export function onRecorded(t: Turn): Reply {
  const sid = t.p.RecordingSid
  const duration = Number(t.p.RecordingDuration ?? 0)
  // Whatever Twilio recorded is guarded at once, even a recording too short to keep.
  const guard = sid ? armGuard(t.deps, t.call, 'Recordings', sid) : []
  if (!sid || !(duration >= 1)) {
    if (t.retry >= 1)
      return withGuards(endWithoutCase(t, t.twiml(), t.t('voice:record.none')), guard)
    const tw = recordPrompt(t, t.retry + 1, t.twiml().say(t.lang, t.t('voice:record.notHeard')))
    return {
      twiml: tw.toString(),
      statements: [...guard, saveCall(t.deps, t.call, 'record', t.lang)],
    }
  }
  t.call.state.recordingSid = sid
  t.call.state.duration = Math.round(duration)
  return {
    twiml: workersPrompt(t).toString(),
    statements: [...guard, saveCall(t.deps, t.call, 'workers', t.lang)],
  }
}

const withGuards = (r: Reply, guard: Reply['statements'] = []): Reply => ({
  ...r,
  statements: [...guard, ...(r.statements ?? [])],
})

/** 4a. How many workers (optional: silence or # alone skips). */
export function workersPrompt(t: Turn): Twiml {
  const tw = t.twiml()
  return tw.gather(
    {
      action: t.url('/workers'),
      noInput: t.url('/workers', { t: 1 }),
      finishOnKey: '#',
      timeout: 8,
    },
    (g) => sayTo(g, t.lang, t.t('voice:workers.prompt')),
  )
}

export async function onWorkers(t: Turn): Promise<Reply> {
  const n = /^\d{1,7}$/.test(t.digits) ? Number(t.digits) : 0
  if (n >= 1 && n <= 1_000_000) t.call.state.workers = n
  if (!callableNumber(t.p.From)) return finish(t, false)
  return {
    twiml: callbackPrompt(t, 0).toString(),
    statements: [saveCall(t.deps, t.call, 'callback', t.lang)],
  }
}

/** 4b. May we call back? Yes seals the number with the case; no (or silence) keeps nothing. */
export function callbackPrompt(t: Turn, retry: number, tw = t.twiml()): Twiml {
  return tw.gather(
    {
      action: t.url('/callback', { r: retry }),
      noInput: t.url('/callback', { r: retry, t: 1 }),
      numDigits: 1,
    },
    (g) => sayTo(g, t.lang, t.t('voice:callback.prompt')),
  )
}

export async function onCallback(t: Turn): Promise<Reply> {
  if (t.digits === '1' || t.digits === '2') return finish(t, t.digits === '1')
  if (t.retry >= 1) return finish(t, false)
  const why = t.t(t.digits ? 'voice:menu.invalid' : 'voice:menu.notHeard')
  return { twiml: callbackPrompt(t, t.retry + 1, t.twiml().say(t.lang, why)).toString() }
}

/** 5. File the case and read the receipt, digit by digit, twice; "press 9 to hear it again". */
async function finish(t: Turn, callBack: boolean): Promise<Reply> {
  if (!t.call.state.recordingSid) return endWithoutCase(t, t.twiml(), t.t('voice:record.none'))
  const twiml = await fileCall(
    t.deps,
    { p: t.p, call: t.call, lang: t.lang, t: t.t, callBack, stepKey: t.stepKey },
    (receipt) => receiptTwiml(t, receipt, true),
    () => goodbye(t, t.twiml(), t.t('voice:receipt.saved')).toString(),
  )
  return { twiml, committed: true }
}

export function receiptTwiml(t: Turn, receipt: string, first: boolean): string {
  const tw = t.twiml()
  if (first) tw.say(t.lang, t.t('voice:receipt.saved'))
  const digits = digitByDigit(receipt)
  tw.say(t.lang, t.t('voice:receipt.intro'), digits)
    .pause(1)
    .say(t.lang, t.t('voice:receipt.again'), digits)
  tw.say(t.lang, t.t('voice:receipt.keep'))
  tw.gather({ action: t.url('/receipt'), numDigits: 1, timeout: 5 }, (g) =>
    sayTo(g, t.lang, t.t('voice:receipt.replay')),
  )
  return goodbye(t, tw).toString()
}

export function onReceipt(t: Turn): Reply {
  const receipt = t.call.state.receipt
  if (t.digits === '9' && receipt) return { twiml: receiptTwiml(t, receipt, false) }
  return { twiml: goodbye(t).toString() }
}
