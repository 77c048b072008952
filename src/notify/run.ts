/**
 * @module notify/run
 * The maintenance run's notification step, on both runtimes:
 * 1. fan-out: each outbox row becomes one delivery per enabled staff member who asked for that
 *    kind and may see the case by the queue's own rule (`canSee`, cases/scope.ts: scopes,
 *    assignment, grants, conflict-of-interest exclusions); the deliveries and the outbox row's
 *    deletion are one batch, and a pair (event, staff member) is a primary key: at most one
 *    delivery, so at most one e-mail, per event and staff member;
 * 2. sending: each staff member's due deliveries are claimed and go out as one e-mail of counts
 *    (notify/compose.ts). Sent: deleted. Refused or unreachable: back with exponential back-off
 *    (jobs/runner.ts `backoffMs`), given up after MAX_SEND_ATTEMPTS. A send cut off midway (the
 *    process stopped) is not repeated: the e-mail may have gone.
 * Intake never waits for any of this: the outbox row is all an event writes.
 */
import { minuteCeil } from '../clock.js'
import type { Deps } from '../deps.js'
import type { Actor } from '../cases/scope.js'
import { canSee } from '../cases/scope.js'
import { isLang } from '../i18n/index.js'
import { backoffMs } from '../jobs/runner.js'
import { nextTurn } from '../next-turn.js'
import type { Role } from '../staff/accounts.js'
import * as notify from '../store/notify.js'
import type { NotifyKind, NotifyMode } from '../store/notify.js'
import type { Statement } from '../store/port.js'
import { compose } from './compose.js'
import { mailFailureReason, type Mailer } from './mailer.js'

/** Tries before a notification is given up (about two days with the back-off's 12-hour cap). */
export const MAX_SEND_ATTEMPTS = 12
/** How long a claimed delivery is held while its e-mail is sent. */
export const SEND_LEASE_MS = 10 * 60_000
const HOUR_MS = 3_600_000

export interface NotifyRun {
  /** Outbox rows turned into deliveries. */
  events: number
  /** Deliveries created. */
  queued: number
  /** E-mails sent, and e-mails that will be tried again. */
  sent: number
  retried: number
  abandoned: number
}

/** The next digest time after `now`: today's digest hour (UTC) if still ahead, else tomorrow's. */
export function nextDigestAt(now: number, hour: number): number {
  const day = now - (now % (24 * HOUR_MS))
  const today = day + hour * HOUR_MS
  return today > now ? today : today + 24 * HOUR_MS
}

export async function runNotifications(
  deps: Deps,
  opts: { signal?: AbortSignal; maxEvents?: number; maxStaff?: number } = {},
): Promise<NotifyRun> {
  const run: NotifyRun = { events: 0, queued: 0, sent: 0, retried: 0, abandoned: 0 }
  const smtp = deps.config.smtp
  if (!smtp || !deps.mailer) return run
  await fanOut(deps, smtp.digestHour, run, opts.maxEvents ?? 100, opts.signal)
  await sendDue(deps, deps.mailer, run, opts.maxStaff ?? 25, opts.signal)
  return run
}

async function fanOut(deps: Deps, digestHour: number, run: NotifyRun, max: number, signal?: AbortSignal) {
  const rows = await notify.outbox(deps.sql, max)
  const subscribers = new Map<NotifyKind, notify.Subscriber[]>()
  for (const row of rows) {
    if (signal?.aborted) break
    if (run.events > 0) await nextTurn()
    let subs = subscribers.get(row.kind)
    if (!subs) subscribers.set(row.kind, (subs = await notify.subscribers(deps.sql, row.kind)))
    const now = deps.clock.now()
    const statements: Statement[] = []
    for (const s of subs) {
      if (s.id === row.actor_id) continue // the account that filed the case knows
      const actor: Actor = { id: s.id, role: s.role as Role, email: s.email, via: 'token' }
      if (!(await canSee(deps, actor, row.case_id))) continue
      const dueAt = s.mode === 'daily' ? nextDigestAt(now, digestHour) : now
      statements.push(notify.insertDelivery({ eventId: row.id, staffId: s.id, kind: row.kind, dueAt }))
    }
    await deps.sql.batch([...statements, notify.deleteOutbox(row.id)])
    run.events++
    run.queued += statements.length
  }
}

const smtpFrom = (deps: Deps) => deps.config.smtp?.from ?? ''
/** The domain of the From address (Message-IDs are made under it). */
const fromDomain = (from: string) => /@([^\s<>@]+?)>?$/.exec(from)?.[1] ?? 'localhost'

async function sendDue(deps: Deps, mailer: Mailer, run: NotifyRun, max: number, signal?: AbortSignal) {
  const now = deps.clock.now()
  await deps.sql.batch([notify.dropStale(now)])
  const staffIds = await notify.dueStaff(deps.sql, now, max)
  for (const [i, staffId] of staffIds.entries()) {
    if (signal?.aborted) break
    if (i > 0) await nextTurn()
    const claimed = await notify.claim(deps.sql, staffId, deps.clock.now(), deps.clock.now() + SEND_LEASE_MS)
    if (claimed.length === 0) continue // another run took them
    const ids = claimed.map((c) => c.event_id)
    const who = await notify.recipient(deps.sql, staffId)
    const modeOf = (k: NotifyKind): NotifyMode => (who ? (k === 'new_case' ? who.new_cases : who.replies) : 'none')
    // Still wanted: the account is enabled and its choice for that kind is not "none" now.
    const wanted = claimed.filter((c) => modeOf(c.kind) !== 'none')
    if (!who || wanted.length === 0) {
      await deps.sql.batch([notify.deleteDeliveries(staffId, ids)])
      continue
    }
    const counts: Record<NotifyKind, number> = { new_case: 0, reply: 0 }
    for (const c of wanted) counts[c.kind]++
    const digest = wanted.every((c) => modeOf(c.kind) === 'daily')
    const lang = isLang(who.lang) ? who.lang : 'en'
    const mail = compose(lang, deps.config.publicBaseUrl, counts, digest)
    // The same deliveries get the same Message-ID on a retry (keyed: it names no case).
    const messageId = `<${deps.crypto.blindIndex('token', `notify:${staffId}:${[...ids].sort().join(',')}`).slice(0, 32)}@${fromDomain(smtpFrom(deps))}>`
    try {
      await mailer.send({ to: who.email, subject: mail.subject, text: mail.text, messageId, lang })
      await deps.sql.batch([notify.deleteDeliveries(staffId, ids)])
      run.sent++
    } catch (err) {
      const reason = mailFailureReason(err)
      const attempts = Math.max(...claimed.map((c) => c.attempts))
      if (attempts >= MAX_SEND_ATTEMPTS) {
        deps.log.error('notification_abandoned', { attempts, reason })
        await deps.sql.batch([notify.deleteDeliveries(staffId, ids)])
        run.abandoned++
      } else {
        deps.log.warn('notification_retry', { attempts, reason })
        await deps.sql.batch([notify.release(staffId, ids, minuteCeil(deps.clock.now() + backoffMs(attempts, err)), reason)])
        run.retried++
      }
    }
  }
}
