/**
 * @module routes/report-api
 * The reporter's JSON API: file a report, follow up with the receipt, answer a question.
 * Errors are translated per field; bodies are size-limited; wrong receipts are rate limited.
 * Filing takes an optional `Idempotency-Key` (Stripe-like): the 201 answer is remembered,
 * encrypted, in the same batch as the case, and a retry with the same key and the same body gets
 * it again (with `Idempotent-Replayed: true`) and files nothing; the same key with another body,
 * or once the answer was purged (after a day), is a 409. A request refused by validation
 * remembers nothing, so it can be corrected and sent again under the same key.
 */
import { actBeforeOf } from '../escalation/urgent.js'
import { Hono, type Context } from 'hono'
import { getCatalog } from '../catalog/index.js'
import type { AppEnv, Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { jsonObject, limitBody } from '../middleware/body.js'
import { isLang, tFor, type TFunction } from '../i18n/index.js'
import { fileReport } from '../intake/file-report.js'
import { rememberReply, replayFor } from '../intake/replay.js'
import { validateSubmission } from '../intake/schema.js'
import { consentsForWorker } from '../partners/ledger.js'
import { intakeVocabulary } from '../intake/vocabulary.js'
import * as cases from '../store/cases.js'
import {
  addReporterMessage,
  openByReceipt,
  REPLY_MAX,
  reporterThread,
  type ReporterCase,
} from '../cases/reporter.js'

export const reportApi = new Hono<AppEnv>()


/** Reply in the report's language when the body names one. */
function useBodyLanguage(c: Context<AppEnv>, body: Record<string, unknown>) {
  if (isLang(body.language)) {
    c.set('lang', body.language)
    c.set('t', tFor(body.language))
  }
}

/** An `Idempotency-Key`: 1–128 visible ASCII characters (a random UUID is a good choice). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/

/** The request's Idempotency-Key, if it sent one; a malformed one is a 400. */
function idempotencyKey(c: Context<AppEnv>): string | undefined {
  const key = c.req.header('idempotency-key')
  if (key === undefined) return undefined
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new AppError('validation', { 'Idempotency-Key': { key: 'intake:field.invalid' } })
  }
  return key
}

/** The body with object keys sorted, so that a retry that reorders them is the same request. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

/** What is remembered (encrypted) under an Idempotency-Key: the answer and the request's hash. */
interface Remembered {
  caseId: string
  receipt: string
  body: string
}

/** Answer a repeat from what was remembered: the same 201, or 409 for another body or none. */
async function replayed(c: Context<AppEnv>, remembered: string | undefined, bodyHash: string) {
  if (remembered === undefined) throw new AppError('conflict')
  const r = JSON.parse(remembered) as Remembered
  if (r.body !== bodyHash) throw new AppError('conflict')
  const reference = await cases.referenceOf(c.get('deps').sql, r.caseId)
  if (reference === undefined) throw new AppError('conflict')
  c.header('Idempotent-Replayed', 'true')
  return c.json({ receipt: r.receipt, reference }, 201)
}

reportApi.post('/reports', limitBody(64 * 1024), async (c) => {
  const deps = c.get('deps')
  const body = await jsonObject(c)
  useBodyLanguage(c, body)
  const key = idempotencyKey(c)
  const delivery = key === undefined ? undefined : `api:${key}`
  // Keyed, so that what is kept cannot confirm a guess of the report's text.
  const bodyHash = delivery ? deps.crypto.blindIndex('token', `api-body\0${canonical(body)}`) : ''
  if (delivery) {
    const seen = await replayFor(deps, delivery)
    if (seen !== undefined) return replayed(c, seen, bodyHash)
  }
  const result = validateSubmission(body, intakeVocabulary(getCatalog()), deps.clock.now())
  if (!result.ok) throw new AppError('validation', result.fields)
  const filed = await fileReport(deps, result.value, {
    channel: 'api',
    source: deps.remoteAddress(c) ?? 'unknown',
    ...(delivery && {
      idempotencyKey: delivery,
      extra: (caseId: string, receipt: string) => [
        rememberReply(deps, delivery, JSON.stringify({ caseId, receipt, body: bodyHash })),
      ],
    }),
  })
  // Filed under this key already: by a concurrent retry (replayed), or over a day ago (409).
  if (filed.duplicate) {
    return replayed(c, delivery ? await replayFor(deps, delivery) : undefined, bodyHash)
  }
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

reportApi.post('/follow-up', limitBody(4 * 1024), async (c) => {
  const body = await jsonObject(c)
  useBodyLanguage(c, body)
  const kase = await requireCase(c, body.receipt)
  const t = c.get('t')
  const messages = await reporterThread(c.get('deps'), kase.id)
  // What the worker consented to, when an organisation filed or referred the case.
  const consents = (await consentsForWorker(c.get('deps'), kase.id)).map((x) => ({
    status: x.status,
    disclose: x.disclose,
    recipients: x.recipients,
    until: x.until,
    method: x.method,
  }))
  return c.json({
    status: kase.status,
    statusLabel: t(`followup:status.${kase.status}`),
    receivedOn: new Date(kase.created_at).toISOString().slice(0, 10),
    messages: messages.map((m) => ({
      direction: m.direction,
      body: m.body,
      at: new Date(m.at).toISOString(),
    })),
    consents,
    // LFT Art. 518: a dismissed worker in Mexico must act by this day (escalation/urgent.ts).
    ...(await urgentFields(c.get('deps'), kase, t)),
  })
})

async function urgentFields(deps: Deps, kase: { id: string; status: string }, t: TFunction) {
  const at = await actBeforeOf(deps, kase)
  if (at === null) return {}
  const day = new Date(at).toISOString().slice(0, 10)
  return { actBefore: day, urgent: t('followup:urgent.sms', { date: day }) }
}

reportApi.post('/follow-up/messages', limitBody(32 * 1024), async (c) => {
  const body = await jsonObject(c)
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
