/**
 * A local stand-in for Twilio's REST API (api.twilio.com), speaking its wire format: paths under
 * /2010-04-01/Accounts/{AccountSid}/, HTTP Basic auth with AccountSid:AuthToken, 204 on delete,
 * JSON error bodies {code, message, more_info, status}. Loopback only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeTwilio {
  url: string
  accountSid: string
  authToken: string
  requests: { method: string; path: string; authorized: boolean }[]
  /** Records that still exist (sid → body bytes for recordings). */
  records: Map<string, Uint8Array | null>
  /** How many more times a DELETE of this sid answers 20009 before it succeeds. */
  notYetDeletable: Map<string, number>
  /** How many more times a GET of this recording's audio answers 500 before it succeeds. */
  failingDownloads: Map<string, number>
  /** Messages sent through POST Messages.json (their sid is added to `records`). */
  sent: { sid: string; to: string; from: string; body: string }[]
  /** Media of inbound messages (MediaSid → its message and bytes); deleting the message deletes them. */
  media: Map<string, { messageSid: string; bytes: Uint8Array; type: string }>
  close(): Promise<void>
}

const error = (code: number, status: number, message: string) =>
  JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status })

export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = 'AC' + 'a1'.repeat(16)
  const authToken = 'f'.repeat(32)
  const fake: Omit<FakeTwilio, 'url' | 'close'> = {
    accountSid,
    authToken,
    requests: [],
    records: new Map(),
    notYetDeletable: new Map(),
    failingDownloads: new Map(),
    sent: [],
    media: new Map(),
  }
  const server: Server = createServer((req: IncomingMessage, res) => {
    const path = req.url ?? ''
    const expected = 'Basic ' + Buffer.from(`${accountSid}:${authToken}`).toString('base64')
    const authorized = req.headers.authorization === expected
    fake.requests.push({ method: req.method ?? '', path, authorized })
    res.setHeader('Content-Type', 'application/json')
    if (!authorized) {
      res.writeHead(401).end(error(20003, 401, 'Authenticate'))
      return
    }
    const send = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(path)
    if (send && send[1] === accountSid && req.method === 'POST') {
      let raw = ''
      req.setEncoding('utf8')
      req.on('data', (chunk: string) => (raw += chunk))
      req.on('end', () => {
        const p = new URLSearchParams(raw)
        const to = p.get('To') ?? ''
        const from = p.get('From') ?? p.get('MessagingServiceSid') ?? ''
        if (!/^\+[1-9][0-9]{6,14}$/.test(to) || !from || !p.get('Body')) {
          res.writeHead(400).end(error(21211, 400, "The 'To' number is not a valid phone number."))
          return
        }
        const sid = 'SM' + [...Array(32)].map(() => Math.floor(Math.random() * 16).toString(16)).join('')
        fake.records.set(sid, null)
        fake.sent.push({ sid, to, from, body: p.get('Body')! })
        res.writeHead(201).end(JSON.stringify({ sid, status: 'queued', to, from }))
      })
      return
    }
    const media = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\/([A-Z]{2}[0-9a-f]{32})\/Media\/(ME[0-9a-f]{32})(\.json)?$/.exec(path)
    if (media && media[1] === accountSid) {
      const item = fake.media.get(media[3]!)
      if (!item || item.messageSid !== media[2]) {
        res.writeHead(404).end(error(20404, 404, `The requested resource ${path} was not found`))
        return
      }
      if (req.method === 'DELETE' && media[4]) {
        fake.media.delete(media[3]!)
        res.removeHeader('Content-Type')
        res.writeHead(204).end()
        return
      }
      if (req.method === 'GET' && !media[4] && (fake.failingDownloads.get(media[3]!) ?? 0) > 0) {
        fake.failingDownloads.set(media[3]!, fake.failingDownloads.get(media[3]!)! - 1)
        res.writeHead(500).end(error(20500, 500, 'Internal Server Error'))
        return
      }
      if (req.method === 'GET' && !media[4]) {
        res.setHeader('Content-Type', item.type)
        res.writeHead(200).end(Buffer.from(item.bytes))
        return
      }
      res.writeHead(405).end(error(20004, 405, 'Method not allowed'))
      return
    }
    const m = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/(Messages|Calls|Recordings)\/([A-Z]{2}[0-9a-f]{32})\.(json|wav)$/.exec(path)
    if (!m || m[1] !== accountSid) {
      res.writeHead(404).end(error(20404, 404, `The requested resource ${path} was not found`))
      return
    }
    const sid = m[3]!
    if (!fake.records.has(sid)) {
      res.writeHead(404).end(error(20404, 404, `The requested resource ${path} was not found`))
      return
    }
    if (req.method === 'DELETE') {
      const left = fake.notYetDeletable.get(sid) ?? 0
      if (left > 0) {
        fake.notYetDeletable.set(sid, left - 1)
        res.writeHead(409).end(error(20009, 409, 'Cannot delete this resource before it is complete'))
        return
      }
      fake.records.delete(sid)
      // Twilio deletes a message's media with it.
      for (const [me, item] of fake.media) if (item.messageSid === sid) fake.media.delete(me)
      res.removeHeader('Content-Type')
      res.writeHead(204).end()
      return
    }
    if (req.method === 'GET' && m[4] === 'wav' && (fake.failingDownloads.get(sid) ?? 0) > 0) {
      fake.failingDownloads.set(sid, fake.failingDownloads.get(sid)! - 1)
      res.writeHead(500).end(error(20500, 500, 'Internal Server Error'))
      return
    }
    if (req.method === 'GET' && m[4] === 'wav') {
      res.setHeader('Content-Type', 'audio/x-wav')
      res.writeHead(200).end(Buffer.from(fake.records.get(sid) ?? new Uint8Array()))
      return
    }
    res.writeHead(405).end(error(20004, 405, 'Method not allowed'))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}

/** The environment that points a test runtime's Twilio REST calls at this fake. */
export function twilioEnv(t: FakeTwilio): Record<string, string> {
  return { TWILIO_ACCOUNT_SID: t.accountSid, TWILIO_AUTH_TOKEN: t.authToken, TWILIO_API_BASE: t.url }
}
