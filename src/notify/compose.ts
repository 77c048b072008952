/**
 * @module notify/compose
 * The e-mail a staff member gets: that something new is there (how many new cases, how many
 * replies), and a link to the console. In their language. Never case text, never anything from
 * or about a reporter, and not the case reference either (docs/notifications.md says why).
 */
import { tFor, type Lang } from '../i18n/index.js'
import type { NotifyKind } from '../store/notify.js'

export interface Composed {
  subject: string
  text: string
}

/** The e-mail for these counts of events; `digest` when it is the daily summary. */
export function compose(lang: Lang, baseUrl: string, counts: Record<NotifyKind, number>, digest: boolean): Composed {
  const t = tFor(lang)
  const lines: string[] = []
  if (counts.new_case > 0) {
    lines.push(t('console:notify.mail.newCases', { count: counts.new_case }))
    lines.push(`${baseUrl}/console/queue?status=new`)
  }
  if (counts.reply > 0) {
    if (lines.length > 0) lines.push('')
    lines.push(t('console:notify.mail.replies', { count: counts.reply }))
    lines.push(`${baseUrl}/console/queue`)
  }
  const subject = digest
    ? t('console:notify.mail.subjectDigest')
    : counts.new_case > 0 && counts.reply > 0
      ? t('console:notify.mail.subjectBoth')
      : counts.new_case > 0
        ? t('console:notify.mail.subjectNew')
        : t('console:notify.mail.subjectReply')
  const text = [
    t('console:notify.mail.hello'),
    '',
    ...lines,
    '',
    t('console:notify.mail.why'),
    t('console:notify.mail.change', { url: `${baseUrl}/console/account` }),
    '',
  ].join('\n')
  return { subject: `${subject} · ${t('console:title')}`, text }
}
