/**
 * A real SMTP server on loopback (smtp-server, from the nodemailer project) that keeps every
 * message it accepts, and can be told to refuse. Tests read the raw message and a decoded view.
 */
import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'

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
  url: string
  mails: ReceivedMail[]
  /** While set, every message is refused with this SMTP code (e.g. 451: try again later). */
  refuse: number | undefined
  close(): Promise<void>
}

export async function startSmtp(): Promise<TestSmtp> {
  const state: TestSmtp = {
    port: 0,
    url: '',
    mails: [],
    refuse: undefined,
    close: async () => {},
  }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
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
  state.port = (server.server.address() as AddressInfo).port
  state.url = `smtp://127.0.0.1:${state.port}`
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  return state
}

/** Split a single-part message and decode what nodemailer encodes (enough for these tests). */
function decode(raw: string): { subject: string; headers: string; text: string } {
  const i = raw.indexOf('\r\n\r\n')
  const headers = raw.slice(0, i).replace(/\r\n[ \t]+/g, ' ')
  const bodyRaw = raw.slice(i + 4)
  const cte = /^content-transfer-encoding:\s*(\S+)/im.exec(headers)?.[1]?.toLowerCase()
  const text =
    cte === 'quoted-printable'
      ? qp(bodyRaw.replace(/=\r\n/g, ''))
      : cte === 'base64'
        ? Buffer.from(bodyRaw.replace(/\s+/g, ''), 'base64').toString('utf8')
        : bodyRaw
  const subjectRaw = /^subject:\s*(.*)$/im.exec(headers)?.[1] ?? ''
  const subject = subjectRaw
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_m, enc: string, s: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(s, 'base64').toString('utf8') : qp(s.replace(/_/g, ' ')),
    )
  return { subject, headers, text: text.replace(/\r\n/g, '\n') }
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
