/**
 * @module staff/admin
 * Taking access away, and giving it back: list accounts and tokens, disable or enable an
 * account, revoke a token, reset a TOTP. Shared by the CLI (actor null) and the admin's staff
 * page; every change is written in one batch with its audit row, and only when it applies.
 * Nothing listed here is a secret: no password hash, TOTP secret, code or token.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import * as staff from '../store/staff.js'
import { TOKEN_ID_LENGTH, tokenIdOf, type Role } from './accounts.js'
import { enrolCodeStatement } from './enrolment.js'

/** One account as the list shows it. */
export interface StaffSummary {
  id: string
  email: string
  role: Role
  /** Scopes as written on the command line (`right:wages@MX/agriculture`). */
  scopes: string[]
  /** Employers excluded for conflict of interest (how many; the keys are folded names). */
  exclusions: number
  disabled: boolean
  totpEnrolled: boolean
  /** An unexpired enrolment code is waiting to be used. */
  enrolPending: boolean
  /** Tokens not revoked. */
  tokens: number
  /** The organisation's name (ngo accounts), or null. */
  org: string | null
}

/** Every account, by e-mail. */
export async function listStaff(deps: Deps): Promise<StaffSummary[]> {
  const rows = await staff.list(deps.sql, deps.clock.now())
  const scopes = await staff.allScopes(deps.sql)
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role as Role,
    scopes: scopes
      .filter((s) => s.staff_id === r.id)
      .map((s) => `${s.kind}:${s.value}@${s.country}${s.sector === '*' ? '' : `/${s.sector}`}`),
    exclusions: r.exclusions,
    disabled: r.disabled === 1,
    totpEnrolled: r.enrolled === 1,
    enrolPending: r.pending === 1,
    tokens: r.tokens,
    org: r.org,
  }))
}

/** The account with this e-mail, or undefined. */
export async function staffByEmail(
  deps: Deps,
  email: string,
): Promise<{ id: string; email: string; role: Role } | undefined> {
  return staff.byEmail(deps.sql, email.trim().toLowerCase()) as Promise<{ id: string; email: string; role: Role } | undefined>
}

/** The account with this id, or undefined. */
export async function staffById(
  deps: Deps,
  id: string,
): Promise<{ id: string; email: string; role: Role } | undefined> {
  return staff.byId(deps.sql, id) as Promise<{ id: string; email: string; role: Role } | undefined>
}

/**
 * Disable an account: it can no longer sign in, its sessions end and its tokens are revoked, at
 * once. False when it was already disabled (nothing written).
 */
export async function disableStaff(deps: Deps, actorId: string | null, staffId: string): Promise<boolean> {
  const enabled = staff.isEnabled(staffId, true)
  const results = await withAudit(
    deps,
    { actorId, action: 'staff_disabled', data: { staffId } },
    staff.disable(staffId, deps.clock.now(), enabled),
    enabled,
  )
  return results[2]?.changes === 1
}

/** Enable a disabled account (its revoked tokens stay revoked). False when it was not disabled. */
export async function enableStaff(deps: Deps, actorId: string | null, staffId: string): Promise<boolean> {
  const [r] = await withAudit(
    deps,
    { actorId, action: 'staff_enabled', data: { staffId } },
    [staff.enable(staffId)],
    staff.isEnabled(staffId, false),
  )
  return r?.changes === 1
}

/**
 * Clear an account's TOTP secret, end its sessions, and return a new one-time enrolment code
 * (shown once) with which its owner enrols a new authenticator at the next sign-in.
 */
export async function resetTotp(deps: Deps, actorId: string | null, staffId: string): Promise<string> {
  const { code, statement } = enrolCodeStatement(deps, staffId)
  await withAudit(deps, { actorId, action: 'totp_reset', data: { staffId } }, [
    staff.clearTotp(staffId),
    statement,
    staff.deleteSessionsOf(staffId),
  ])
  return code
}

/** A new enrolment code for an account (after `addStaff`), audited; returns the code. */
export async function issueEnrolCode(deps: Deps, actorId: string | null, staffId: string): Promise<string> {
  const { code, statement } = enrolCodeStatement(deps, staffId)
  await withAudit(deps, { actorId, action: 'enrol_code_issued', data: { staffId } }, [statement])
  return code
}

/** One API token as lists show it (never the token or its full hash). */
export interface TokenSummary {
  id: string
  staffId: string
  email: string
  label: string | null
  createdAt: number
  revokedAt: number | null
}

/** API tokens, newest first; of one account when `staffId` is given. */
export async function listTokens(deps: Deps, staffId?: string): Promise<TokenSummary[]> {
  const rows = await staff.listTokens(deps.sql, staffId ?? null)
  return rows.map((r) => ({
    id: tokenIdOf(r.token_hash),
    staffId: r.staff_id,
    email: r.email,
    label: r.label,
    createdAt: r.created_at,
    revokedAt: r.revoked_at,
  }))
}

/**
 * Revoke a token by its public id: `revoked`, `already` (revoked before) or `unknown` (no such
 * id, or not exactly one token with it).
 */
export async function revokeTokenById(
  deps: Deps,
  actorId: string | null,
  id: string,
): Promise<'revoked' | 'already' | 'unknown'> {
  if (!new RegExp(`^[0-9a-f]{${TOKEN_ID_LENGTH}}$`).test(id)) return 'unknown'
  const rows = await staff.tokensByPrefix(deps.sql, id)
  if (rows.length !== 1) return 'unknown'
  const t = rows[0]!
  if (t.revoked_at !== null) return 'already'
  const [r] = await withAudit(
    deps,
    { actorId, action: 'token_revoked', data: { tokenId: id, staffId: t.staff_id } },
    [staff.revokeTokenStatement(t.token_hash, deps.clock.now())],
    staff.isLiveToken(t.token_hash),
  )
  return r?.changes === 1 ? 'revoked' : 'already'
}
