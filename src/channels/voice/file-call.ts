/**
 * @module channels/voice/file-call
 * Turning a finished call into a case, at the one moment the caller is told the receipt: the
 * case, the recording row and its fetch job, the call's new state and the TwiML that reads the
 * receipt are written in one batch (through fileReport's `extra`). Before that moment nothing
 * is filed; after it, a retried webhook replays the same TwiML and files nothing new.
 *
 * A voice report has no typed text: its description is a translated line saying that an
 * encrypted voice statement exists (and how long it is), plus the problem chosen on the keypad.
 * Its country comes from the number that was called (Twilio's `ToCountry`: the hotline's own
 * number, nothing about the caller), else from the language (es → MX, fr → CI, en → US).
 */
import { getCatalog } from '../../catalog/index.js'
import type { Deps } from '../../deps.js'
import { fileReport } from '../../intake/file-report.js'
import { rememberReply, replayFor } from '../../intake/replay.js'
import { validateSubmission, type Submission } from '../../intake/schema.js'
import { intakeVocabulary } from '../../intake/vocabulary.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { perLang } from '../../i18n/languages.js'
import type { TwilioParams } from '../twilio/signature.js'
import { attachRecording } from './recording.js'
import { canErase, loadCall, saveCall, type Call } from './state.js'

/** Countries assumed when the called number's country is unknown to the catalog (registry data). */
const COUNTRY_BY_LANG = perLang((l) => l.defaultCountry)

/** Caller IDs Twilio sends when the number is withheld: nobody could call these back. */
const WITHHELD = new Set(['+266696687', '+7378742833', '+2562533', '+86282452253', '+8656696'])

/** True when the caller's number is a real E.164 number we could call back. */
export function callableNumber(from: string | undefined): from is string {
  return typeof from === 'string' && /^\+[1-9]\d{7,14}$/.test(from) && !WITHHELD.has(from)
}

/** The case's country: the called number's, else the language's default. */
export function countryFor(toCountry: string | undefined, lang: Lang): string {
  const known = intakeVocabulary(getCatalog()).countries
  const to = (toCountry ?? '').toUpperCase()
  if (known.has(to)) return to
  const byLang = COUNTRY_BY_LANG[lang]
  return known.has(byLang) ? byLang : ([...known][0] ?? 'MX')
}

/** "2 min 14 s" in the call's language. */
export function spokenDuration(t: TFunction, seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  return t('voice:case.duration', { min: Math.floor(s / 60), sec: s % 60 })
}

/** The submission a finished call amounts to (validated like every channel's). */
export function voiceSubmission(
  deps: Deps,
  p: TwilioParams,
  call: Call,
  lang: Lang,
  t: TFunction,
  callBack: boolean,
): Submission {
  const { right = 'other', duration = 0, workers } = call.state
  const catalog = getCatalog()
  const title = catalog.rights[right as keyof typeof catalog.rights]?.title[lang]
  const stored = canErase(deps, call.state.recordingSid)
  const lines = [
    t(stored ? 'voice:case.statement' : 'voice:case.notRetrieved', {
      duration: spokenDuration(t, duration),
    }),
  ]
  if (title) lines.push(t('voice:case.problem', { title }))
  const base = {
    language: lang,
    country: countryFor(p.ToCountry, lang),
    employer: t('voice:case.employer'),
    description: lines.join('\n'),
    rights: [right],
    ...(workers ? { workersAffected: workers } : {}),
  }
  const vocab = intakeVocabulary(catalog)
  if (callBack && callableNumber(p.From)) {
    const withContact = validateSubmission(
      { ...base, contact: { phone: p.From }, consentToContact: true },
      vocab,
    )
    // A caller ID the intake refuses is simply not kept.
    if (withContact.ok) return withContact.value
  }
  const checked = validateSubmission(base, vocab)
  if (!checked.ok) {
    throw new Error(`voice submission invalid: ${Object.keys(checked.fields).join(', ')}`)
  }
  return checked.value
}

/**
 * File the call's report and commit, in the same batch, the reply that reads its receipt.
 * Returns that reply (on a concurrent repeat: the reply the first delivery committed). A late
 * step of a call already filed, once the call has ended and its receipt was forgotten, gets
 * `filedTwiml` (saved, no receipt).
 */
export async function fileCall(
  deps: Deps,
  a: { p: TwilioParams; call: Call; lang: Lang; t: TFunction; callBack: boolean; stepKey: string },
  receiptTwiml: (receipt: string) => string,
  filedTwiml: () => string,
): Promise<string> {
  const { call, p } = a
  const recordingSid = call.state.recordingSid!
  let twiml = ''
  const filed = await fileReport(deps, voiceSubmission(deps, p, call, a.lang, a.t, a.callBack), {
    channel: 'voice',
    idempotencyKey: `voice:${p.CallSid}`,
    extra: (caseId, receipt) => {
      twiml = receiptTwiml(receipt)
      const attach = attachRecording(deps, call, {
        caseId,
        callSid: p.CallSid!,
        recordingSid,
        duration: call.state.duration ?? 0,
        purpose: 'statement',
      })
      call.state.receipt = receipt
      return [
        ...attach,
        saveCall(deps, call, 'filed', a.lang, caseId),
        rememberReply(deps, a.stepKey, twiml),
      ]
    },
  })
  if (!filed.duplicate) return twiml
  const seen = await replayFor(deps, a.stepKey)
  if (seen !== undefined) return seen
  // Filed by another step of this call (a racing repeat): read the receipt it kept, if it still
  // does (the call's end forgets it: a step arriving after that must not read it or fail).
  const receipt = (await loadCall(deps, p.CallSid!)).state.receipt
  return receipt ? receiptTwiml(receipt) : filedTwiml()
}
