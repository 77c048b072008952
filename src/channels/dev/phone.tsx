/** @jsxImportSource hono/jsx */
/**
 * @module channels/dev/phone
 * The phone simulator (development only): a page at /dev/phone from which a person texts the
 * hotline in a browser. The page asks the server to sign each webhook with the development
 * Twilio auth token (`POST /dev/phone/sign`), then posts it to /twilio/sms itself, exactly as
 * Twilio would, and shows the TwiML reply with its encoding and segment count.
 *
 * Every route here answers 404 when HOTLINE_ENV is production, wherever it is mounted. The
 * signing route signs only paths under /twilio/, and only for the simulator's own page in a
 * browser on this machine (`fromSimulatorPage`): a bare `curl` gets 403, and so does a page of
 * another site, or of a name that resolves to this machine (DNS rebinding).
 *
 * Extending it (voice): the client exposes `window.devPhone = { webhook, sid, bubble, panels }`;
 * add a panel (keypad, record button) to `PhonePage`'s `panels` and its behaviour to
 * `PHONE_JS` (channels/dev/phone-assets), posting to `/twilio/voice…` with `webhook(path, params)`.
 */
import { Hono, type Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { AppEnv } from '../../deps.js'
import { isLoopbackHost } from '../../loopback.js'
import { measure } from '../sms/segments.js'
import { twilioSignature } from '../twilio/signature.js'
import { VOICE_PANEL_CSS, VOICE_PANEL_JS, VoicePanel } from '../voice/dev-panel.js'
import { devTwilioMedia, WHATSAPP_PANEL_JS, WhatsAppPanel } from '../whatsapp/dev-panel.js'
import { PHONE_CSS, PHONE_JS } from './phone-assets.js'

export const devPhoneRoutes = new Hono<AppEnv>()

/**
 * The simulator signs webhooks with the real auth token, so it exists only in development AND
 * when the hotline's public URL is this machine: a development server reachable from elsewhere
 * must not hand out signatures.
 */
export function simulatorEnabled(config: { env: string; publicBaseUrl: string }): boolean {
  if (config.env === 'production') return false
  return isLoopbackHost(new URL(config.publicBaseUrl).hostname)
}

devPhoneRoutes.use('*', async (c, next) => {
  if (!simulatorEnabled(c.get('deps').config)) return c.text('Not Found', 404)
  await next()
})

/** The simulator's page; `panels` are the device's modes (SMS today; voice later). */
export function PhonePage(props: { panels?: Child; tokenMissing: boolean }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Phone simulator · development</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/dev/phone/app.css" />
        <script type="module" src="/dev/phone/app.js"></script>
      </head>
      <body>
        <main class="device">
          <h1>Phone simulator</h1>
          <p class="dev">Development only. Messages are signed webhooks to this server.</p>
          {props.tokenMissing ? (
            <p class="warn">TWILIO_AUTH_TOKEN is not set: webhooks will be refused.</p>
          ) : null}
          <fieldset>
            <legend>This phone</legend>
            <label for="from">From (the worker's number)</label>
            <input id="from" name="from" type="tel" value="+5214775550123" />
            <label for="to">To (the hotline)</label>
            <input id="to" name="to" type="text" value="12345" />
            <label for="country">Country of both numbers (FromCountry, ToCountry)</label>
            <select id="country" name="country">
              <option value="MX">MX</option>
              <option value="US">US</option>
              <option value="GT">GT</option>
              <option value="CI">CI</option>
              <option value="">(none: the hotline asks)</option>
            </select>
          </fieldset>
          {props.panels ?? <SmsPanel />}
          <noscript>The simulator needs JavaScript.</noscript>
        </main>
      </body>
    </html>
  )
}

/** The SMS mode: a thread and a box to type in. */
export function SmsPanel() {
  return (
    <section class="panel" data-panel="sms" aria-labelledby="sms-title">
      <h2 id="sms-title">Text messages</h2>
      <ol id="thread" class="thread" aria-live="polite"></ol>
      <form id="sms-form">
        <label for="body">Message</label>
        <textarea id="body" name="body" rows={3}></textarea>
        <div class="row">
          <button type="submit" id="send">
            Send
          </button>
          <button type="button" id="resend" class="secondary" disabled>
            Resend last (same MessageSid)
          </button>
        </div>
      </form>
    </section>
  )
}

// The WhatsApp mode's fake media URL (a stand-in for Twilio's REST API: channels/whatsapp/dev-panel).
devPhoneRoutes.route('/twilio', devTwilioMedia)

devPhoneRoutes.get('/phone', (c) => {
  return c.html(
    '<!doctype html>' +
      String(
        <PhonePage
          tokenMissing={!c.get('deps').config.twilioAuthToken}
          panels={
            <>
              <SmsPanel />
              <WhatsAppPanel />
              <VoicePanel />
            </>
          }
        />,
      ),
  )
})

devPhoneRoutes.get('/phone/app.js', (c) =>
  c.body(PHONE_JS + VOICE_PANEL_JS + WHATSAPP_PANEL_JS, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
)

devPhoneRoutes.get('/phone/app.css', (c) =>
  c.body(PHONE_CSS + VOICE_PANEL_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
)

/**
 * A JSON request from the simulator's own page, in a browser, on this machine: the Host is a
 * loopback name, the browser says it is same-origin (`Sec-Fetch-Site`, which a page cannot
 * forge) and sends the request's own origin, and the connection comes from this machine.
 * Tools like curl send none of these headers; a cross-site page or a rebinding name sends others.
 */
function fromSimulatorPage(c: Context<AppEnv>): boolean {
  const url = new URL(c.req.url)
  const host = (c.req.header('host') ?? url.host).replace(/:\d+$/, '')
  const remote = c.get('deps').remoteAddress(c)
  return (
    (c.req.header('content-type') ?? '').startsWith('application/json') &&
    isLoopbackHost(host) &&
    isLoopbackHost(url.hostname) &&
    c.req.header('sec-fetch-site') === 'same-origin' &&
    c.req.header('origin') === url.origin &&
    (remote === undefined || isLoopbackHost(remote))
  )
}

devPhoneRoutes.post('/phone/sign', async (c) => {
  const token = c.get('deps').config.twilioAuthToken
  if (!token || !fromSimulatorPage(c)) return c.json({ error: 'forbidden' }, 403)
  const body = (await c.req.json().catch(() => null)) as { path?: unknown; params?: unknown } | null
  const path = body?.path
  const params = body?.params
  if (
    typeof path !== 'string' ||
    !/^\/twilio\/[\w/.-]*(\?[\w=&%.-]*)?$/.test(path) ||
    !params ||
    typeof params !== 'object'
  ) {
    return c.json({ error: 'bad_request' }, 400)
  }
  const clean: Record<string, string> = {}
  for (const [k, v] of Object.entries(params)) if (typeof v === 'string') clean[k] = v
  const signature = await twilioSignature(token, c.get('deps').config.publicBaseUrl + path, clean)
  return c.json({ signature })
})

devPhoneRoutes.post('/phone/measure', async (c) => {
  if (!fromSimulatorPage(c)) return c.json({ error: 'forbidden' }, 403)
  const body = (await c.req.json().catch(() => null)) as { text?: unknown } | null
  if (typeof body?.text !== 'string') return c.json({ error: 'bad_request' }, 400)
  return c.json(measure(body.text))
})
