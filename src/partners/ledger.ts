/**
 * @module partners/ledger
 * The consent ledger: reading a case's consents (staff who may see the case; the worker with
 * the receipt) and withdrawing them (the organisation that recorded it; the worker on any
 * channel). Withdrawal takes effect at once: the row's status is `withdrawn`, and whatever reads
 * the ledger before disclosing (packages, exports) stops. Each withdrawal writes a
 * `consent_withdrawn` timeline event (shown to the organisation) and an audit row, in one batch,
 * only while the consent is still given.
 */
import { dayOf } from '../clock.js'
import { withAudit } from '../audit/log.js'
import { canSee, type Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import * as cases from '../store/cases.js'
import * as consents from '../store/consents.js'
import * as events from '../store/events.js'
import { organisationOf } from './organisations.js'

/** A consent as the staff API and pages show it. */
export interface Consent {
  id: string
  status: string
  disclose: string[]
  recipients: string[]
  until: string | null
  method: string
  /** The organisation it was given to (its id), if any. */
  orgId: string | null
  /** The day it was recorded, decided and withdrawn (YYYY-MM-DD). */
  recordedOn: string
  decidedOn: string | null
  withdrawnOn: string | null
  /** Who withdrew it: `organisation` or `worker`. */
  withdrawnBy: string | null
}

const ymd = (ms: number | null) => (ms == null ? null : new Date(ms).toISOString().slice(0, 10))

export const toConsent = (r: consents.ConsentRow): Consent => ({
  id: r.id,
  status: r.status,
  disclose: JSON.parse(r.disclose) as string[],
  recipients: JSON.parse(r.recipients) as string[],
  until: r.until_day,
  method: r.method,
  orgId: r.org_id,
  recordedOn: ymd(r.created_at)!,
  decidedOn: ymd(r.decided_at),
  withdrawnOn: ymd(r.withdrawn_at),
  withdrawnBy: r.withdrawn_by,
})

/**
 * The consents of a case the actor may see (by reference or id); an NGO sees only those given to
 * its own organisation. Unknown and out-of-scope cases are both 404.
 */
export async function consentsForStaff(deps: Deps, actor: Actor, ref: string): Promise<{ caseId: string; consents: Consent[] }> {
  const r = ref.trim()
  const kase = r ? await cases.byReferenceOrId(deps.sql, r.toUpperCase(), r) : undefined
  if (!kase || !(await canSee(deps, actor, kase.id))) throw new AppError('not_found')
  const rows = await consents.forCase(deps.sql, kase.id)
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  const visible = actor.role === 'ngo' ? rows.filter((c) => c.org_id !== null && c.org_id === org?.id) : rows
  return { caseId: kase.id, consents: visible.map(toConsent) }
}

/** Statements: withdraw one given consent, with its event (both only while it is given). */
function withdrawal(deps: Deps, c: consents.ConsentRow, by: 'organisation' | 'worker', actorId: string | null, via: string) {
  const given = consents.hasStatus(c.id, 'given')
  const now = deps.clock.now()
  return {
    given,
    statements: [
      events.append(
        {
          id: deps.crypto.randomToken(16),
          caseId: c.case_id,
          at: dayOf(now),
          kind: 'consent_withdrawn',
          actorId,
          data: { consentId: c.id, by, via },
        },
        given,
      ),
      // Last: it makes the guard false.
      consents.withdraw(c.id, dayOf(now), by),
    ],
  }
}

/** The organisation withdraws a consent it recorded. */
export async function withdrawByOrganisation(deps: Deps, actor: Actor, consentId: string): Promise<Consent> {
  const c = await consents.byId(deps.sql, consentId)
  if (!c || !(await canSee(deps, actor, c.case_id))) throw new AppError('not_found')
  const org = actor.role === 'ngo' ? await organisationOf(deps, actor.id) : undefined
  if (actor.role !== 'ngo' || !org || c.org_id !== org.id) throw new AppError('forbidden')
  if (c.status !== 'given') throw new AppError('conflict')
  const w = withdrawal(deps, c, 'organisation', actor.id, 'console')
  const [, update] = await withAudit(
    deps,
    { actorId: actor.id, action: 'consent_withdrawn', caseId: c.case_id, data: { consentId, by: 'organisation' } },
    w.statements,
    w.given,
  )
  if (update?.changes !== 1) throw new AppError('conflict')
  return toConsent((await consents.byId(deps.sql, consentId))!)
}

/** The worker, with the receipt, withdraws every consent still given on the case; how many. */
export async function withdrawByWorker(deps: Deps, caseId: string, via: 'web' | 'api' | 'sms' | 'voice'): Promise<number> {
  let n = 0
  for (const c of await consents.forCase(deps.sql, caseId)) {
    if (c.status !== 'given') continue
    const w = withdrawal(deps, c, 'worker', null, via)
    const [, update] = await withAudit(
      deps,
      { actorId: null, action: 'consent_withdrawn', caseId, data: { consentId: c.id, by: 'worker', via } },
      w.statements,
      w.given,
    )
    if (update?.changes === 1) n++
  }
  return n
}

/** What the worker consented to, for follow-up (every status: they see withdrawals too). */
export async function consentsForWorker(deps: Deps, caseId: string): Promise<Consent[]> {
  return (await consents.forCase(deps.sql, caseId)).map(toConsent)
}
