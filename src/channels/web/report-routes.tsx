/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/report-routes
 * GET and POST /{lang}/report. The POST checks the origin and the signed form token, validates
 * into the intake shape and files the report; the form token's nonce is the idempotency key, so
 * the same form sent twice files one case. The receipt is remembered, encrypted, under the nonce
 * in the same batch as the case, so a reporter whose connection dropped and who sends the form
 * again sees the same receipt (for a day, `intake/replay`). The receipt page is never cached.
 */
import { Hono, type Context } from 'hono'
import { getCatalog } from '../../catalog/index.js'
import type { AppEnv } from '../../deps.js'
import { AppError, type FieldError } from '../../errors.js'
import type { Lang, TFunction } from '../../i18n/index.js'
import { fileReport } from '../../intake/file-report.js'
import { rememberReply, replayFor } from '../../intake/replay.js'
import { validateSubmission } from '../../intake/schema.js'
import { intakeVocabulary } from '../../intake/vocabulary.js'
import { checkToken, issueToken, sameOriginRequest } from './csrf.js'
import type { Errors } from './fields.js'
import {
  errorsByField,
  first,
  readForm,
  reportValues,
  toSubmission,
  type ReportValues,
} from './form-parse.js'
import { ReportFormPage } from './report-form.js'
import { DuplicatePage, ReceiptPage } from './receipt-page.js'
import { limitBody, mediaType } from '../../middleware/body.js'
import { checkFiles, stageFiles, type CheckedFile, type StagedEvidence } from '../../evidence/attach.js'
import { exceptUploads } from '../../middleware/uploads.js'
import { readUpload } from '../../evidence/multipart.js'

/** GET/POST /{lang}/report (mounted there by createApp). */
export const reportRoutes = new Hono<AppEnv>()

/** A description of 25,000 characters, percent-encoded, fits with room to spare. */
export const REPORT_BODY_MAX = 256 * 1024

/** Translate field errors for the page. */
export function translateErrors(t: TFunction, fields: Partial<Record<string, FieldError>>): Errors {
  const out: Errors = {}
  for (const [k, e] of Object.entries(fields)) if (e) out[k] = t(e.key, e.params ?? {})
  return out
}

/** The language of a `/:lang/…` route (the language middleware read the same prefix). */
export const pageLang = (c: Context<AppEnv>): Lang => c.get('lang')

function form(
  c: Context<AppEnv>,
  token: string,
  status: 200 | 400 | 413 | 415 | 429,
  extra: { values?: ReportValues; errors?: Errors; notice?: string } = {},
) {
  return c.html(
    <ReportFormPage
      lang={pageLang(c)}
      t={c.get('t')}
      catalog={getCatalog()}
      token={token}
      {...extra}
    />,
    status,
  )
}

reportRoutes.get('/', (c) =>
  form(c, issueToken(c.get('deps'), 'report'), 200),
)

