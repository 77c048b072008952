/** @jsxImportSource hono/jsx */
/**
 * @module console/views/partners
 * The case page's partner sections: for admins and monitors, sharing the case with an
 * organisation chosen by name (and stopping it); every form posts to /console/cases/:id/….
 */
import type { Actor } from '../../cases/scope.js'
import type { TFunction } from '../../i18n/index.js'
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
    </section>
  )
}
