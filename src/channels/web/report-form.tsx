/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/report-form
 * The report form (design §3 intake shape), in one language. Posts to its own path. Works
 * without JavaScript: errors come back from the server next to each field, with what was typed.
 */
import { OCCURRED_CHOICES } from '../../intake/occurred.js'
import type { Catalog } from '../../catalog/index.js'
import { RIGHTS, DESCRIPTION_MAX } from '../../intake/schema.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { Layout } from '../../views/layout.js'
import {
  CheckField,
  ChoiceGroup,
  ErrorSummary,
  Notice,
  SelectField,
  TextArea,
  TextField,
  type Errors,
} from './fields.js'
import { REPORT_FIELDS, type ReportField, type ReportValues } from './form-parse.js'
import { EvidenceField } from './evidence-field.js'

/** Props of the report form page. */
export interface ReportFormProps {
  lang: Lang
  t: TFunction
  catalog: Catalog
  token: string
  values?: ReportValues
  /** Translated errors by field id (`_` for errors that belong to no field). */
  errors?: Errors
  /** A message shown above the form (e.g. the form was open too long). */
  notice?: string
}

/** The label of each field, as used in the error summary. */
const LABEL: Record<ReportField, string> = {
  country: 'web:report.country',
  sector: 'web:report.sector',
  employer: 'web:report.employer',
  facility: 'web:report.facility',
  location: 'web:report.location',
  rights: 'web:report.rights',
  description: 'web:report.description',
  occurredOn: 'web:report.occurredOn',
  occurredDate: 'web:report.occurredDate',
  workersAffected: 'web:report.workersAffected',
  retaliationFeared: 'web:report.retaliation',
  authoritiesNotified: 'web:report.authorities',
  contactName: 'web:report.contactName',
  contactPhone: 'web:report.contactPhone',
  contactEmail: 'web:report.contactEmail',
  consentToContact: 'web:report.consent',
}

/** Catalog entries as [code, text] pairs, sorted for the language. */
function sorted(entries: [string, string][], lang: Lang): [string, string][] {
  const collator = new Intl.Collator(lang)
  return entries.sort((a, b) =>
    a[0] === 'other' ? 1 : b[0] === 'other' ? -1 : collator.compare(a[1], b[1]),
  )
}