reportRoutes.post(
  '/',
  // A form with files (multipart) may be as large as its evidence allows (evidence/limits.ts).
  exceptUploads(limitBody(REPORT_BODY_MAX)),
  async (c) => {
    if (!sameOriginRequest(c)) throw new AppError('forbidden')
    const deps = c.get('deps')
    const t = c.get('t')
    const raw = await readForm(c)
    const values = reportValues(raw)
    const token = await checkToken(deps, 'report', first(raw, 'token'))
    if (!token.ok) {
      return form(c, issueToken(deps, 'report'), 400, {
        values,
        notice: t('web:form.tokenExpired'),
      })
    }
    const delivery = `web:${token.nonce}`
    // This form was already filed (its answer lost on the way): show the same receipt again,
    // whatever was changed in the form since.
    const seen = await replayFor(deps, delivery, RECEIPT_REPLAY_MS)
    if (seen !== undefined) return receiptAgain(c, seen)
    const result = validateSubmission(
      toSubmission(values, pageLang(c)),
      intakeVocabulary(getCatalog()),
      deps.clock.now(),
    )
    // Evidence: every file checked and stripped before anything is stored (evidence/attach.ts).
    const files = mediaType(c) === 'multipart/form-data' ? (await readUpload(c)).files : []
    if (!result.ok) {
      const errors = translateErrors(t, errorsByField(result.fields, values))
      // A browser cannot fill a file input again: say what was wrong with the files, or that
      // they must be chosen again.
      if (files.length > 0) errors.file = await fileProblem(deps, t, files) ?? t('web:attachments.again')
      return form(c, first(raw, 'token'), 400, { values, errors })
    }
    let checked: CheckedFile[] = []
    let staged: StagedEvidence | undefined
    const source = deps.remoteAddress(c) ?? 'unknown'
    try {
      checked = await checkFiles(deps, files)
      if (checked.length > 0) staged = await stageFiles(deps, checked, { source: 'reporter', from: source })
    } catch (err) {
      if (!(err instanceof AppError) || !err.fields?.file && err.code !== 'rate_limited') throw err
      const errors = err.code === 'rate_limited' ? { file: t('common:errors.rateLimited') } : translateErrors(t, err.fields ?? {})
      return form(c, first(raw, 'token'), err.status as 400 | 413 | 415 | 429, { values, errors })
    }
    let filed
    try {
      filed = await fileReport(deps, result.value, {
        channel: 'web',
        idempotencyKey: delivery,
        source,
        extra: (caseId, receipt) => [rememberReply(deps, delivery, receiptReply(receipt)), ...(staged?.rows(caseId) ?? [])],
      })
    } catch (err) {
      await staged?.discard().catch(() => {})
      // Too many reports from this network: keep what the worker wrote, so nothing is lost.
      if (!(err instanceof AppError && err.code === 'rate_limited')) throw err
      return form(c, first(raw, 'token'), 429, { values, notice: t('common:errors.rateLimited') })
    }
    if (filed.duplicate) await staged?.discard().catch(() => {})
    if (filed.duplicate) return receiptAgain(c, await replayFor(deps, delivery, RECEIPT_REPLAY_MS))
    return receiptPage(c, filed.receipt)
  },
)

/**
 * How long a form sent again gets its receipt back: long enough for a broken connection, short
 * enough that a seized phone's browser history does not give the receipt away later.
 */
export const RECEIPT_REPLAY_MS = 15 * 60_000

/** What is remembered for a filed form: the receipt page's data, not its HTML (any language). */
function receiptReply(receipt: string): string {
  return JSON.stringify({ receipt })
}

function receiptPage(c: Context<AppEnv>, receipt: string) {
  c.header('Cache-Control', 'no-store')
  return c.html(<ReceiptPage lang={pageLang(c)} t={c.get('t')} receipt={receipt} />, 200)
}

/**
 * The receipt page again for a form already filed; the page without a receipt when the
 * remembered one was purged (after a day) or cannot be read.
 */
function receiptAgain(c: Context<AppEnv>, remembered: string | undefined) {
  const receipt = remembered === undefined ? undefined : receiptIn(remembered)
  if (receipt !== undefined) return receiptPage(c, receipt)
  c.header('Cache-Control', 'no-store')
  return c.html(<DuplicatePage lang={pageLang(c)} t={c.get('t')} />, 200)
}

function receiptIn(remembered: string): string | undefined {
  try {
    const data: unknown = JSON.parse(remembered)
    if (data && typeof data === 'object' && 'receipt' in data && typeof data.receipt === 'string') {
      return data.receipt
    }
  } catch {
    // not ours: fall through
  }
  return undefined
}

/** The translated refusal of the files, if they would be refused (nothing is stored). */
async function fileProblem(deps: AppEnv['Variables']['deps'], t: TFunction, files: Blob[]): Promise<string | undefined> {
  try {
    await checkFiles(deps, files)
    return undefined
  } catch (err) {
    const f = err instanceof AppError ? err.fields?.file : undefined
    if (!f) throw err
    return t(f.key, f.params ?? {})
  }
}
