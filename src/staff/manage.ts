/**
 * @module staff/manage
 * What the admin page adds to the command line's staff commands (issue 20): create an account
 * (its initial password and one-time enrolment code are shown once), replace an account's scopes
 * and add conflict-of-interest exclusions, and issue an API token (shown once). Every change is
 * audited with the admin as actor: `staff_added`, `staff_scopes`, `token_issued`.
 */
import { append, withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { ensureOrganisation } from '../partners/organisations.js'
import { foldKey } from '../routing/employer-key.js'
import * as scopes from '../store/staff-scopes.js'
import * as staff from '../store/staff.js'
import { addStaff, DuplicateEmailError, issueApiToken, parseScope, ROLES, type Role, type Scope } from './accounts.js'
import { issueEnrolCode } from './admin.js'

const invalid = (field: string, key = 'console:errors.invalid') => new AppError('validation', { [field]: { key } })

/** Lines of a textarea, trimmed, without blanks (at most 100). */
export const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 100)

function scopesFrom(text: string): Scope[] {
  try {
    return lines(text).map(parseScope)
  } catch {
    throw invalid('scopes', 'console:daily.staff.badScope')
  }
}

export interface Created {
  id: string
  email: string
  password: string
  enrolCode: string
}

export async function createAccount(
  deps: Deps,
  actorId: string,
  input: { email: string; role: string; scopes: string; exclusions: string; org: string },
): Promise<Created> {
  const email = input.email.trim().toLowerCase()
  if (!/^[^\s@]{1,64}@[^\s@]{1,255}$/.test(email)) throw invalid('email')
  if (!(ROLES as readonly string[]).includes(input.role)) throw invalid('role')
  const role = input.role as Role
  const sc = scopesFrom(input.scopes)
  const orgName = input.org.trim()
  if (role === 'ngo' && (orgName.length < 2 || orgName.length > 120)) throw invalid('org', 'console:daily.staff.orgNeeded')
  if (await staff.byEmail(deps.sql, email)) throw invalid('email', 'console:daily.staff.taken')
  const org = role === 'ngo' ? (await ensureOrganisation(deps, actorId, { name: orgName })).org : undefined
  const password = deps.crypto.randomToken(15)
  let id: string
  try {
    id = await addStaff(deps, {
      email,
      role,
      password,
      scopes: sc,
      excludedEmployers: lines(input.exclusions),
      ...(org ? { orgId: org.id } : {}),
    })
  } catch (err) {
    if (err instanceof DuplicateEmailError) throw invalid('email', 'console:daily.staff.taken')
    throw err
  }
  await append(deps, { actorId, action: 'staff_added', data: { staffId: id, role } })
  return { id, email, password, enrolCode: await issueEnrolCode(deps, actorId, id) }
}

/** Replace the account's scopes; add exclusions (folded employer names; `clear` drops the old ones). */
export async function setScopes(
  deps: Deps,
  actorId: string,
  staffId: string,
  input: { scopes: string; exclusions: string; clearExclusions: boolean },
): Promise<void> {
  if (!(await staff.byId(deps.sql, staffId))) throw new AppError('not_found')
  const sc = scopesFrom(input.scopes)
  const add = lines(input.exclusions).map(foldKey)
  await withAudit(
    deps,
    { actorId, action: 'staff_scopes', data: { staffId, scopes: sc.length, excludedAdded: add.length, cleared: input.clearExclusions } },
    [
      scopes.deleteScopes(staffId),
      ...sc.map((s) => staff.insertScope(staffId, s)),
      ...(input.clearExclusions ? [scopes.deleteExclusions(staffId)] : []),
      ...add.map((k) => staff.insertExclusion(staffId, k)),
    ],
  )
}

/** A new API token for the account, shown once. */
export async function issueTokenFor(deps: Deps, actorId: string, staffId: string, label: string): Promise<string> {
  const s = await staff.byId(deps.sql, staffId)
  if (!s) throw new AppError('not_found')
  const token = await issueApiToken(deps, staffId, label.trim().slice(0, 60) || undefined)
  await append(deps, { actorId, action: 'token_issued', data: { staffId } })
  return token
}
