/**
 * @module channels/voice/twiml
 * TwiML building blocks for the IVR, over the twilio package's VoiceResponse (deep import: it
 * keeps the Workers bundle small). Every spoken line goes through `say()`, which sets the
 * caller's language and a voice that speaks it; every URL Twilio calls back is absolute, built
 * from PUBLIC_BASE_URL, because that is the URL Twilio signs.
 */
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js'
import { perLang, type Lang } from '../../i18n/languages.js'

/** Text-to-speech settings per language, from the registry (fr-FR: Twilio has no fr-CI voice). */
export const SPEECH = perLang((l) => l.speech) as Record<
  Lang,
  Required<Pick<VoiceResponse.SayAttributes, 'language' | 'voice'>>
>

/** Where the IVR lives, under PUBLIC_BASE_URL. */
export const VOICE_PATH = '/twilio/voice'

/** Seconds to wait for a key after a menu has been read. */
const KEY_TIMEOUT_S = 6
/** The longest statement a caller can record (the issue: five minutes). */
export const MAX_RECORD_S = 300

export type Query = Record<string, string | number | undefined>

/** Anything that can hold `<Say>`: the response itself or a `<Gather>`. */
export interface Speaker {
  say(attributes: VoiceResponse.SayAttributes, message: string): unknown
}

/** A TwiML document under construction, with the helpers every step uses. */
export class Twiml {
  readonly r = new VoiceResponse()

  constructor(readonly base: string) {}

  /** An absolute callback URL: PUBLIC_BASE_URL + /twilio/voice + path + query. */
  url(path: string, query: Query = {}): string {
    return voiceUrl(this.base, path, query)
  }

  /** Speak one or more lines in `lang`, each a `<Say>` with its language and voice. */
  say(lang: Lang, ...lines: string[]): this {
    for (const line of lines) sayTo(this.r, lang, line)
    return this
  }

  /**
   * A one-key (or `finishOnKey`-terminated) keypad menu. What the prompt says goes inside the
   * `<Gather>` so a key press interrupts it; a `<Redirect>` to `noInput` (if given) follows for
   * silence, otherwise whatever the caller adds next.
   */
  gather(
    opts: {
      action: string
      noInput?: string
      numDigits?: number
      finishOnKey?: string
      timeout?: number
    },
    prompt: (g: Speaker) => void,
  ): this {
    const g = this.r.gather({
      input: ['dtmf'],
      action: opts.action,
      method: 'POST',
      timeout: opts.timeout ?? KEY_TIMEOUT_S,
      ...(opts.numDigits ? { numDigits: opts.numDigits } : {}),
      ...(opts.finishOnKey ? { finishOnKey: opts.finishOnKey } : {}),
    })
    prompt(g)
    if (opts.noInput) this.r.redirect({ method: 'POST' }, opts.noInput)
    return this
  }

  /**
   * `<Record>` up to five minutes, `#` to finish, a beep; Twilio calls `action` with the
   * RecordingSid, and `statusCallback` when the audio is ready (or absent). With no audio at all
   * Twilio skips `action` and moves on, so a `<Redirect>` to `noAudio` follows.
   */
  record(opts: { action: string; statusCallback: string; noAudio: string }): this {
    this.r.record({
      action: opts.action,
      method: 'POST',
      maxLength: MAX_RECORD_S,
      finishOnKey: '#',
      playBeep: true,
      timeout: 10,
      trim: 'trim-silence',
      recordingStatusCallback: opts.statusCallback,
      recordingStatusCallbackMethod: 'POST',
      recordingStatusCallbackEvent: ['completed', 'absent'],
    })
    this.r.redirect({ method: 'POST' }, opts.noAudio)
    return this
  }

  pause(seconds = 1): this {
    this.r.pause({ length: seconds })
    return this
  }

  redirect(url: string): this {
    this.r.redirect({ method: 'POST' }, url)
    return this
  }

  hangup(): this {
    this.r.hangup()
    return this
  }

  toString(): string {
    return this.r.toString()
  }
}

/** An absolute IVR URL; empty query values are left out. */
export function voiceUrl(base: string, path: string, query: Query = {}): string {
  const q = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return `${base}${VOICE_PATH}${path}${q ? `?${q}` : ''}`
}

/** `<Say>` one line in `lang` into a response or a gather. */
export function sayTo(node: Speaker, lang: Lang, text: string): void {
  node.say({ language: SPEECH[lang].language, voice: SPEECH[lang].voice }, text)
}

/** "1234 5678 …" as digits a voice reads one by one: "1, 2, 3, 4. 5, 6, 7, 8." */
export function digitByDigit(receipt: string): string {
  const groups = receipt.replace(/\D/g, '').match(/\d{1,4}/g) ?? []
  return groups.map((g) => `${g.split('').join(', ')}.`).join(' ')
}

/** An empty `<Response/>` (status callbacks expect 200 and ignore the body). */
export const EMPTY = new VoiceResponse().toString()
