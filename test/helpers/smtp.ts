/**
 * A real SMTP server on loopback (smtp-server, from the nodemailer project) that keeps every
 * message it accepts, and can be told to refuse. Tests read the raw message and a decoded view.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

/** The account the test server accepts (the password needs percent-encoding in SMTP_URL). */
export const SMTP_USER = 'hotline'
export const SMTP_PASS = 'p@ss word'

export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[]
  raw: string
  /** Headers unfolded, encoded words decoded. */
  subject: string
  headers: string
  /** The body, quoted-printable or base64 decoded. */
  text: string
}

export interface TestSmtp {
  port: number
  /** SMTP_URL for this server, with its user and password. */
  url: string
  mails: ReceivedMail[]
  /** While set, every message is refused with this SMTP code (e.g. 451: try again later). */
  refuse: number | undefined
  close(): Promise<void>
}

/** `unref`: do not keep the process alive (a server started by a config file). */
export async function startSmtp(opts: { unref?: boolean } = {}): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    url: '',
    mails: [],
    refuse: undefined,
    close: async () => {},
  }
  const server = new SMTPServer({
    authOptional: true,
    // Loopback without TLS: sign-in over plain text is allowed here only.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    onAuth(auth, _session, cb) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASS) return cb(null, { user: auth.username })
      cb(new Error('Invalid username or password'))
    },
    logger: false,
    onRcptTo(_address, _session, cb) {
      if (state.refuse) {
        const err = new Error('Try again later') as Error & { responseCode: number }
        err.responseCode = state.refuse
        return cb(err)
      }
      cb()
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8')
        state.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, ...decode(raw) })
        cb()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  if (opts.unref) server.server.unref()
  state.port = (server.server.address() as AddressInfo).port
  state.url = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${state.port}`
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}

/** Split a message and decode what nodemailer and worker-mailer encode (enough for these tests). */
function decode(raw: string): { subject: string; headers: string; text: string } {
  const { headers, body } = split(raw)
  const subjectRaw = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? ''
  const subject = subjectRaw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, s: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : qp(s.replace(/_/g, ' ')),
    )
  return { subject, headers, text: textOf(headers, body).replace(/\r\n/g, '\n') }
}

function split(raw: string): { headers: string; body: string } {
  const i = raw.indexOf('\r\n\r\n')
  return { headers: raw.slice(0, i).replace(/\r\n[ \t]+/g, ' '), body: raw.slice(i + 4) }
}

/** The text/plain body: the message's own, or its first text/plain part (multipart). */
function textOf(headers: string, body: string): string {
  const boundary = /^content-type:\s*multipart\/[^;]+;.*boundary="?([^";\s]+)"?/im.exec(headers)?.[1]
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      const p = split(part.replace(/^\r\n/, ''))
      const nested = /^content-type:\s*multipart\//im.test(p.headers)
      if (nested || /^content-type:\s*text\/plain/im.test(p.headers)) {
        const text = textOf(p.headers, p.body.replace(/\r\n$/, ''))
        if (text) return text
      }
    }
    return ''
  }
  const cte = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase()
  if (cte === 'quoted-printable') return qp(body.replace(/=\r\n/g, ''))
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
  return body
}

function qp(s: string): string {
  const bytes: number[] = []
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16))
      i += 2
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'))
  }
  return Buffer.from(bytes).toString('utf8')
}
