/** @jsxImportSource hono/jsx */
/**
 * @module channels/voice/dev-panel
 * The voice mode of the development phone simulator (/dev/phone, channels/dev): a "Call" button,
 * a keypad, "Silence" (let a prompt time out), a "Record" button and "Hang up". It follows the
 * TwiML as Twilio would: keys go to the `<Gather>` action (at once for one-key menus, on `#`
 * otherwise), silence follows the `<Redirect>`, "Stop" posts RecordingSid/RecordingDuration to
 * the `<Record>` action and then Twilio's recording status callback. Every `<Say>` is shown with
 * its language. No audio is captured (the CSP forbids the microphone): the recording is a
 * made-up RecordingSid, so without Twilio REST the case says "not retrieved", as it should.
 *
 * Wiring (channels/dev, owned by the SMS channel): render `<VoicePanel />` next to the SMS panel,
 * append `VOICE_PANEL_JS` to the simulator's script and `VOICE_PANEL_CSS` to its stylesheet, and
 * let `/dev/phone/sign` accept a query string (the IVR's URLs carry `?l=…&n=…`).
 */

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']

/** The voice panel's markup. */
export function VoicePanel() {
  return (
    <section class="panel" data-panel="voice" aria-labelledby="voice-title">
      <h2 id="voice-title">Voice call</h2>
      <div class="row">
        <button type="button" id="call-start">
          Call
        </button>
        <button type="button" id="call-hangup" class="secondary" disabled>
          Hang up
        </button>
      </div>
      <ol id="call-log" class="thread" aria-live="polite"></ol>
      <div class="keypad" role="group" aria-label="Keypad">
        {KEYS.map((k) => (
          <button type="button" class="key" data-key={k} disabled>
            {k}
          </button>
        ))}
      </div>
      <div class="row">
        <button type="button" id="call-silence" class="secondary" disabled>
          Silence (time out)
        </button>
        <button type="button" id="call-record" disabled>
          Record
        </button>
      </div>
    </section>
  )
}

/** The panel's behaviour; self-registering after the simulator's own script. */
export const VOICE_PANEL_JS = `
;(() => {
  const phone = window.devPhone
  const $ = (id) => document.getElementById(id)
  let call = null

  const log = (kind, text, note) => phone.bubble(kind, text, note, 'call-log')

  const params = (extra) => ({
    AccountSid: 'AC' + '0'.repeat(32), ApiVersion: '2010-04-01', CallSid: call.sid,
    CallStatus: 'in-progress', Direction: 'inbound', From: $('from').value, Caller: $('from').value,
    To: $('to').value, Called: $('to').value, ToCountry: $('country').value,
    FromCountry: $('country').value, ...extra,
  })

  const pathOf = (url) => { const u = new URL(url, location.href); return u.pathname + u.search }

  function setButtons() {
    const live = Boolean(call && !call.ended)
    const t = call && call.twiml
    $('call-start').disabled = live
    $('call-hangup').disabled = !live
    for (const b of document.querySelectorAll('.key')) b.disabled = !(live && t && t.gather)
    $('call-silence').disabled = !(live && t && (t.redirect || t.gather || t.record))
    $('call-record').disabled = !(live && t && t.record)
    $('call-record').textContent = call && call.recordingSince ? 'Stop (#)' : 'Record'
  }

  async function post(url, extra) {
    const r = await phone.webhook(pathOf(url), params(extra || {}))
    if (r.status !== 200 || !r.doc) {
      log('error', 'HTTP ' + r.status)
      call.ended = true
      return setButtons()
    }
    const root = r.doc.documentElement
    const t = { gather: null, record: null, redirect: null, hangup: false }
    const show = (el) => {
      if (el.tagName === 'Say') log('in', el.textContent, el.getAttribute('language'))
      if (el.tagName === 'Pause') log('note', '(pause ' + (el.getAttribute('length') || 1) + ' s)')
    }
    for (const el of Array.from(root.children)) {
      show(el)
      if (el.tagName === 'Gather') { t.gather = el; Array.from(el.children).forEach(show) }
      if (el.tagName === 'Record') {
        t.record = el
        log('note', '(beep: recording, up to ' + el.getAttribute('maxLength') + ' s)')
      }
      if (el.tagName === 'Redirect' && !t.redirect) t.redirect = el.textContent.trim()
      if (el.tagName === 'Hangup') t.hangup = true
    }
    call.twiml = t
    call.keys = ''
    if (t.hangup && !t.gather) { log('note', '(the hotline hung up)'); call.ended = true }
    setButtons()
  }

  async function press(key) {
    const g = call.twiml.gather
    log('out', key)
    const finish = g.getAttribute('finishOnKey')
    const n = Number(g.getAttribute('numDigits') || 0)
    if (finish && key === finish) return post(g.getAttribute('action'), { Digits: call.keys })
    call.keys += key
    if (n && call.keys.length >= n) return post(g.getAttribute('action'), { Digits: call.keys })
  }

  async function silence() {
    const t = call.twiml
    log('note', '(silence)')
    if (t.redirect) return post(t.redirect)
    log('note', '(the hotline hung up)')
    call.ended = true
    setButtons()
  }

  async function record() {
    const rec = call.twiml.record
    if (!call.recordingSince) {
      call.recordingSince = Date.now()
      log('out', '(speaking…)')
      return setButtons()
    }
    const seconds = String(Math.max(1, Math.round((Date.now() - call.recordingSince) / 1000)))
    call.recordingSince = null
    const RecordingSid = phone.sid('RE')
    log('out', '# (' + seconds + ' s recorded)')
    const done = { RecordingSid, RecordingDuration: seconds }
    await post(rec.getAttribute('action'), { ...done, Digits: '#' })
    const cb = rec.getAttribute('recordingStatusCallback')
    if (cb) await phone.webhook(pathOf(cb), params({ ...done, RecordingStatus: 'completed' }))
  }

  function init() {
    $('call-start').addEventListener('click', async () => {
      $('call-log').replaceChildren()
      call = { sid: phone.sid('CA'), twiml: null, keys: '', ended: false, recordingSince: null }
      log('out', '(calling ' + $('to').value + ')')
      await post('/twilio/voice')
    })
    $('call-hangup').addEventListener('click', async () => {
      call.ended = true
      setButtons()
      log('out', '(hung up)')
      await phone.webhook('/twilio/voice/status', params({ CallStatus: 'completed' }))
    })
    for (const b of document.querySelectorAll('.key')) {
      b.addEventListener('click', () => press(b.dataset.key))
    }
    $('call-silence').addEventListener('click', silence)
    $('call-record').addEventListener('click', record)
  }

  phone.panels.voice = init
  if (document.querySelector('[data-panel="voice"]')) init()
})()
`

/** The keypad's look. */
export const VOICE_PANEL_CSS = `.keypad{display:grid;grid-template-columns:repeat(3,1fr);gap:.4rem}
.keypad{margin-top:.5rem}
.keypad .key{font-size:1.3rem;padding:.6rem 0}
`
