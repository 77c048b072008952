/**
 * @module notify/mailer
 * The one thing notifications need from a runtime: send a plain-text e-mail through the SMTP
 * server the deployment configured. Node builds it with nodemailer (node/mailer.ts), Workers with
 * worker-mailer over `cloudflare:sockets` (workers/mailer.ts). A refusal or a connection failure
 * throws; the caller retries.
 */
export interface MailMessage {
  to: string
  subject: string
  text: string
  /** A stable Message-ID, so that a mail system can tell a repeat. */
  messageId: string
  lang: string
}

export interface Mailer {
  send(m: MailMessage): Promise<void>
}

/** The error a Mailer throws: a short reason safe to store and log (no address, no text). */
export class MailError extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'MailError'
  }
}

/** A short, safe reason for a failed send: the SMTP reply code or the error's name, never text. */
export function mailFailureReason(err: unknown): string {
  const e = err as { responseCode?: unknown; code?: unknown; name?: unknown }
  if (typeof e?.responseCode === 'number') return `smtp ${e.responseCode}`
  if (typeof e?.code === 'string' && /^[A-Z_]{2,20}$/.test(e.code)) return e.code
  if (err instanceof MailError) return err.message
  // worker-mailer puts the server's reply in its message: keep its code only (the rest may name
  // an address).
  const code = /\b([45]\d\d)\b/.exec(String((err as Error)?.message ?? ''))?.[1]
  if (code) return `smtp ${code}`
  return typeof e?.name === 'string' ? e.name.slice(0, 40) : 'Error'
}