/** The report form, with errors next to their fields and the typed values kept. */
export function ReportFormPage({
  lang,
  t,
  catalog,
  token,
  values,
  errors = {},
  notice,
}: ReportFormProps) {
  const v: ReportValues = values ?? { rights: [] }
  const required = t('web:form.required')
  const yesNo: [string, string][] = [
    ['yes', t('web:form.yes')],
    ['no', t('web:form.no')],
    ['', t('web:form.dontKnow')],
  ]
  const summary = [
    ...(errors._ ? [{ id: 'report-form', label: t('web:report.title'), message: errors._ }] : []),
    ...REPORT_FIELDS.filter((f) => errors[f]).map((f) => ({
      id: f,
      label: t(LABEL[f]),
      message: errors[f]!,
    })),
    ...(errors.file ? [{ id: 'file', label: t('web:attachments.label'), message: errors.file }] : []),
  ]
  const countries = sorted(
    Object.entries(catalog.countries).map(([code, c]) => [code, c.name[lang]]),
    lang,
  )
  const sectors = sorted(
    Object.entries(catalog.sectors).map(([code, s]) => [code, s.title[lang]]),
    lang,
  )
  const rights = RIGHTS.map((r): [string, string] => [r, catalog.rights[r].question[lang]])

  return (
    <Layout lang={lang} t={t} title={t('web:report.title')} path="report">
      <h1>{t('web:report.title')}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary title={t('web:form.errorsTitle')} items={summary} />
      <p>{t('web:report.intro')}</p>
      <form id="report-form" method="post" action={`/${lang}/report`} enctype="multipart/form-data" novalidate>
        <input type="hidden" name="token" value={token} />
        <h2>{t('web:report.workTitle')}</h2>
        <SelectField
          id="country"
          label={t('web:report.country')}
          mark={required}
          required
          choose={t('web:report.countryChoose')}
          options={countries}
          value={v.country}
          error={errors.country}
        />
        <SelectField
          id="sector"
          label={t('web:report.sector')}
          choose={t('web:report.sectorChoose')}
          options={sectors}
          value={v.sector}
          error={errors.sector}
        />
        <TextField
          id="employer"
          label={t('web:report.employer')}
          mark={required}
          required
          maxlength={200}
          hint={t('web:report.employerHint')}
          value={v.employer}
          error={errors.employer}
        />
        <TextField
          id="facility"
          label={t('web:report.facility')}
          maxlength={200}
          hint={t('web:report.facilityHint')}
          value={v.facility}
          error={errors.facility}
        />
        <TextField
          id="location"
          label={t('web:report.location')}
          maxlength={200}
          value={v.location}
          error={errors.location}
        />

        <h2>{t('web:report.problemTitle')}</h2>
        <ChoiceGroup
          id="rights"
          type="checkbox"
          legend={t('web:report.rights')}
          options={rights}
          checked={v.rights}
          error={errors.rights}
        />
        <TextArea
          id="description"
          label={t('web:report.description')}
          mark={required}
          required
          maxlength={DESCRIPTION_MAX}
          hint={t('web:report.descriptionHint')}
          value={v.description}
          error={errors.description}
        />
        <SelectField
          id="occurredOn"
          label={t('web:report.occurredOn')}
          hint={t('web:report.occurredOnHint')}
          choose={t('web:report.occurredChoose')}
          options={OCCURRED_CHOICES.map((o): [string, string] => [o, t(`common:occurred.${o}`)])}
          value={v.occurredOn}
          error={errors.occurredOn}
        />
        <TextField
          id="occurredDate"
          type="date"
          label={t('web:report.occurredDate')}
          maxlength={10}
          hint={t('web:report.occurredDateHint')}
          value={v.occurredDate}
          error={errors.occurredDate}
        />
        <TextField
          id="workersAffected"
          label={t('web:report.workersAffected')}
          inputmode="numeric"
          maxlength={12}
          hint={t('web:report.workersAffectedHint')}
          value={v.workersAffected}
          error={errors.workersAffected}
        />
        <ChoiceGroup
          id="retaliationFeared"
          type="radio"
          legend={t('web:report.retaliation')}
          options={yesNo}
          checked={[v.retaliationFeared ?? '']}
          error={errors.retaliationFeared}
        />
        <ChoiceGroup
          id="authoritiesNotified"
          type="radio"
          legend={t('web:report.authorities')}
          options={yesNo}
          checked={[v.authoritiesNotified ?? '']}
          error={errors.authoritiesNotified}
        />

        <EvidenceField t={t} error={errors.file} />

        <h2>{t('web:report.contactTitle')}</h2>
        <p>{t('web:report.contactIntro')}</p>
        <TextField
          id="contactName"
          label={t('web:report.contactName')}
          maxlength={200}
          value={v.contactName}
          error={errors.contactName}
        />
        <TextField
          id="contactPhone"
          type="tel"
          label={t('web:report.contactPhone')}
          maxlength={30}
          value={v.contactPhone}
          error={errors.contactPhone}
        />
        <TextField
          id="contactEmail"
          type="email"
          label={t('web:report.contactEmail')}
          maxlength={200}
          value={v.contactEmail}
          error={errors.contactEmail}
        />
        <CheckField
          id="consentToContact"
          label={t('web:report.consent')}
          checked={v.consentToContact === 'yes'}
          error={errors.consentToContact}
        />

        <p class="hint">{t('web:report.before')}</p>
        <p>
          <button type="submit">{t('web:report.send')}</button>
        </p>
      </form>
    </Layout>
  )
}
