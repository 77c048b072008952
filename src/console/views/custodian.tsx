/** @jsxImportSource hono/jsx */
/**
 * @module console/views/custodian
 * The custodian's page: pending access requests (case reference, what, why, who) with an approve
 * or refuse form each, then recent decisions (an approval's state: usable once until a date,
 * used, or expired; an evidence file waiting for its release shows the command with its request
 * id). Reminds that approval opens nothing on the server.
 */
import type { PendingRequest } from '../../cases/access.js'
import type { Actor } from '../../cases/scope.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { ConsoleLayout, Csrf, day } from './layout.js'

/** The offline commands, one per kind of approval (cli/custodian.ts; docs/console.md). */
const COMMANDS: [string, string][] = [
  ['identity', 'npm run hotline -- identity open --key FILE --case REF'],
  ['voice', 'npm run hotline -- voice open --key FILE --case REF --out DIR'],
  ['original', 'npm run hotline -- original open --case REF'],
  ['evidence', 'npm run hotline -- evidence open --key FILE --case REF --evidence ID --out DIR'],
  ['evidenceRelease', 'npm run hotline -- evidence release --key FILE --request ID'],
]

const releaseCommand = (id: string) => `npm run hotline -- evidence release --key FILE --request ${id}`

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  requests: PendingRequest[]
  error?: string | undefined
  done?: boolean
  now: number
}

/**
 * Where an approval stands: it opens once, before it expires; an evidence file without a server
 * key opens only after the custodian releases it (the command, with this request's id).
 */
function approvalState(t: TFunction, r: PendingRequest, now: number) {
  if (r.decision !== 'approved') return ''
  if (r.usedAt != null) return t('console:custodian.used', { date: day(r.usedAt) })
  const expires = r.expiresAt ?? (r.decidedAt ?? 0) + 7 * 86_400_000
  if (expires <= now) return t('console:custodian.expired', { date: day(expires) })
  if (r.needsRelease && !r.released) {
    return (
      <>
        {t('console:custodian.toRelease', { date: day(expires) })} <code>{releaseCommand(r.id)}</code>
      </>
    )
  }
  return r.needsRelease
    ? t('console:custodian.released', { date: day(expires) })
    : t('console:custodian.until', { date: day(expires) })
}

export function CustodianPage({ lang, t, actor, requests, error, done, now }: Props) {
  const pending = requests.filter((r) => !r.decision)
  const decided = requests.filter((r) => r.decision)
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:custodian.title')} actor={actor}>
      <h1>{t('console:custodian.title')}</h1>
      <div class="notice">
        <p>{t('console:custodian.offline')}</p>
        <p>{t('console:daily.custodian.commands')}</p>
        <dl class="commands">
          {COMMANDS.map(([what, cmd]) => (
            <>
              <dt>{t(`console:access.${what}`)}</dt>
              <dd>
                <code>{cmd}</code>
              </dd>
            </>
          ))}
        </dl>
        <p>{t('console:evidence.custodianNote')}</p>
      </div>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="notice" role="status">
          {t('console:actions.done')}
        </p>
      ) : null}
      <h2>{t('console:custodian.pending', { count: pending.length })}</h2>
      {pending.map((r) => (
        <form method="post" action={`/console/custodian/requests/${r.id}`} class="request">
          <Csrf actor={actor} />
          <h3>
            {r.reference} · {t(`console:access.${r.what}`)}
          </h3>
          <p>{t('console:custodian.by', { email: r.requestedBy, date: day(r.requestedAt) })}</p>
          <blockquote>{r.reason}</blockquote>
          <label for={`reason-${r.id}`}>{t('console:custodian.reason')}</label>
          <textarea id={`reason-${r.id}`} name="reason" required maxlength={1000}></textarea>
          <p>
            <button type="submit" name="decision" value="approved">
              {t('console:custodian.approve')}
            </button>{' '}
            <button type="submit" name="decision" value="refused" class="secondary">
              {t('console:custodian.refuse')}
            </button>
          </p>
        </form>
      ))}
      {decided.length > 0 ? (
        <>
          <h2>{t('console:custodian.decided')}</h2>
          <table>
            <tbody>
              {decided.map((r) => (
                <tr>
                  <td>{r.reference}</td>
                  <td>{t(`console:access.${r.what}`)}</td>
                  <td>{t(`console:decision.${r.decision}`)}</td>
                  <td>{day(r.decidedAt)}</td>
                  <td>{r.decisionReason}</td>
                  <td>{approvalState(t, r, now)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </ConsoleLayout>
  )
}
