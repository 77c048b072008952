/**
 * @module channels/dev/phone-assets
 * The phone simulator's script and stylesheet, served from the origin (the CSP allows no inline
 * script or style). Plain browser JavaScript, no build step.
 */

/** The simulator's client: signs through /dev/phone/sign, posts the webhook, shows the TwiML. */
export const PHONE_JS = `const $ = (id) => document.getElementById(id)
const json = (url, data) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(data) })
    .then((r) => r.json())

/** A Twilio-shaped SID: prefix + 32 hex digits. */
function sid(prefix) {
  const b = crypto.getRandomValues(new Uint8Array(16))
  return prefix + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')
}

/** Sign params for path with the development token, POST them as Twilio does, parse the TwiML. */
async function webhook(path, params) {
  const { signature } = await json('/dev/phone/sign', { path, params })
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature || '' },
    body: new URLSearchParams(params),
  })
  const xml = await res.text()
  const doc = res.ok ? new DOMParser().parseFromString(xml, 'text/xml') : null
  return { status: res.status, xml, doc }
}

/**
 * Add a bubble to a list (the SMS thread by default): 'out' (the worker) or 'in' (the hotline),
 * with an optional note. Panels pass their own list's id.
 */
function bubble(kind, text, note, listId) {
  const li = document.createElement('li')
  li.className = 'msg ' + kind
  const p = document.createElement('p')
  p.textContent = text
  li.append(p)
  if (note) {
    const small = document.createElement('small')
    small.textContent = note
    li.append(small)
  }
  $(listId || 'thread').append(li)
  li.scrollIntoView({ block: 'end' })
  return li
}

function smsParams(body, messageSid) {
  const country = $('country').value
  return {
    ToCountry: country, ToState: '', SmsMessageSid: messageSid, NumMedia: '0', ToCity: '',
    FromZip: '', SmsSid: messageSid, FromState: '', SmsStatus: 'received', FromCity: '',
    Body: body, FromCountry: country, To: $('to').value, ToZip: '', NumSegments: '1',
    MessageSid: messageSid, AccountSid: 'AC' + '0'.repeat(32), From: $('from').value,
    ApiVersion: '2010-04-01',
  }
}

let last = null

async function sendSms(params) {
  const r = await webhook('/twilio/sms', params)
  if (r.status !== 200) return bubble('error', 'HTTP ' + r.status)
  const messages = Array.from(r.doc.getElementsByTagName('Message'))
  if (messages.length === 0) return bubble('note', '(no reply)')
  for (const m of messages) {
    const info = await json('/dev/phone/measure', { text: m.textContent })
    bubble('in', m.textContent, info.encoding + ', ' + info.segments + ' segment' + (info.segments === 1 ? '' : 's'))
  }
}

const panels = {
  sms() {
    $('sms-form').addEventListener('submit', async (e) => {
      e.preventDefault()
      const body = $('body').value
      last = smsParams(body, sid('SM'))
      bubble('out', body || '(empty)')
      $('body').value = ''
      $('resend').disabled = false
      await sendSms(last)
    })
    $('resend').addEventListener('click', async () => {
      if (!last) return
      bubble('out', last.Body || '(empty)', 'resent: same MessageSid')
      await sendSms(last)
    })
  },
}

window.devPhone = { webhook, sid, bubble, panels }
for (const el of document.querySelectorAll('[data-panel]')) panels[el.dataset.panel]?.()
`

export const PHONE_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:system-ui,sans-serif;background:#e8e8e3;color:#1a1a1a}
.device{max-width:24rem;margin:1rem auto;background:#fff;border:3px solid #333;border-radius:1.5rem;padding:1rem}
h1{font-size:1.2rem;margin:.2rem 0}h2{font-size:1rem}
.dev{font-size:.85rem;color:#555}.warn{color:#a40000;font-weight:600}
fieldset{border:1px solid #bbb;border-radius:.4rem}
label{display:block;font-size:.85rem;margin-top:.4rem}
input,select,textarea{width:100%;font-size:1rem;padding:.4rem;border:1px solid #777;border-radius:.3rem}
.row{display:flex;gap:.5rem;margin-top:.5rem}
button{background:#0b5d4b;color:#fff;border:0;border-radius:.4rem;padding:.5rem .9rem;font-size:1rem}
button.secondary{background:#fff;color:#0b5d4b;border:2px solid #0b5d4b}
button:disabled{opacity:.5}
.thread{list-style:none;padding:0;max-height:60vh;overflow-y:auto}
.msg{margin:.4rem 0;max-width:85%;padding:.5rem .7rem;border-radius:.8rem;white-space:pre-wrap}
.msg p{margin:0}.msg small{display:block;font-size:.75rem;opacity:.75;margin-top:.2rem}
.msg.out{margin-left:auto;background:#0b5d4b;color:#fff}
.msg.in{background:#eee}
.msg.note,.msg.error{background:none;color:#555;font-style:italic;max-width:100%}
.msg.error{color:#a40000}
`
