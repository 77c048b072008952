/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/receipt-page
 * The confirmation page: the receipt, with advice to write it down. Only its keyed hash is kept
 * with the case; the page's data is also kept encrypted for a day under the form's nonce, so the
 * same form sent again shows the same receipt. After that, the page for a form sent twice, which
 * cannot show the receipt again.
 */
import type { Lang, TFunction } from '../../i18n/index.js'
import { Layout } from '../../views/layout.js'

/** The receipt, shown this once, with advice to write it down. */
export function ReceiptPage({ lang, t, receipt }: { lang: Lang; t: TFunction; receipt: string }) {
  return (
    <Layout lang={lang} t={t} title={t('web:receipt.title')} path="follow-up">
      <h1>{t('web:receipt.title')}</h1>
      <h2>{t('web:receipt.label')}</h2>
      <p class="receipt" id="receipt">
        {receipt}
      </p>
      <p class="lead">
        <strong>{t('web:receipt.writeDown')}</strong>
      </p>
      <ul>
        <li>{t('web:receipt.onlyKey')}</li>
        <li>{t('web:receipt.once')}</li>
        <li>{t('web:receipt.hide')}</li>
        <li>{t('web:receipt.after')}</li>
      </ul>
      <p>
        <a class="button secondary" href={`/${lang}/follow-up`}>
          {t('web:receipt.followUp')}
        </a>
      </p>
    </Layout>
  )
}

/** The same form sent again after its receipt was purged: received once, no receipt to show. */
export function DuplicatePage({ lang, t }: { lang: Lang; t: TFunction }) {
  return (
    <Layout lang={lang} t={t} title={t('web:duplicate.title')} path="follow-up">
      <h1>{t('web:duplicate.title')}</h1>
      <p>{t('web:duplicate.body')}</p>
      <p>{t('web:duplicate.noReceipt')}</p>
      <p>
        <a class="button secondary" href={`/${lang}/follow-up`}>
          {t('common:landing.followUp')}
        </a>
      </p>
    </Layout>
  )
}
