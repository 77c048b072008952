/**
 * @module partners/file-for-worker
 * An organisation files a report on a worker's behalf (a grievance told in person, by phone or
 * at a meeting), with the worker's consent. The intake shape is the reporter's, plus `consent`
 * (partners/consent.ts) and `smsReceipt` (send the receipt to the worker's number: needs the
 * number, with its country code, and consent to contact). The case's channel is `ngo`; it
 * records the filing account and organisation; the consent row is written in the same batch as
 * the case. The receipt goes back once, to pass on; with `smsReceipt` one SMS also carries it.
 */
import { append } from '../audit/log.js'
import { getCatalog } from '../catalog/index.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError, type FieldError } from '../errors.js'
import { fileReport } from '../intake/file-report.js'
import { validateSubmission } from '../intake/schema.js'
import { intakeVocabulary } from '../intake/vocabulary.js'
import * as consents from '../store/consents.js'
import { canSendSms } from '../twilio/rest.js'
import { validateConsent } from './consent.js'
import { organisationOf } from './organisations.js'
import { e164, smsReceipt } from './receipt-sms.js'

export interface FiledForWorker {
  caseId: string
  reference: string
  /** Shown once: the organisation passes it on to the worker. */
  receipt: string
  consentId: string
  /** The receipt SMS: not asked for, sent, or failed (then the organisation passes it on). */
  sms: 'none' | 'sent' | 'failed'
}

/** File for a worker; every bad field is a translated 400 and nothing is written. */
export async function fileForWorker(deps: Deps, actor: Actor, input: unknown): Promise<FiledForWorker> {
  if (actor.role !== 'ngo') throw new AppError('forbidden')
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw new AppError('bad_request')
  const { consent, smsReceipt: wantsSms, ...intake } = input as Record<string, unknown>
  const now = deps.clock.now()
  const sub = validateSubmission(intake, intakeVocabulary(getCatalog()), now)
  const terms = validateConsent(consent, now)
  const fields: Record<string, FieldError> = {
    ...(sub.ok ? {} : sub.fields),
    ...(terms.ok ? {} : terms.fields),
  }
  let to: string | undefined
  if (wantsSms !== undefined && typeof wantsSms !== 'boolean') fields.smsReceipt = { key: 'intake:field.boolean' }
  else if (wantsSms === true && sub.ok) {
    to = sub.value.contact?.phone ? e164(sub.value.contact.phone) : undefined
    if (!to) fields.smsReceipt = { key: 'console:partners.errors.smsPhone' }
    else if (!canSendSms(deps)) fields.smsReceipt = { key: 'console:partners.errors.smsOff' }
  }
  if (!sub.ok || !terms.ok || Object.keys(fields).length > 0) throw new AppError('validation', fields)

  const org = await organisationOf(deps, actor.id)
  const consentId = deps.crypto.randomToken(12)
  const filed = await fileReport(deps, sub.value, {
    channel: 'ngo',
    filedBy: actor.id,
    ...(org ? { filedByOrg: org.id } : {}),
    extra: (caseId) => [
      consents.insert({
        id: consentId,
        caseId,
        orgId: org?.id ?? null,
        disclose: terms.value.disclose,
        recipients: terms.value.recipients,
        untilDay: terms.value.until,
        method: terms.value.method,
        recordedBy: actor.id,
        status: 'given',
        at: now,
      }),
    ],
  })
  if (filed.duplicate) throw new AppError('conflict')
  await append(deps, {
    actorId: actor.id,
    action: 'ngo_filed',
    caseId: filed.caseId,
    data: { consentId, org: org?.id ?? null, sms: to !== undefined },
  })
  const sms = to ? await smsReceipt(deps, to, filed.receipt, sub.value.language) : 'none'
  return { caseId: filed.caseId, reference: filed.reference, receipt: filed.receipt, consentId, sms }
}
