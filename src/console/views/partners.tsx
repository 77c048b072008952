/** @jsxImportSource hono/jsx */
/**
 * @module console/views/partners
 * The case page's partner sections: for admins and monitors, sharing the case with an
 * organisation chosen by name (and stopping it); for everyone who reads the case, its consent
 * record (the organisation withdraws its own). Every form posts to /console/cases/:id/….
 */
import type { Actor } from '../../cases/scope.js'
import type { TFunction } from '../../i18n/index.js'
import { DISCLOSE, RECIPIENTS } from '../../partners/consent.js'
import type { Consent } from '../../partners/ledger.js'
import { Csrf, day } from './layout.js'

export interface ShareProps {
  t: TFunction
  actor: Actor
  caseId: string
  /** Every organisation's name. */
  organisations: string[]
  /** The organisations the case is shared with. */
  shares: { name: string; sharedAt: number }[]
}

/** Share with an organisation by name; the current shares, each with a revoke button. */
export function ShareSection({ t, actor, caseId, organisations, shares }: ShareProps) {
  const candidates = organisations.filter((o) => !shares.some((s) => s.name === o))
  return (
    <section id="sharing" aria-labelledby="sharing-h">
      <h3 id="sharing-h">{t('console:partners.share')}</h3>
      {shares.length === 0 ? (
        <p>{t('console:partners.notShared')}</p>
      ) : (
        <ul id="shares">
          {shares.map((s) => (
            <li>
              <form method="post" action={`/console/cases/${caseId}/unshare`}>
                <Csrf actor={actor} />
                <input type="hidden" name="org" value={s.name} />
                {t('console:partners.sharedWith')} {s.name} · {day(s.sharedAt)}{' '}
                <button type="submit">{t('console:partners.revoke')}</button>
              </form>
            </li>
          ))}
        </ul>
      )}
      {candidates.length === 0 ? (
        organisations.length === 0 ? <p>{t('console:partners.noOrgs')}</p> : null
      ) : (
        <form method="post" action={`/console/cases/${caseId}/share`} id="action-share">
          <Csrf actor={actor} />
          <p>{t('console:partners.shareHint')}</p>
          <label for="org">{t('console:partners.org')}</label>
          <select id="org" name="org">
            {candidates.map((o) => (
              <option value={o}>{o}</option>
            ))}
          </select>
          <p>
            <button type="submit">{t('console:partners.shareSubmit')}</button>
          </p>
        </form>
      )}
      {organisations.length > 0 ? <ReferForm t={t} actor={actor} caseId={caseId} organisations={organisations} /> : null}
    </section>
  )
}

/** Refer the case to an organisation: the worker is asked first, through the reporter channel. */
function ReferForm({ t, actor, caseId, organisations }: Pick<ShareProps, 't' | 'actor' | 'caseId' | 'organisations'>) {
  const p = 'console:partners'
  return (
    <form method="post" action={`/console/cases/${caseId}/refer`} id="action-refer">
      <Csrf actor={actor} />
      <h3>{t(`${p}.refer`)}</h3>
      <p>{t(`${p}.referHint`)}</p>
      <label for="refer-org">{t(`${p}.org`)}</label>
      <select id="refer-org" name="org">
        {organisations.map((o) => (
          <option value={o}>{o}</option>
        ))}
      </select>
      <fieldset>
        <legend>{t(`${p}.file.disclose`)}</legend>
        {DISCLOSE.map((d) => (
          <label class="check">
            <input type="checkbox" name="disclose" value={d} />
            {t(`followup:consent.disclose.${d}`)}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t(`${p}.file.recipients`)}</legend>
        {RECIPIENTS.map((r) => (
          <label class="check">
            <input type="checkbox" name="recipients" value={r} />
            {t(`followup:consent.recipient.${r}`)}
          </label>
        ))}
      </fieldset>
      <label for="refer-until">{t(`${p}.file.until`)}</label>
      <input id="refer-until" name="until" type="date" required />
      <p>
        <button type="submit">{t(`${p}.referSubmit`)}</button>
      </p>
    </form>
  )
}

export interface ConsentRecordProps {
  t: TFunction
  actor: Actor
  caseId: string
  consents: readonly Consent[]
  /** Consents this actor may withdraw (the organisation's own, still given). */
  withdrawable: readonly string[]
}

/** The case's consent ledger: what, to whom, until when, how, and its state. */
export function ConsentRecord({ t, actor, caseId, consents, withdrawable }: ConsentRecordProps) {
  const p = 'console:partners'
  return (
    <section id="consent-record" aria-labelledby="consent-record-h">
      <h2 id="consent-record-h">{t(`${p}.consents`)}</h2>
      {consents.length === 0 ? <p>{t(`${p}.noConsent`)}</p> : null}
      <ul>
        {consents.map((c) => (
          <li class={`consent-${c.status}`} id={`consent-${c.id}`}>
            <strong>{t(`${p}.consentStatus.${c.status}`)}</strong> · {t(`${p}.recordedOn`, { date: c.recordedOn })}
            {c.until ? ` · ${t(`${p}.until`, { date: c.until })}` : ''}
            {c.withdrawnBy && c.withdrawnOn
              ? ` · ${t(`${p}.withdrawnBy.${c.withdrawnBy}`, { date: c.withdrawnOn })}`
              : ''}
            <br />
            {c.disclose.map((d) => t(`followup:consent.disclose.${d}`)).join(' · ')}
            <br />
            {c.recipients.map((r) => t(`followup:consent.recipient.${r}`)).join(' · ')} ·{' '}
            {t(`followup:consent.method.${c.method}`)}
            {withdrawable.includes(c.id) ? (
              <form method="post" action={`/console/cases/${caseId}/consents/${c.id}/withdraw`}>
                <Csrf actor={actor} />
                <button type="submit">{t(`${p}.withdraw`)}</button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

export interface NgoActionsProps {
  t: TFunction
  actor: Actor
  caseId: string
  /** The organisation's own notes on the case. */
  notes: readonly { at: number; text: string }[]
}

/** An NGO's actions on a case: a question to the reporter, and notes only its organisation reads. */
export function NgoActions({ t, actor, caseId, notes }: NgoActionsProps) {
  const p = 'console:partners'
  return (
    <section class="actions" aria-labelledby="ngo-actions-h">
      <h2 id="ngo-actions-h">{t('console:actions.title')}</h2>
      <form method="post" action={`/console/cases/${caseId}/question`} id="action-question">
        <Csrf actor={actor} />
        <h3>{t('console:actions.question')}</h3>
        <label for="question">{t('console:actions.questionHint')}</label>
        <textarea id="question" name="body" maxlength={2000} required></textarea>
        <p>
          <button type="submit">{t('console:actions.send')}</button>
        </p>
      </form>
      <section id="org-notes" aria-labelledby="org-notes-h">
        <h3 id="org-notes-h">{t(`${p}.orgNotes`)}</h3>
        {notes.length === 0 ? <p>{t(`${p}.noOrgNotes`)}</p> : null}
        <ul>
          {notes.map((n) => (
            <li>
              {day(n.at)}
              <p class="narrative">{n.text}</p>
            </li>
          ))}
        </ul>
      </section>
      <form method="post" action={`/console/cases/${caseId}/org-note`} id="action-org-note">
        <Csrf actor={actor} />
        <h3>{t(`${p}.orgNote`)}</h3>
        <label for="org-note">{t(`${p}.orgNoteHint`)}</label>
        <textarea id="org-note" name="note" maxlength={10000} required></textarea>
        <p>
          <button type="submit">{t('console:actions.save')}</button>
        </p>
      </form>
    </section>
  )
}
