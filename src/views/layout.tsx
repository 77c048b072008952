/** @jsxImportSource hono/jsx */
/**
 * @module views/layout
 * The page frame: a doctype (standards mode), `lang` on <html>, one stylesheet from the origin,
 * no script, a language switch.
 */
import { raw } from 'hono/html'
import type { Child } from 'hono/jsx'
import type { Lang, TFunction } from '../i18n/index.js'
import { LANGS } from '../i18n/index.js'

/** Props of the page frame. */
export interface LayoutProps {
  lang: Lang
  t: TFunction
  title: string
  /** The path after the language prefix, so the language switch keeps the visitor's page. */
  path?: string
  children?: Child
}

/** The frame of every public page. */
export function Layout({ lang, t, title, path = '', children }: LayoutProps) {
  return (
    <>
      {raw('<!doctype html>')}
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="referrer" content="no-referrer" />
          <title>{`${title} · ${t('common:site.name')}`}</title>
          <link rel="icon" href="data:," />
          <link rel="stylesheet" href="/assets/app.css" />
        </head>
        <body>
          <header>
            <a href={`/${lang}/`}>{t('common:site.name')}</a>
            <nav aria-label={t('common:landing.choose')}>
              <ul>
                {LANGS.filter((l) => l !== lang).map((l) => (
                  <li>
                    <a href={`/${l}/${path}`} lang={l} hreflang={l}>
                      {t(`common:lang.${l}`)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </header>
          <main>{children}</main>
        </body>
      </html>
    </>
  )
}
