/** @jsxImportSource hono/jsx */
/**
 * @module console/ngo-pages
 * The NGO's filing page (GET/POST /console/ngo/file): the form posts, a bad field comes back
 * with the form and a translated list of problems; a filed report answers with the receipt,
 * shown this once (it is never in a URL or a redirect).
 */
import { Hono } from 'hono'
import { reportValues, toSubmission } from '../channels/web/form-parse.js'
import { AppError } from '../errors.js'
import { isLang, type TFunction } from '../i18n/index.js'
import { formFields } from '../middleware/body.js'
import { fileForWorker } from '../partners/file-for-worker.js'
import { requireStaff, type ConsoleEnv } from './middleware.js'
import { NgoFiledPage, NgoFilePage, type FileValues } from './views/ngo-file.js'

export const ngoPages = new Hono<ConsoleEnv>()

/** The label of each field an error can name. */
const LABELS: Record<string, string> = {
  language: 'console:partners.file.workerLanguage',
  country: 'web:report.country',
  sector: 'web:report.sector',
  employer: 'web:report.employer',
  facility: 'web:report.facility',
  description: 'web:report.description',
  occurredOn: 'web:report.occurredDate',
  'contact.phone': 'console:partners.file.phone',
  consentToContact: 'console:partners.file.contactConsent',
  smsReceipt: 'console:partners.file.smsReceipt',
  consent: 'console:partners.file.consentTitle',
  'consent.disclose': 'console:partners.file.disclose',
  'consent.recipients': 'console:partners.file.recipients',
  'consent.until': 'console:partners.file.until',
  'consent.method': 'console:partners.file.method',
}

const problems = (t: TFunction, err: AppError) =>
  Object.entries(err.fields ?? {}).map(([path, e]) => {
    const label = LABELS[path]
    const msg = t(e.key, e.params)
    return label ? `${t(label)}: ${msg}` : msg
  })

ngoPages.get('/file', requireStaff(['ngo'], 'page'), (c) =>
  c.html(<NgoFilePage lang={c.get('lang')} t={c.get('t')} actor={c.get('actor')} values={{}} errors={[]} />),
)

ngoPages.post('/file', requireStaff(['ngo'], 'page'), async (c) => {
  const form = await formFields(c)
  const one = (k: string) => form[k]?.[0]?.trim() ?? ''
  const workerLang = one('language')
  const submission = toSubmission(reportValues(form), isLang(workerLang) ? workerLang : 'en')
  if (!isLang(workerLang)) submission.language = workerLang
  const body = {
    ...submission,
    consent: {
      disclose: form.disclose ?? [],
      recipients: form.recipients ?? [],
      until: one('until'),
      method: one('method'),
    },
    smsReceipt: one('smsReceipt') === 'yes',
  }
  const actor = c.get('actor')
  try {
    const filed = await fileForWorker(c.get('deps'), actor, body)
    return c.html(<NgoFiledPage lang={c.get('lang')} t={c.get('t')} actor={actor} {...filed} />, 201)
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation') throw err
    // Typed values come back, except the worker's number (it is not shown again).
    const values: FileValues = {}
    for (const k of ['language', 'country', 'sector', 'employer', 'facility', 'description', 'occurredDate', 'consentToContact', 'smsReceipt', 'until', 'method'])
      values[k] = one(k)
    values.disclose = form.disclose ?? []
    values.recipients = form.recipients ?? []
    return c.html(
      <NgoFilePage lang={c.get('lang')} t={c.get('t')} actor={actor} values={values} errors={problems(c.get('t'), err)} />,
      400,
    )
  }
})
