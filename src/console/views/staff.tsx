/** @jsxImportSource hono/jsx */
/**
 * @module console/views/staff
 * The admin's staff page: every account (role, scope, state, TOTP, tokens) with forms to
 * disable or enable it and reset its TOTP, then the API tokens by id with a revoke form each.
 * After a TOTP reset, the new one-time enrolment code is shown once, on that answer only.
 */
import type { Actor } from '../../cases/scope.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import type { StaffSummary, TokenSummary } from '../../staff/admin.js'
import { ConsoleLayout, Csrf, day } from './layout.js'

interface Props {
  lang: Lang
  t: TFunction
  actor: Actor
  staff: StaffSummary[]
  tokens: TokenSummary[]
  done?: string | undefined
  /** Open cases of a disabled monitor: moved to others, left unassigned (cases/reassign.ts). */
  reassigned?: { moved: number; left: number } | undefined
  error?: string | undefined
  /** A TOTP reset just made: whose, and the code to hand over. */
  reset?: { email: string; code: string } | undefined
  /** An account just created: its initial password and enrolment code, shown once. */
  created?: { email: string; password: string; enrolCode: string } | undefined
  /** An API token just issued, shown once. */
  token?: string | undefined
}

function ActionForm(props: { actor: Actor; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={props.action} class="inline">
      <Csrf actor={props.actor} />
      <button type="submit" class={props.secondary ? 'secondary' : undefined}>
        {props.label}
      </button>
    </form>
  )
}

