/** @jsxImportSource hono/jsx */
/**
 * @module views/landing
 * The landing page in one language, and the language chooser served at `/`.
 */
import type { Lang, TFunction } from '../i18n/index.js'
import { LANGS, tFor } from '../i18n/index.js'
import { Layout } from './layout.js'

export function LandingPage({ lang, t }: { lang: Lang; t: TFunction }) {
  return (
    <Layout lang={lang} t={t} title={t('common:landing.title')}>
      <h1>{t('common:landing.title')}</h1>
      <p class="lead">{t('common:site.tagline')}</p>
      <p>{t('common:landing.intro')}</p>
      <p>{t('common:landing.channels')}</p>
      <p>
        <a class="button" href={`/${lang}/report`}>
          {t('common:landing.start')}
        </a>
      </p>
      <p>
        <a class="button secondary" href={`/${lang}/follow-up`}>
          {t('common:landing.followUp')}
        </a>
      </p>
    </Layout>
  )
}

/** `/`: the visitor's language first, the three offered in their own words. */
export function ChooserPage({ lang }: { lang: Lang }) {
  const t = tFor(lang)
  return (
    <Layout lang={lang} t={t} title={t('common:landing.choose')}>
      <h1>{t('common:landing.title')}</h1>
      <p class="lead">{t('common:site.tagline')}</p>
      <ul>
        {[lang, ...LANGS.filter((l) => l !== lang)].map((l) => (
          <li lang={l}>
            <a href={`/${l}/`} hreflang={l}>
              {tFor(l)('common:landing.choose')}: {tFor(l)(`common:lang.${l}`)}
            </a>
          </li>
        ))}
      </ul>
    </Layout>
  )
}
