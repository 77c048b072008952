/**
 * @module workers/mailer
 * Staff notifications on Workers: SMTP over `cloudflare:sockets` with worker-mailer, from the same
 * SMTP_URL as Node. One connection per e-mail (the Cron sends a few a minute at most). Workers
 * cannot open port 25; use the submission port (587, STARTTLS) or 465 (smtps://).
 */
import { LogLevel, WorkerMailer } from 'worker-mailer'
import type { SmtpConfig } from '../config.js'
import type { Mailer } from '../notify/mailer.js'

export function workerMailer(smtp: SmtpConfig): Mailer {
  return {
    async send(m) {
      await WorkerMailer.send(
        {
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          startTls: !smtp.secure,
          ...(smtp.user
            ? { credentials: { username: smtp.user, password: smtp.pass ?? '' }, authType: ['plain', 'login'] as ('plain' | 'login')[] }
            : {}),
          socketTimeoutMs: 30_000,
          responseTimeoutMs: 30_000,
          logLevel: LogLevel.NONE, // its log lines name addresses
        },
        {
          // worker-mailer writes MAIL FROM from the address: it takes the name apart.
          from: smtp.fromName ? { name: smtp.fromName, email: smtp.fromAddress } : smtp.fromAddress,
          to: m.to,
          subject: m.subject,
          text: m.text,
          headers: { 'Message-ID': m.messageId, 'Content-Language': m.lang, 'Auto-Submitted': 'auto-generated' },
        },
      )
    },
  }
}
