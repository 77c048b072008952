/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/consent-section
 * On the follow-up page: what the worker agreed may be shared, with whom, until when and how
 * they agreed, each consent's state, yes and no buttons for a referral that waits for their
 * answer, and a form to withdraw every consent still given (the receipt in a hidden field, like
 * the reply form).
 */
import type { Lang, TFunction } from '../../i18n/index.js'
import type { Consent } from '../../partners/ledger.js'

export interface ConsentSectionProps {
  lang: Lang
  t: TFunction
  receipt: string
  token: string
  consents: readonly Consent[]
}

const day = (lang: Lang, ymd: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${ymd}T00:00:00Z`))

export function ConsentSection({ lang, t, receipt, token, consents }: ConsentSectionProps) {
  const p = 'web:followUp'
  return (
    <section id="consents" aria-labelledby="consents-h">
      <h2 id="consents-h">{t(`${p}.consentTitle`)}</h2>
      {consents.map((c) => (
        <div class={`consent consent-${c.status}`}>
          <p>
            <strong>{t(`${p}.consentStatus.${c.status}`)}</strong>
          </p>
          <p>{t(`${p}.consentShare`)}</p>
          <ul>
            {c.disclose.map((d) => (
              <li>{t(`followup:consent.disclose.${d}`)}</li>
            ))}
          </ul>
          <p>{t(`${p}.consentTo`)}</p>
          <ul>
            {c.recipients.map((r) => (
              <li>{t(`followup:consent.recipient.${r}`)}</li>
            ))}
          </ul>
          {c.until ? <p>{t(`${p}.consentUntil`, { date: day(lang, c.until) })}</p> : null}
          {c.status === 'asked' ? (
            <form method="post" action={`/${lang}/follow-up/consent`} id="answer-consent">
              <input type="hidden" name="token" value={token} />
              <input type="hidden" name="receipt" value={receipt} />
              <button type="submit" name="answer" value="yes">
                {t('followup:consent.yes')}
              </button>{' '}
              <button type="submit" name="answer" value="no">
                {t('followup:consent.no')}
              </button>
            </form>
          ) : (
            <p>{t(`${p}.consentHow`, { how: t(`followup:consent.method.${c.method}`) })}</p>
          )}
        </div>
      ))}
      {consents.some((c) => c.status === 'given') ? (
        <form method="post" action={`/${lang}/follow-up/withdraw`} id="withdraw-consent">
          <input type="hidden" name="token" value={token} />
          <input type="hidden" name="receipt" value={receipt} />
          <p>{t(`${p}.withdrawHint`)}</p>
          <p>
            <button type="submit">{t(`${p}.withdraw`)}</button>
          </p>
        </form>
      ) : null}
    </section>
  )
}
