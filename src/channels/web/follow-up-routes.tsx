/** @jsxImportSource hono/jsx */
/**
 * @module channels/web/follow-up-routes
 * /{lang}/follow-up: enter the receipt (POST, never in a URL), see the status and the thread,
 * answer (POST /{lang}/follow-up/reply, the receipt in a hidden field), read and withdraw consent
 * (POST /{lang}/follow-up/withdraw), answer a referral (POST /{lang}/follow-up/consent), attach
 * evidence (POST /{lang}/follow-up/attachments). Each of these forms goes through `caseForm` and
 * answers 303 to /{lang}/follow-up/case when done. Wrong receipts are counted and limited exactly
 * as on the API (RECEIPT_FAILURES per source).
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
import { checkToken, issueToken, sameOriginRequest, type FormKind } from './csrf.js'
import { CasePage, ReceiptFormPage } from './follow-up-page.js'
import { first, readForm } from './form-parse.js'
import { pageLang } from './report-routes.js'
import { limitBody } from '../../middleware/body.js'
import { dayOf } from '../../clock.js'
import { attachToCase } from '../../evidence/attach.js'
import { exceptUploads } from '../../middleware/uploads.js'
import { readUpload, type UploadForm } from '../../evidence/multipart.js'
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
const DONE = { sent: 'sent', withdrawn: 'withdrawn', answered: 'answered', attached: 'attached' } as const

/** 303 to the case page: its URL holds no receipt, so Back and Reload resend nothing. */
const toCase = (c: Context<AppEnv>, done?: keyof typeof DONE, count?: number) =>
  c.redirect(`/${pageLang(c)}/follow-up/case${done ? `?done=${done}${count ? `&n=${count}` : ''}` : ''}`, 303)

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
    // How many files were just attached (at most the form's 3; never anything else from the URL).
    ...(done === 'attached' ? { attached: Math.min(3, Math.max(1, Number.parseInt(c.req.query('n') ?? '1', 10) || 1)) } : {}),
  })
})

/** "Close my report": forget the remembered receipt on this device. */
followUpRoutes.post('/leave', limitBody(1024), (c) => {
  if (!sameOriginRequest(c)) throw new AppError('forbidden')
  forgetReceipt(c, pageLang(c))
  return c.redirect(`/${pageLang(c)}/follow-up`, 303)
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

/** What a case form's action came to: done (303 to the case page) or refused (the page again). */
type Outcome =
  | { done: keyof typeof DONE; count?: number }
  | { status: 400 | 413 | 415 | 429; page: Parameters<typeof casePage>[4] }

/**
 * A form posted from the case page, in the steps every one of them takes: same origin, read the
 * form (or the upload), find the case by its receipt (wrong ones count against the source), check
 * the form's one-time token, act, then remember the receipt and 303 to the case page; a refusal
 * shows the page again with its message. `refused` is what the page shows for an expired token.
 */
function caseForm(
  purpose: FormKind,
  act: (c: Context<AppEnv>, kase: ReporterCase, form: UploadForm, nonce: string) => Promise<Outcome>,
  o: { upload?: boolean; refused?: (form: UploadForm, error: string) => Parameters<typeof casePage>[4] } = {},
) {
  return async (c: Context<AppEnv>) => {
    if (!sameOriginRequest(c)) throw new AppError('forbidden')
    const deps = c.get('deps')
    const form = o.upload ? await readUpload(c) : { fields: await readForm(c), files: [] }
    const receipt = first(form.fields, 'receipt')
    const found = await lookup(c, receipt)
    if (!found.ok) return receiptForm(c, found.status, { receipt: receipt.slice(0, 64), error: found.error })
    const token = await checkToken(deps, purpose, first(form.fields, 'token'))
    if (!token.ok) {
      const error = c.get('t')('web:form.tokenExpired')
      return casePage(c, found.kase, receipt, 400, o.refused?.(form, error) ?? { error })
    }
    const outcome = await act(c, found.kase, form, token.nonce)
    if ('status' in outcome) return casePage(c, found.kase, receipt, outcome.status, outcome.page)
    rememberReceipt(c, pageLang(c), receipt)
    return toCase(c, outcome.done, outcome.count)
  }
}

followUpRoutes.post(
  '/reply',
  limitBody(64 * 1024),
  caseForm(
    'reply',
    async (c, kase, { fields }, nonce) => {
      const t = c.get('t')
      const reply = first(fields, 'body')
      const text = reply.trim()
      if (!text) return { status: 400, page: { reply, error: t('intake:field.required') } }
      if (text.length > REPLY_MAX) return { status: 400, page: { reply, error: t('intake:field.tooLong', { max: REPLY_MAX }) } }
      await addReporterMessage(c.get('deps'), kase, text, 'web', `web:${nonce}`)
      return { done: 'sent' }
    },
    { refused: ({ fields }, error) => ({ reply: first(fields, 'body'), error }) },
  ),
)

/** The worker withdraws every consent still given on the case (takes effect at once). */
followUpRoutes.post(
  '/withdraw',
  limitBody(8 * 1024),
  caseForm('withdraw', async (c, kase) => {
    await withdrawByWorker(c.get('deps'), kase.id, 'web')
    return { done: 'withdrawn' }
  }),
)

/** The worker's yes or no to a referral (partners/referral.ts); the form shares withdraw's token. */
followUpRoutes.post(
  '/consent',
  limitBody(8 * 1024),
  caseForm('withdraw', async (c, kase, { fields }) => {
    const answer = first(fields, 'answer')
    if (answer !== 'yes' && answer !== 'no') return { status: 400, page: { error: c.get('t')('web:form.tokenExpired') } }
    await answerReferral(c.get('deps'), kase.id, answer === 'yes', 'web')
    return { done: 'answered' }
  }),
)

/** The worker sends evidence to their case (evidence/attach.ts: checked, stripped, encrypted). */
followUpRoutes.post(
  '/attachments',
  exceptUploads(limitBody(8 * 1024)),
  caseForm(
    'attach',
    async (c, kase, { files }) => {
      const deps = c.get('deps')
      const t = c.get('t')
      try {
        const from = deps.remoteAddress(c) ?? 'unknown'
        const stored = await attachToCase(deps, kase.id, files, { source: 'reporter', from }, [touch(kase.id, dayOf(deps.clock.now()))])
        return { done: 'attached', count: Math.max(stored.length, files.length) }
      } catch (err) {
        if (!(err instanceof AppError) || (!err.fields?.file && err.code !== 'rate_limited')) throw err
        const f = err.fields?.file
        const fileError = f ? t(f.key, f.params ?? {}) : t('common:errors.rateLimited')
        return { status: err.status as 400 | 413 | 415 | 429, page: { fileError } }
      }
    },
    { upload: true, refused: (_form, fileError) => ({ fileError }) },
  ),
)
