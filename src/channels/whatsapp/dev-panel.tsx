/** @jsxImportSource hono/jsx */
/**
 * @module channels/whatsapp/dev-panel
 * The WhatsApp mode of the development phone simulator (/dev/phone, channels/dev): the same
 * thread as SMS, posted to /twilio/whatsapp in Twilio's WhatsApp format (`From=whatsapp:+52…`,
 * ProfileName, WaId), plus a "voice note" button that sends a short generated audio file as media
 * (NumMedia=1, MediaContentType0=audio/ogg, MediaUrl0 on this server's fake media URL).
 *
 * The fake media URL is a stand-in for Twilio's REST API, served under /dev/twilio/ (development
 * only, like everything under /dev): GET a message's media answers a silent Ogg Opus voice note
 * (channels/whatsapp/ogg), DELETE a media or message answers 204. Start the server with
 * `TWILIO_ACCOUNT_SID=AC<32 hex>` and `TWILIO_API_BASE=http://localhost:8787/dev/twilio` and the
 * voice-note job fetches, seals and "erases" the note there; without them the case shows the note
 * as not retrieved, as a server without Twilio REST credentials does.
 */
import { Hono } from 'hono'
import type { AppEnv } from '../../deps.js'
import { silentVoiceNote } from './ogg.js'

/** Seconds of the simulator's voice notes. */
export const DEV_NOTE_SECONDS = 5

export function WhatsAppPanel() {
  return (
    <section class="panel" data-panel="whatsapp" aria-labelledby="wa-title">
      <h2 id="wa-title">WhatsApp</h2>
      <label for="wa-name">WhatsApp profile name (ProfileName)</label>
      <input id="wa-name" name="wa-name" type="text" value="María López" />
      <ol id="wa-thread" class="thread" aria-live="polite"></ol>
      <form id="wa-form">
        <label for="wa-body">Message</label>
        <textarea id="wa-body" name="wa-body" rows={3}></textarea>
        <div class="row">
          <button type="submit" id="wa-send">
            Send
          </button>
          <button type="button" id="wa-voice" class="secondary">
            Voice note ({DEV_NOTE_SECONDS} s)
          </button>
          <button type="button" id="wa-photo" class="secondary">
            Photo
          </button>
        </div>
      </form>
    </section>
  )
}

export const WHATSAPP_PANEL_JS = `
;(() => {
  const phone = window.devPhone
  const $ = (id) => document.getElementById(id)
  const HOTLINE = 'whatsapp:+14155238886'
  const ACCOUNT = 'AC' + '0'.repeat(32)
  const log = (kind, text, note) => phone.bubble(kind, text, note, 'wa-thread')

  function params(body, messageSid, media) {
    const number = $('from').value.trim()
    const p = {
      SmsMessageSid: messageSid, NumMedia: media ? '1' : '0', ProfileName: $('wa-name').value,
      MessageType: media ? (media.startsWith('audio/') ? 'audio' : 'image') : 'text',
      SmsSid: messageSid, WaId: number.replace(/^\\+/, ''), SmsStatus: 'received', Body: body,
      To: HOTLINE, NumSegments: '1', ReferralNumMedia: '0', MessageSid: messageSid,
      AccountSid: ACCOUNT, From: 'whatsapp:' + number, ApiVersion: '2010-04-01',
    }
    if (media) {
      p.MediaContentType0 = media
      p.MediaUrl0 = location.origin + '/dev/twilio/2010-04-01/Accounts/' + ACCOUNT + '/Messages/' +
        messageSid + '/Media/' + phone.sid('ME')
    }
    return p
  }

  async function send(p) {
    const r = await phone.webhook('/twilio/whatsapp', p)
    if (r.status !== 200) return log('error', 'HTTP ' + r.status)
    const messages = Array.from(r.doc.getElementsByTagName('Message'))
    if (messages.length === 0) return log('note', '(no reply)')
    for (const m of messages) log('in', m.textContent, m.textContent.length + ' characters')
  }

  phone.panels.whatsapp = () => {
    $('wa-form').addEventListener('submit', async (e) => {
      e.preventDefault()
      const body = $('wa-body').value
      log('out', body || '(empty)')
      $('wa-body').value = ''
      await send(params(body, phone.sid('SM')))
    })
    $('wa-voice').addEventListener('click', async () => {
      const p = params('', phone.sid('MM'), 'audio/ogg')
      log('out', '🎤 voice note (${DEV_NOTE_SECONDS} s, silent)', p.MediaUrl0)
      await send(p)
    })
    $('wa-photo').addEventListener('click', async () => {
      log('out', '📷 photo')
      await send(params('', phone.sid('MM'), 'image/jpeg'))
    })
  }
  phone.panels.whatsapp()
})()
`

/** A local stand-in for Twilio's media endpoints (development only: mounted under /dev). */
export const devTwilioMedia = new Hono<AppEnv>()

const MEDIA = '/2010-04-01/Accounts/:account{AC[0-9a-f]{32}}/Messages/:message{(?:SM|MM)[0-9a-f]{32}}/Media'

devTwilioMedia.get(`${MEDIA}/:media{ME[0-9a-f]{32}}`, (c) =>
  c.body(silentVoiceNote(DEV_NOTE_SECONDS).buffer as ArrayBuffer, 200, { 'Content-Type': 'audio/ogg' }),
)
devTwilioMedia.delete(`${MEDIA}/:media{ME[0-9a-f]{32}\\.json}`, (c) => c.body(null, 204))
devTwilioMedia.delete(
  '/2010-04-01/Accounts/:account{AC[0-9a-f]{32}}/:kind{Messages|Calls|Recordings}/:sid{[A-Z]{2}[0-9a-f]{32}\\.json}',
  (c) => c.body(null, 204),
)
