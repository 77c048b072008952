/** @jsxImportSource hono/jsx */
/**
 * @module views/landing
 * The landing page in one language (what is stored, what is not, how to stay safe), and the
 * language chooser served at `/`.
 */
import type { Lang, TFunction } from '../i18n/index.js'
import { LANGS, tFor } from '../i18n/index.js'
import { Layout } from './layout.js'

const KEPT = ['report', 'contact', 'when'] as const
const NOT_KEPT = ['ip', 'cookies', 'receipt'] as const
const SAFE = ['device', 'history', 'receipt', 'name', 'tor'] as const

/** A titled list of `web:landing.<group>.<key>` sentences. */
function Points({ t, group, keys }: { t: TFunction; group: string; keys: readonly string[] }) {
  return (
    <section aria-labelledby={`${group}-title`}>
      <h2 id={`${group}-title`}>{t(`web:landing.${group}Title`)}</h2>
      <ul>
        {keys.map((k) => (
          <li>{t(`web:landing.${group}.${k}`)}</li>
        ))}
      </ul>
    </section>
  )
}

/** `/{lang}/`: what the hotline is, how to stay safe, what is kept and what is not. */
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
      <Points t={t} group="safe" keys={SAFE} />
      <Points t={t} group="kept" keys={KEPT} />
      <Points t={t} group="notKept" keys={NOT_KEPT} />
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
