/** @jsxImportSource hono/jsx */
/**
 * @module console/views/ngo-file
 * The NGO's filing page: the worker's account (the intake shape), an optional number for the
 * receipt SMS, and the worker's consent; then the page that shows the receipt, once.
 */
import { getCatalog } from '../../catalog/index.js'
import type { Actor } from '../../cases/scope.js'
import { LANGS, type Lang, type TFunction } from '../../i18n/index.js'
import { DESCRIPTION_MAX } from '../../intake/schema.js'
import { DISCLOSE, METHODS, RECIPIENTS } from '../../partners/consent.js'
import { ConsoleLayout, Csrf } from './layout.js'

/** What was typed, to show the form again after an error. */
export type FileValues = Record<string, string | string[] | undefined>

interface FormProps {
  lang: Lang
  t: TFunction
  actor: Actor
  values: FileValues
  /** Translated problems, each "field: message". */
  errors: string[]
}

const str = (v: FileValues, k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '')
const list = (v: FileValues, k: string) => (Array.isArray(v[k]) ? (v[k] as string[]) : [])

export function NgoFilePage({ lang, t, actor, values: v, errors }: FormProps) {
  const catalog = getCatalog()
  const p = 'console:partners.file'
  return (
    <ConsoleLayout lang={lang} t={t} title={t(`${p}.title`)} actor={actor}>
      <h1>{t(`${p}.title`)}</h1>
      <p>{t(`${p}.intro`)}</p>
      {errors.length > 0 ? (
        <div class="error" role="alert" id="file-errors">
          <p>{t(`${p}.errorsTitle`)}</p>
          <ul>
            {errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/console/ngo/file" id="ngo-file">
        <Csrf actor={actor} />
        <label for="language">{t(`${p}.workerLanguage`)}</label>
        <select id="language" name="language">
          {LANGS.map((l) => (
            <option value={l} selected={str(v, 'language') === l}>
              {t(`common:lang.${l}`)}
            </option>
          ))}
        </select>
        <label for="country">{t('web:report.country')}</label>
        <select id="country" name="country" required>
          <option value="">—</option>
          {Object.entries(catalog.countries).map(([code, c]) => (
            <option value={code} selected={str(v, 'country') === code}>
              {c.name[lang]}
            </option>
          ))}
        </select>
        <label for="sector">{t('web:report.sector')}</label>
        <select id="sector" name="sector">
          <option value="">—</option>
          {Object.entries(catalog.sectors).map(([code, s]) => (
            <option value={code} selected={str(v, 'sector') === code}>
              {s.title[lang]}
            </option>
          ))}
        </select>
        <label for="employer">{t('web:report.employer')}</label>
        <input id="employer" name="employer" type="text" maxlength={200} required value={str(v, 'employer')} />
        <label for="facility">{t('web:report.facility')}</label>
        <input id="facility" name="facility" type="text" maxlength={200} value={str(v, 'facility')} />
        <label for="description">{t('web:report.description')}</label>
        <textarea id="description" name="description" maxlength={DESCRIPTION_MAX} required>
          {str(v, 'description')}
        </textarea>
        <label for="occurredDate">{t('web:report.occurredDate')}</label>
        <input id="occurredDate" name="occurredDate" type="date" value={str(v, 'occurredDate')} />
        <label for="contactPhone">{t(`${p}.phone`)}</label>
        <input id="contactPhone" name="contactPhone" type="tel" maxlength={30} autocomplete="off" />
        <label class="check">
          <input type="checkbox" name="consentToContact" value="yes" checked={str(v, 'consentToContact') === 'yes'} />
          {t(`${p}.contactConsent`)}
        </label>
        <label class="check">
          <input type="checkbox" name="smsReceipt" value="yes" checked={str(v, 'smsReceipt') === 'yes'} />
          {t(`${p}.smsReceipt`)}
        </label>
        <fieldset id="consent">
          <legend>{t(`${p}.consentTitle`)}</legend>
          <fieldset>
            <legend>{t(`${p}.disclose`)}</legend>
            {DISCLOSE.map((d) => (
              <label class="check">
                <input type="checkbox" name="disclose" value={d} checked={list(v, 'disclose').includes(d)} />
                {t(`followup:consent.disclose.${d}`)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t(`${p}.recipients`)}</legend>
            {RECIPIENTS.map((r) => (
              <label class="check">
                <input type="checkbox" name="recipients" value={r} checked={list(v, 'recipients').includes(r)} />
                {t(`followup:consent.recipient.${r}`)}
              </label>
            ))}
          </fieldset>
          <label for="until">{t(`${p}.until`)}</label>
          <input id="until" name="until" type="date" required value={str(v, 'until')} />
          <fieldset>
            <legend>{t(`${p}.method`)}</legend>
            {METHODS.map((m) => (
              <label class="check">
                <input type="radio" name="method" value={m} checked={str(v, 'method') === m} required />
                {t(`followup:consent.method.${m}`)}
              </label>
            ))}
          </fieldset>
        </fieldset>
        <p>
          <button type="submit">{t(`${p}.submit`)}</button>
        </p>
      </form>
    </ConsoleLayout>
  )
}

interface FiledProps {
  lang: Lang
  t: TFunction
  actor: Actor
  caseId: string
  reference: string
  receipt: string
  sms: 'none' | 'sent' | 'failed'
}

/** The receipt, shown this once. */
export function NgoFiledPage({ lang, t, actor, caseId, reference, receipt, sms }: FiledProps) {
  const p = 'console:partners.file'
  return (
    <ConsoleLayout lang={lang} t={t} title={t(`${p}.filedTitle`)} actor={actor}>
      <h1>{t(`${p}.filedTitle`)}</h1>
      <p>{t(`${p}.receiptOnce`)}</p>
      <p class="receipt" id="receipt">
        <strong>{receipt}</strong>
      </p>
      <p>{t(`${p}.receiptHint`)}</p>
      {sms === 'sent' ? <p class="notice" id="sms-status">{t(`${p}.smsSent`)}</p> : null}
      {sms === 'failed' ? <p class="error" id="sms-status">{t(`${p}.smsFailed`)}</p> : null}
      <p>
        <a href={`/console/cases/${caseId}`}>
          {t(`${p}.openCase`)} {reference}
        </a>
      </p>
    </ConsoleLayout>
  )
}
