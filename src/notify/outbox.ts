/**
 * @module notify/outbox
 * The statement an event adds to its own batch so that staff who asked are told of it: a new case
 * (intake) or a reporter's reply. Nothing when notifications are off (no SMTP_URL), and the store
 * writes no row when no enabled staff member wants that kind. The row names the event and the
 * case, nothing else; who is told is decided later with the queue's rules (notify/fanout.ts).
 */
import { dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import * as notify from '../store/notify.js'
import type { Statement } from '../store/port.js'

/** Whether staff notifications are on (SMTP_URL and SMTP_FROM set). */
export const notificationsOn = (deps: Deps) => deps.config.smtp !== undefined

/** The outbox statement of a new case (`actorId`: the NGO account that filed it, not told). */
export function newCaseNotice(deps: Deps, caseId: string, actorId: string | null): Statement[] {
  if (!notificationsOn(deps)) return []
  return [notify.enqueue({ id: `new:${caseId}`, kind: 'new_case', caseId, actorId, day: dayOf(deps.clock.now()) })]
}

/** The outbox statement of a reporter's message on a case. */
export function replyNotice(deps: Deps, caseId: string, messageId: string): Statement[] {
  if (!notificationsOn(deps)) return []
  return [notify.enqueue({ id: `reply:${messageId}`, kind: 'reply', caseId, actorId: null, day: dayOf(deps.clock.now()) })]
}
