/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/follow-up-routes
 * /{lang}/follow-up: enter the receipt (POST, never in a URL), see the status and the thread,
 * answer (POST /{lang}/follow-up/reply, the receipt in a hidden field), read and withdraw consent
 * (POST /{lang}/follow-up/withdraw), answer a referral (POST /{lang}/follow-up/consent). Wrong
 * receipts are
 * counted and limited exactly as on the API (RECEIPT_FAILURES per source).
 */
import { Hono, type Context } from 'hono'
import {
  addReporterMessage,
  caseByReceipt,
  openByReceipt,
  openQuestions,
  REPLY_MAX,
  reporterThread,
  type ReporterCase,
} from '../../cases/reporter.js'
import type { AppEnv } from '../../deps.js'
import { AppError } from '../../errors.js'
import { formatReceipt, normaliseReceipt } from '../../privacy/crypto.js'
import { checkToken, issueToken, sameOriginRequest } from './csrf.js'
import { CasePage, ReceiptFormPage } from './follow-up-page.js'
import { first, readForm } from './form-parse.js'
import { pageLang } from './report-routes.js'
import { limitBody } from '../../middleware/body.js'
import { dayOf } from '../../clock.js'
import { attachToCase } from '../../evidence/attach.js'
import { exceptUploads } from '../../middleware/uploads.js'
import { readUpload } from '../../evidence/multipart.js'
import { touch } from '../../store/cases.js'
import { consentsForWorker, withdrawByWorker } from '../../partners/ledger.js'
import { actBeforeOf } from '../../escalation/urgent.js'
import { answerReferral } from '../../partners/referral.js'
import { forgetReceipt, rememberedReceipt, rememberReceipt } from './follow-up-view.js'

/** GET/POST /{lang}/follow-up and /{lang}/follow-up/reply (mounted at /{lang}/follow-up by createApp). */
export const followUpRoutes = new Hono<AppEnv>()


type Lookup =
  { ok: true; kase: ReporterCase } | { ok: false; status: 400 | 404 | 429; error: string }

/** The case for a receipt; wrong receipts count against the source's hourly limit. */
async function lookup(c: Context<AppEnv>, receipt: string): Promise<Lookup> {
  const deps = c.get('deps')
  const t = c.get('t')
  if (receipt.trim() === '') return { ok: false, status: 400, error: t('intake:field.required') }
  if (receipt.length > 64) return { ok: false, status: 400, error: t('intake:field.receipt') }
  const found = await openByReceipt(deps, receipt, deps.remoteAddress(c) ?? 'unknown')
  if (found.ok) return { ok: true, kase: found.kase }
  if (found.reason === 'limited') {
    return { ok: false, status: 429, error: t('common:errors.rateLimited') }
  }
  const digits = normaliseReceipt(receipt).length
  return {
    ok: false,
    status: 404,
    error: t(digits === 16 ? 'common:errors.receiptNotFound' : 'intake:field.receipt'),
  }
}

function receiptForm(
  c: Context<AppEnv>,
  status: 200 | 400 | 404 | 429,
  extra: { receipt?: string; error?: string; notice?: string } = {},
) {
  const token = issueToken(c.get('deps'), 'follow-up')
  return c.html(
    <ReceiptFormPage lang={pageLang(c)} t={c.get('t')} token={token} {...extra} />,
    status,
  )
}

async function casePage(
  c: Context<AppEnv>,
  kase: ReporterCase,
  receipt: string,
  status: 200 | 400 | 413 | 415 | 429,
  extra: {
    reply?: string
    error?: string
    sent?: boolean
    withdrawn?: boolean
    answered?: boolean
    attached?: number
    fileError?: string
  } = {},
) {
  const deps = c.get('deps')
  const thread = await reporterThread(deps, kase.id)
  const consents = await consentsForWorker(deps, kase.id)
  c.header('Cache-Control', 'no-store')
  return c.html(
    <CasePage
      lang={pageLang(c)}
      t={c.get('t')}
      token={issueToken(deps, 'reply')}
      receipt={formatReceipt(receipt)}
      status={kase.status}
      createdAt={kase.created_at}
      thread={thread}
      question={openQuestions(thread).length > 0}
      consents={consents}
      withdrawToken={issueToken(deps, 'withdraw')}
      actBefore={await actBeforeOf(deps, kase)}
      attachToken={issueToken(deps, 'attach')}
      {...extra}
    />,
    status,
  )
}

followUpRoutes.get('/', (c) => receiptForm(c, 200))

/** What a POST just did, shown once on the case page (`?done=`). */
const DONE = { sent: 'sent', withdrawn: 'withdrawn', answered: 'answered' } as const

/** 303 to the case page: its URL holds no receipt, so Back and Reload resend nothing. */
const toCase = (c: Context<AppEnv>, done?: keyof typeof DONE) =>
  c.redirect(`/${pageLang(c)}/follow-up/case${done ? `?done=${done}` : ''}`, 303)

/** The case page, found through the receipt remembered by the POST (follow-up-view.ts). */
followUpRoutes.get('/case', async (c) => {
  const receipt = rememberedReceipt(c)
  const kase = receipt ? await caseByReceipt(c.get('deps'), receipt) : undefined
  if (!receipt || !kase) {
    forgetReceipt(c, pageLang(c))
    return receiptForm(c, 200, { notice: c.get('t')('web:followUpCase.expired') })
  }
  const done = c.req.query('done')
  return casePage(c, kase, receipt, 200, {
    sent: done === 'sent',
    withdrawn: done === 'withdrawn',
    answered: done === 'answered',
  })
})

