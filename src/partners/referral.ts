/**
 * @module partners/referral
 * A monitor refers a case to an organisation, with the worker's consent asked through the
 * reporter channel: the question goes out as a message to the reporter (web follow-up, SMS
 * STATUS, the voice line read it) and a consent row waits in state `asked`. The worker's yes or
 * no, with the receipt (web follow-up buttons, or YES/NO after the receipt by SMS), is recorded in
 * the ledger; a yes shares the case with the organisation in the same batch. Nothing is shared
 * before the answer.
 */
import { dayOf } from '../clock.js'
import { withAudit } from '../audit/log.js'
import { staffMessageStatements } from '../cases/reporter.js'
import { requireCase } from '../cases/staff-actions.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { isLang, tFor } from '../i18n/index.js'
import * as consents from '../store/consents.js'
import * as events from '../store/events.js'
import * as organisations from '../store/organisations.js'
import { caseForStaff } from '../store/queue.js'
import { validateConsent } from './consent.js'
import { cleanOrgName } from './organisations.js'

export interface Referral {
  org: string
  disclose: unknown
  recipients: unknown
  until: unknown
}

/** Ask the worker whether the case may go to the organisation; returns the consent id. */
export async function referToOrganisation(deps: Deps, actor: Actor, caseId: string, r: Referral): Promise<string> {
  await requireCase(deps, actor, caseId)
  const now = deps.clock.now()
  const org = await organisations.byName(deps.sql, cleanOrgName(r.org))
  // The method is how the worker answers; until then it reads as written (the question is text).
  const terms = validateConsent({ disclose: r.disclose, recipients: r.recipients, until: r.until, method: 'written' }, now)
  const fields = { ...(org ? {} : { org: { key: 'console:errors.org' } }), ...(terms.ok ? {} : terms.fields) }
  if (!org || !terms.ok) throw new AppError('validation', fields)
  const pending = (await consents.forCase(deps.sql, caseId)).some((c) => c.status === 'asked' && c.org_id === org.id)
  if (pending) throw new AppError('conflict')
  const kase = await caseForStaff(deps.sql, caseId)
  const lang = kase && isLang(kase.language) ? kase.language : 'en'
  const t = tFor(lang)
  const until = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${terms.value.until}T00:00:00Z`),
  )
  const body = t('followup:consent.ask', {
    org: org.name,
    what: terms.value.disclose.map((d) => t(`followup:consent.short.${d}`)).join(', '),
    to: terms.value.recipients.map((x) => t(`followup:consent.recipient.${x}`)).join(', '),
    until,
  })
  const consentId = deps.crypto.randomToken(12)
  await withAudit(deps, { actorId: actor.id, action: 'case_referral', caseId, data: { consentId, org: org.id } }, [
    consents.insert({
      id: consentId,
      caseId,
      orgId: org.id,
      disclose: terms.value.disclose,
      recipients: terms.value.recipients,
      untilDay: terms.value.until,
      method: 'written',
      recordedBy: actor.id,
      status: 'asked',
      at: dayOf(now),
    }),
    ...staffMessageStatements(deps, { id: deps.crypto.randomToken(16), caseId, authorId: actor.id, body }),
    events.append({
      id: deps.crypto.randomToken(16),
      caseId,
      at: now,
      kind: 'consent_asked',
      actorId: actor.id,
      data: { consentId, org: org.id },
    }),
  ])
  return consentId
}

/** The referral still waiting for the worker's answer, if any (the newest). */
export async function askedConsent(deps: Deps, caseId: string) {
  return (await consents.forCase(deps.sql, caseId)).filter((c) => c.status === 'asked').at(-1)
}

/**
 * Record the worker's yes or no to the waiting referral; a yes shares the case with the
 * organisation. Undefined when nothing was waiting.
 */
export async function answerReferral(
  deps: Deps,
  caseId: string,
  yes: boolean,
  via: 'web' | 'sms' | 'voice',
): Promise<'given' | 'refused' | undefined> {
  const asked = await askedConsent(deps, caseId)
  if (!asked) return undefined
  const answer = yes ? 'given' : 'refused'
  const method = via === 'sms' ? 'sms' : via === 'voice' ? 'oral' : 'written'
  const still = consents.hasStatus(asked.id, 'asked')
  const now = deps.clock.now()
  const results = await withAudit(
    deps,
    { actorId: null, action: 'consent_answer', caseId, data: { consentId: asked.id, answer, via } },
    [
      events.append(
        { id: deps.crypto.randomToken(16), caseId, at: now, kind: 'consent_answered', data: { consentId: asked.id, answer, via } },
        still,
      ),
      ...(yes && asked.org_id
        ? [organisations.share({ caseId, orgId: asked.org_id, sharedBy: asked.recorded_by, at: now }, still)]
        : []),
      // Last: it makes the guard false.
      consents.decide(asked.id, answer, method, dayOf(now)),
    ],
    still,
  )
  return results.at(-1)?.changes === 1 ? answer : undefined
}