export function StaffPage({ lang, t, actor, staff, tokens, done, error, reset, reassigned, created, token }: Props) {
  const totp = (s: StaffSummary) =>
    t(`console:staff.totp.${s.totpEnrolled ? 'enrolled' : s.enrolPending ? 'pending' : 'none'}`)
  return (
    <ConsoleLayout lang={lang} t={t} title={t('console:staff.title')} actor={actor}>
      <h1>{t('console:staff.title')}</h1>
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p class="notice" role="status">
          {t(`console:staff.done.${done}`, { defaultValue: t('console:actions.done') })}
          {reassigned ? ` ${t('console:daily.reassigned', { count: reassigned.moved, left: reassigned.left })}` : ''}
        </p>
      ) : null}
      {reset ? (
        <div class="notice" role="status" id="enrol-code">
          <p>{t('console:staff.resetDone', { email: reset.email })}</p>
          <p class="secret">{reset.code}</p>
          <p>{t('console:staff.resetHint')}</p>
        </div>
      ) : null}
      {created ? (
        <div class="notice" role="status" id="created">
          <p>{t('console:daily.staff.created', { email: created.email })}</p>
          <p>
            {t('console:daily.staff.password')} <span class="secret">{created.password}</span>
          </p>
          <p>
            {t('console:daily.staff.enrolCode')} <span class="secret">{created.enrolCode}</span>
          </p>
        </div>
      ) : null}
      {token ? (
        <div class="notice" role="status" id="new-token">
          <p>{t('console:daily.staff.tokenOnce')}</p>
          <p class="secret">{token}</p>
        </div>
      ) : null}
      <table id="staff">
        <thead>
          <tr>
            <th scope="col">{t('console:staff.email')}</th>
            <th scope="col">{t('console:staff.role')}</th>
            <th scope="col">{t('console:staff.scope')}</th>
            <th scope="col">{t('console:staff.state')}</th>
            <th scope="col">{t('console:staff.totpLabel')}</th>
            <th scope="col">{t('console:staff.tokens')}</th>
            <th scope="col">{t('console:actions.title')}</th>
          </tr>
        </thead>
        <tbody>
          {staff.map((s) => (
            <tr data-email={s.email}>
              <td>{s.email}</td>
              <td>
                {t(`console:staff.roles.${s.role}`)}
                {s.org ? ` · ${s.org}` : ''}
              </td>
              <td>
                {s.scopes.join(' ') || '–'}
                {s.exclusions ? ` (${t('console:staff.exclusions', { count: s.exclusions })})` : ''}
              </td>
              <td>{t(`console:staff.${s.disabled ? 'disabled' : 'active'}`)}</td>
              <td>{totp(s)}</td>
              <td>{s.tokens}</td>
              <td>
                {s.disabled ? (
                  <ActionForm
                    actor={actor}
                    action={`/console/staff/${s.id}/enable`}
                    label={t('console:staff.enable')}
                  />
                ) : s.id === actor.id ? null : (
                  <ActionForm
                    actor={actor}
                    action={`/console/staff/${s.id}/disable`}
                    label={t('console:staff.disable')}
                  />
                )}{' '}
                {s.id === actor.id ? null : (
                  <ActionForm
                    actor={actor}
                    action={`/console/staff/${s.id}/totp-reset`}
                    label={t('console:staff.reset')}
                    secondary
                  />
                )}
                <details class="manage">
                  <summary>{t('console:daily.staff.manage')}</summary>
                  <form method="post" action={`/console/staff/${s.id}/scopes`}>
                    <Csrf actor={actor} />
                    <label for={`scopes-${s.id}`}>{t('console:daily.staff.fields.scopes')}</label>
                    <textarea id={`scopes-${s.id}`} name="scopes" rows={3}>
                      {s.scopes.join('\n')}
                    </textarea>
                    <label for={`excl-${s.id}`}>{t('console:daily.staff.fields.exclusions')}</label>
                    <textarea id={`excl-${s.id}`} name="exclusions" rows={2}></textarea>
                    {s.exclusions ? (
                      <p class="check">
                        <input type="checkbox" id={`clear-${s.id}`} name="clear" value="1" />
                        <label for={`clear-${s.id}`}>{t('console:daily.staff.clear', { count: s.exclusions })}</label>
                      </p>
                    ) : null}
                    <button type="submit" class="secondary">
                      {t('console:daily.staff.saveScopes')}
                    </button>
                  </form>
                  <form method="post" action={`/console/staff/${s.id}/token`}>
                    <Csrf actor={actor} />
                    <label for={`label-${s.id}`}>{t('console:staff.label')}</label>
                    <input type="text" id={`label-${s.id}`} name="label" maxlength={60} />
                    <button type="submit" class="secondary">
                      {t('console:daily.staff.issueToken')}
                    </button>
                  </form>
                </details>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('console:staff.tokensTitle')}</h2>
      {tokens.length === 0 ? (
        <p>{t('console:staff.noTokens')}</p>
      ) : (
        <table id="tokens">
          <thead>
            <tr>
              <th scope="col">{t('console:staff.tokenId')}</th>
              <th scope="col">{t('console:staff.email')}</th>
              <th scope="col">{t('console:staff.label')}</th>
              <th scope="col">{t('console:staff.created')}</th>
              <th scope="col">{t('console:staff.revoked')}</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((k) => (
              <tr data-token={k.id}>
                <td class="secret">{k.id}</td>
                <td>{k.email}</td>
                <td>{k.label ?? '–'}</td>
                <td>{day(k.createdAt)}</td>
                <td>
                  {k.revokedAt != null ? (
                    day(k.revokedAt)
                  ) : (
                    <ActionForm
                      actor={actor}
                      action={`/console/staff/tokens/${k.id}/revoke`}
                      label={t('console:staff.revoke')}
                      secondary
                    />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form method="post" action="/console/staff/add" id="add-staff">
        <Csrf actor={actor} />
        <h2>{t('console:daily.staff.add')}</h2>
        <label for="new-email">{t('console:daily.staff.fields.email')}</label>
        <input type="email" id="new-email" name="email" required maxlength={320} />
        <label for="new-role">{t('console:daily.staff.fields.role')}</label>
        <select id="new-role" name="role">
          {(['monitor', 'ngo', 'admin', 'custodian'] as const).map((r) => (
            <option value={r}>{t(`console:staff.roles.${r}`)}</option>
          ))}
        </select>
        <label for="new-scopes">{t('console:daily.staff.fields.scopes')}</label>
        <p class="hint">
          {t('console:daily.staff.scopesHint')} <code>right:wages@MX</code>, <code>right:*@CI</code>,{' '}
          <code>commitment:usmca.23.3.1.a@MX/auto_parts</code>
        </p>
        <textarea id="new-scopes" name="scopes" rows={3}></textarea>
        <label for="new-exclusions">{t('console:daily.staff.fields.exclusions')}</label>
        <textarea id="new-exclusions" name="exclusions" rows={2}></textarea>
        <label for="new-org">{t('console:daily.staff.fields.org')}</label>
        <input type="text" id="new-org" name="org" maxlength={120} />
        <p>
          <button type="submit">{t('console:daily.staff.create')}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}