/** "Close my report": forget the remembered receipt on this device. */
followUpRoutes.post('/leave', limitBody(1024), (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  forgetReceipt(c, pageLang(c))
  return c.redirect(`/${pageLang(c)}/follow-up`, 303)
})

/** The worker sends evidence to their case (evidence/attach.ts: checked, stripped, encrypted). */
followUpRoutes.post('/attachments', exceptUploads(limitBody(8 * 1024)), async (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  const deps = c.get('deps')
  const t = c.get('t')
  const { fields, files } = await readUpload(c)
  const receipt = first(fields, 'receipt')
  const found = await lookup(c, receipt)
  if (!found.ok) return receiptForm(c, found.status, { receipt: receipt.slice(0, 64), error: found.error })
  const token = await checkToken(deps, 'attach', first(fields, 'token'))
  if (!token.ok) return casePage(c, found.kase, receipt, 400, { fileError: t('web:form.tokenExpired') })
  const source = deps.remoteAddress(c) ?? 'unknown'
  try {
    const stored = await attachToCase(deps, found.kase.id, files, { source: 'reporter', from: source }, [
      touch(found.kase.id, dayOf(deps.clock.now())),
    ])
    return casePage(c, found.kase, receipt, 200, { attached: Math.max(stored.length, files.length) })
  } catch (err) {
    if (!(err instanceof AppError) || (!err.fields?.file && err.code !== 'rate_limited')) throw err
    const f = err.fields?.file
    const fileError = f ? t(f.key, f.params ?? {}) : t('common:errors.rateLimited')
    return casePage(c, found.kase, receipt, err.status as 400 | 413 | 415 | 429, { fileError })
  }
})

followUpRoutes.get('/reply', (c) =>
  c.redirect(`/${pageLang(c)}/follow-up`, 303),
)

followUpRoutes.post('/', limitBody(8 * 1024), async (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  const raw = await readForm(c)
  const receipt = first(raw, 'receipt')
  const kept = receipt.slice(0, 64)
  if (!(await checkToken(c.get('deps'), 'follow-up', first(raw, 'token'))).ok) {
    return receiptForm(c, 400, { receipt: kept, notice: c.get('t')('web:form.tokenExpired') })
  }
  const found = await lookup(c, receipt)
  if (!found.ok) return receiptForm(c, found.status, { receipt: kept, error: found.error })
  rememberReceipt(c, pageLang(c), receipt)
  return toCase(c)
})

followUpRoutes.post('/reply', limitBody(64 * 1024), async (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  const deps = c.get('deps')
  const t = c.get('t')
  const raw = await readForm(c)
  const receipt = first(raw, 'receipt')
  const found = await lookup(c, receipt)
  if (!found.ok)
    return receiptForm(c, found.status, { receipt: receipt.slice(0, 64), error: found.error })
  const reply = first(raw, 'body')
  const token = await checkToken(deps, 'reply', first(raw, 'token'))
  if (!token.ok)
    return casePage(c, found.kase, receipt, 400, { reply, error: t('web:form.tokenExpired') })
  const text = reply.trim()
  if (!text)
    return casePage(c, found.kase, receipt, 400, { reply, error: t('intake:field.required') })
  if (text.length > REPLY_MAX) {
    return casePage(c, found.kase, receipt, 400, {
      reply,
      error: t('intake:field.tooLong', { max: REPLY_MAX }),
    })
  }
  await addReporterMessage(deps, found.kase, text, 'web', `web:${token.nonce}`)
  rememberReceipt(c, pageLang(c), receipt)
  return toCase(c, 'sent')
})

/** The worker withdraws every consent still given on the case (takes effect at once). */
followUpRoutes.post('/withdraw', limitBody(8 * 1024), async (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  const deps = c.get('deps')
  const raw = await readForm(c)
  const receipt = first(raw, 'receipt')
  const found = await lookup(c, receipt)
  if (!found.ok)
    return receiptForm(c, found.status, { receipt: receipt.slice(0, 64), error: found.error })
  if (!(await checkToken(deps, 'withdraw', first(raw, 'token'))).ok)
    return casePage(c, found.kase, receipt, 400, { error: c.get('t')('web:form.tokenExpired') })
  await withdrawByWorker(deps, found.kase.id, 'web')
  rememberReceipt(c, pageLang(c), receipt)
  return toCase(c, 'withdrawn')
})

/** The worker's yes or no to a referral (partners/referral.ts). */
followUpRoutes.post('/consent', limitBody(8 * 1024), async (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  const deps = c.get('deps')
  const raw = await readForm(c)
  const receipt = first(raw, 'receipt')
  const found = await lookup(c, receipt)
  if (!found.ok)
    return receiptForm(c, found.status, { receipt: receipt.slice(0, 64), error: found.error })
  const answer = first(raw, 'answer')
  if (!(await checkToken(deps, 'withdraw', first(raw, 'token'))).ok || (answer !== 'yes' && answer !== 'no'))
    return casePage(c, found.kase, receipt, 400, { error: c.get('t')('web:form.tokenExpired') })
  await answerReferral(deps, found.kase.id, answer === 'yes', 'web')
  rememberReceipt(c, pageLang(c), receipt)
  return toCase(c, 'answered')
})
