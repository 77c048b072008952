/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/follow-up-page
 * The follow-up pages: enter the receipt; then the case's status, the thread with the monitor's
 * questions, and a reply form. The receipt travels in a hidden field (no cookie); these pages are
 * answers to POSTs and are never cached.
 */
import { EvidenceField } from './evidence-field.js'
import type { ThreadMessage } from '../../cases/reporter.js'
import { REPLY_MAX } from '../../cases/reporter.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { Layout } from '../../views/layout.js'
import { ErrorSummary, Notice, TextArea, TextField } from './fields.js'
import { isStatus } from '../../cases/statuses.js'
import type { Consent } from '../../partners/ledger.js'
import { ConsentSection } from './consent-section.js'


/** The translated status line; an unknown status reads as "received". */
export const statusLabel = (t: TFunction, status: string) =>
  t(`followup:status.${isStatus(status) ? status : 'new'}`)

const date = (lang: Lang, at: number) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(at))

/** Props of the receipt form page. */
export interface ReceiptFormProps {
  lang: Lang
  t: TFunction
  token: string
  receipt?: string
  error?: string
  notice?: string
}

/** Enter the receipt. */
export function ReceiptFormPage({ lang, t, token, receipt, error, notice }: ReceiptFormProps) {
  const items = error ? [{ id: 'receipt', label: t('web:followUp.receipt'), message: error }] : []
  return (
    <Layout lang={lang} t={t} title={t('web:followUp.title')} path="follow-up">
      <h1>{t('web:followUp.title')}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={t('web:form.errorsTitle')} items={items} />
      <form method="post" action={`/${lang}/follow-up`} novalidate>
        <input type="hidden" name="token" value={token} />
        <p>{t('web:followUp.intro')}</p>
        <TextField
          id="receipt"
          label={t('web:followUp.receipt')}
          hint={t('web:followUp.receiptHint')}
          inputmode="numeric"
          maxlength={40}
          required
          value={receipt}
          error={error}
        />
        <p>
          <button type="submit">{t('web:followUp.open')}</button>
        </p>
      </form>
    </Layout>
  )
}

/** Send evidence to the case (multipart, no script): photos, documents, voice notes. */
function AttachForm(p: { lang: Lang; t: TFunction; receipt: string; token: string; attached?: number; error?: string }) {
  const { t } = p
  return (
    <section id="attachments" aria-labelledby="attachments-h">
      <h2 id="attachments-h">{t('web:attachments.title')}</h2>
      {p.attached ? <Notice>{t('web:attachments.sent', { count: p.attached })}</Notice> : null}
      <form method="post" action={`/${p.lang}/follow-up/attachments`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="token" value={p.token} />
        <input type="hidden" name="receipt" value={p.receipt} />
        <EvidenceField t={t} error={p.error} />
        <p>
          <button type="submit">{t('web:attachments.send')}</button>
        </p>
      </form>
    </section>
  )
}

/** Props of the case page. */
export interface CasePageProps {
  lang: Lang
  t: TFunction
  token: string
  receipt: string
  status: string
  createdAt: number
  thread: readonly ThreadMessage[]
  /** Whether the last message is a question not yet answered. */
  question: boolean
  reply?: string
  error?: string
  sent?: boolean
  /** What the worker consented to (cases filed or referred through an organisation). */
  consents?: readonly Consent[]
  /** The withdrawal form's token. */
  withdrawToken?: string
  /** Consent was just withdrawn. */
  withdrawn?: boolean
  /** A referral was just answered. */
  answered?: boolean
  /** LFT Art. 518: the day a dismissed worker in Mexico must act by (escalation/urgent.ts). */
  actBefore?: number | null
  /** The evidence form's token; the number of files just attached, or why they were refused. */
  attachToken?: string
  attached?: number
  fileError?: string
}

/** Status, thread and reply form for one case. */
export function CasePage(p: CasePageProps) {
  const { lang, t } = p
  const items = p.error ? [{ id: 'body', label: t('web:followUp.reply'), message: p.error }] : []
  return (
    <Layout lang={lang} t={t} title={t('web:followUp.caseTitle')} path="follow-up">
      <h1>{t('web:followUp.caseTitle')}</h1>
      {p.sent ? <Notice>{t('web:followUp.sent')}</Notice> : null}
      {p.withdrawn ? <Notice>{t('web:followUp.withdrawn')}</Notice> : null}
      {p.answered ? <Notice>{t('web:followUp.consentAnswered')}</Notice> : null}
      <ErrorSummary title={t('web:form.errorsTitle')} items={items} />
      <h2>{t('web:followUp.statusTitle')}</h2>
      <p class="lead" id="status">
        {statusLabel(t, p.status)}
      </p>
      <p>{t('web:followUp.receivedOn', { date: date(lang, p.createdAt) })}</p>
      {p.actBefore ? (
        <section class="notice" id="urgent">
          <h2>{t('followup:urgent.title')}</h2>
          <p>{t('followup:urgent.web', { date: date(lang, p.actBefore) })}</p>
        </section>
      ) : null}

      <h2>{t('web:followUp.messagesTitle')}</h2>
      {p.question ? <p class="notice">{t('web:followUp.question')}</p> : null}
      {p.thread.length === 0 ? (
        <p>{t('web:followUp.none')}</p>
      ) : (
        <ol class="thread">
          {p.thread.map((m) => (
            <li class={m.direction === 'to_reporter' ? 'from-monitor' : 'from-you'}>
              <p class="who">
                {t(
                  m.direction === 'to_reporter'
                    ? 'web:followUp.fromMonitor'
                    : 'web:followUp.fromYou',
                )}
                {' · '}
                <time datetime={new Date(m.at).toISOString()}>{date(lang, m.at)}</time>
              </p>
              <p class="body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {p.thread.some((m) => m.direction === 'from_reporter') ? (
        <p class="hint" id="redacted-note">{t('web:followUpCase.redacted')}</p>
      ) : null}

      <h2>{t('web:followUp.replyTitle')}</h2>
      <form method="post" action={`/${lang}/follow-up/reply`} novalidate>
        <input type="hidden" name="token" value={p.token} />
        <input type="hidden" name="receipt" value={p.receipt} />
        <TextArea
          id="body"
          label={t('web:followUp.reply')}
          hint={t('web:followUp.replyHint')}
          rows={5}
          maxlength={REPLY_MAX}
          required
          value={p.reply}
          error={p.error}
        />
        <p>
          <button type="submit">{t('web:followUp.send')}</button>
        </p>
      </form>
      {p.attachToken ? (
        <AttachForm lang={lang} t={t} receipt={p.receipt} token={p.attachToken} attached={p.attached} error={p.fileError} />
      ) : null}
      {p.consents && p.consents.length > 0 ? (
        <ConsentSection lang={lang} t={t} receipt={p.receipt} token={p.withdrawToken ?? ''} consents={p.consents} />
      ) : null}
      <p class="hint">{t('web:followUp.done')}</p>
      <form method="post" action={`/${lang}/follow-up/leave`}>
        <button type="submit" class="secondary">{t('web:followUpCase.leave')}</button>
      </form>
    </Layout>
  )
}
