/** @jsxImportSource hono/jsx */
/**
 * @module console/views/layout
 * The console's page frame: the shared stylesheet plus the console's own, no script, the
 * signed-in staff member's navigation and a language switch (kept in a cookie).
 */
import type { Child } from 'hono/jsx'
import { raw } from 'hono/html'
import type { Actor } from '../../cases/scope.js'
import { LANGS, type Lang, type TFunction } from '../../i18n/index.js'

export interface ConsoleProps {
  lang: Lang
  t: TFunction
  title: string
  actor?: Actor | undefined
  children?: Child
}

/** A hidden CSRF field for a form. */
export const Csrf = ({ actor }: { actor: Actor }) => (
  <input type="hidden" name="_csrf" value={actor.csrf ?? ''} />
)

export function ConsoleLayout({ lang, t, title, actor, children }: ConsoleProps) {
  return (
    <>
    {raw('<!doctype html>')}
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t('console:title')}`}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <link rel="stylesheet" href="/console/assets/console.css" />
      </head>
      <body class="console">
        <header>
          <a href="/console">{t('console:title')}</a>
          <nav aria-label={t('console:nav.label')}>
            <ul>
              {actor && actor.role !== 'custodian' ? (
                <li>
                  <a href="/console/queue">{t('console:nav.queue')}</a>
                </li>
              ) : null}
              {actor && actor.role !== 'custodian' ? (
                <li>
                  <a href="/console/facilities">{t('console:facility.nav')}</a>
                </li>
              ) : null}
              {actor && actor.role !== 'custodian' ? (
                <li>
                  <a href="/console/escalations">{t('console:escalation.page.nav')}</a>
                </li>
              ) : null}
              {actor && actor.role !== 'custodian' ? (
                <li>
                  <a href="/console/stats">{t('console:stats.nav')}</a>
                </li>
              ) : null}
              {actor?.role === 'admin' || actor?.role === 'monitor' ? (
                <li>
                  <a href="/console/templates">{t('console:daily.nav.templates')}</a>
                </li>
              ) : null}
              {actor && actor.role !== 'custodian' ? (
                <li>
                  <a href="/console/account">{t('console:notify.nav')}</a>
                </li>
              ) : null}
              {actor?.role === 'admin' ? (
                <li>
                  <a href="/console/staff">{t('console:nav.staff')}</a>
                </li>
              ) : null}
              {actor?.role === 'admin' ? (
                <li>
                  <a href="/console/audit">{t('console:daily.nav.audit')}</a>
                </li>
              ) : null}
              {actor?.role === 'admin' ? (
                <li>
                  <a href="/console/retention">{t('console:daily.nav.retention')}</a>
                </li>
              ) : null}
              {actor?.role === 'ngo' ? (
                <li>
                  <a href="/console/ngo/file">{t('console:partners.file.nav')}</a>
                </li>
              ) : null}
              {actor?.role === 'custodian' ? (
                <li>
                  <a href="/console/custodian">{t('console:nav.custodian')}</a>
                </li>
              ) : null}
              {LANGS.filter((l) => l !== lang).map((l) => (
                <li>
                  <a href={`?lang=${l}`} lang={l} hreflang={l}>
                    {t(`common:lang.${l}`)}
                  </a>
                </li>
              ))}
              {actor ? (
                <li>
                  <form method="post" action="/console/logout" class="inline">
                    <Csrf actor={actor} />
                    <button type="submit" class="link">
                      {t('console:nav.logout', { email: actor.email })}
                    </button>
                  </form>
                </li>
              ) : null}
            </ul>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
    </>
  )
}

/** A date as YYYY-MM-DD (UTC). */
export const day = (ms: number | null | undefined) =>
  ms == null ? '' : new Date(ms).toISOString().slice(0, 10)
