/**
 * @module routes/report-api
 * The reporter's JSON API: file a report, follow up with the receipt, answer a question.
 * Errors are translated per field; bodies are size-limited; wrong receipts are rate limited.
 */
import { Hono, type Context } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCatalog } from '../catalog/index.js'
import type { AppEnv } from '../deps.js'
import { AppError } from '../errors.js'
import { isLang, tFor } from '../i18n/index.js'
import { fileReport } from '../intake/file-report.js'
import { validateSubmission } from '../intake/schema.js'
import { intakeVocabulary } from '../intake/vocabulary.js'
import {
  addReporterMessage,
  openByReceipt,
  REPLY_MAX,
  reporterThread,
  type ReporterCase,
} from '../cases/reporter.js'

export const reportApi = new Hono<AppEnv>()

const limit = (maxSize: number) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError('too_large')
    },
  })

async function jsonBody(c: Context<AppEnv>): Promise<Record<string, unknown>> {
  try {
    const body: unknown = await c.req.json()
    if (body && typeof body === 'object' && !Array.isArray(body)) return body as Record<string, unknown>
  } catch {
    // fall through
  }
  throw new AppError('bad_request')
}

/** Reply in the report's language when the body names one. */
function useBodyLanguage(c: Context<AppEnv>, body: Record<string, unknown>) {
  if (isLang(body.language)) {
    c.set('lang', body.language)
    c.set('t', tFor(body.language))
  }
}

reportApi.post('/reports', limit(64 * 1024), async (c) => {
  const body = await jsonBody(c)
  useBodyLanguage(c, body)
  const result = validateSubmission(body, intakeVocabulary(getCatalog()))
  if (!result.ok) throw new AppError('validation', result.fields)
  const deps = c.get('deps')
  const filed = await fileReport(deps, result.value, {
    channel: 'api',
    source: deps.remoteAddress(c) ?? 'unknown',
  })
  if (filed.duplicate) throw new AppError('conflict')
  return c.json({ receipt: filed.receipt, reference: filed.reference }, 201)
})

/** Find the case for a receipt; wrong receipts count against the source's hourly limit. */
async function requireCase(c: Context<AppEnv>, receipt: unknown): Promise<ReporterCase> {
  if (typeof receipt !== 'string' || receipt.length > 64) {
    throw new AppError('validation', { receipt: { key: 'intake:field.receipt' } })
  }
  const deps = c.get('deps')
  const found = await openByReceipt(deps, receipt, deps.remoteAddress(c) ?? 'unknown')
  if (found.ok) return found.kase
  throw new AppError(found.reason === 'limited' ? 'rate_limited' : 'receipt_not_found')
}

reportApi.post('/follow-up', limit(4 * 1024), async (c) => {
  const body = await jsonBody(c)
  useBodyLanguage(c, body)
  const kase = await requireCase(c, body.receipt)
  const t = c.get('t')
  const messages = await reporterThread(c.get('deps'), kase.id)
  return c.json({
    status: kase.status,
    statusLabel: t(`followup:status.${kase.status}`),
    receivedOn: new Date(kase.created_at).toISOString().slice(0, 10),
    messages: messages.map((m) => ({
      direction: m.direction,
      body: m.body,
      at: new Date(m.at).toISOString(),
    })),
  })
})

reportApi.post('/follow-up/messages', limit(32 * 1024), async (c) => {
  const body = await jsonBody(c)
  useBodyLanguage(c, body)
  const kase = await requireCase(c, body.receipt)
  const text = typeof body.body === 'string' ? body.body.trim() : ''
  if (!text) throw new AppError('validation', { body: { key: 'intake:field.required' } })
  if (text.length > REPLY_MAX) {
    throw new AppError('validation', { body: { key: 'intake:field.tooLong', params: { max: REPLY_MAX } } })
  }
  const { id } = await addReporterMessage(c.get('deps'), kase, text, 'api')
  return c.json({ id }, 201)
})
