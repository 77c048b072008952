/**
 * @module node/mailer
 * Staff notifications on Node: nodemailer's SMTP transport, built from SMTP_URL (config.ts).
 * Plain text only; the timeouts are short so a dead server costs a retry, not a stuck run.
 */
import nodemailer from 'nodemailer'
import type { SmtpConfig } from '../config.js'
import type { Mailer } from '../notify/mailer.js'

export function nodeMailer(smtp: SmtpConfig): Mailer {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.pass ?? '' } } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // No debug or logger output: the log takes no addresses.
    logger: false,
    debug: false,
  })
  return {
    async send(m) {
      await transport.sendMail({
        from: smtp.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        messageId: m.messageId,
        headers: { 'Content-Language': m.lang, 'Auto-Submitted': 'auto-generated' },
      })
    },
  }
}
