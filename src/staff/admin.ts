/**
 * @module staff/admin
 * Taking access away, and giving it back: list accounts and tokens, disable or enable an
 * account, revoke a token, reset a TOTP. Shared by the CLI (actor null) and the admin's staff
 * page; every change is written in one batch with its audit row, and only when it applies.
 * Nothing listed here is a secret: no password hash, TOTP secret, code or token.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { stmt } from '../store/port.js'
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
}

/** Every account, by e-mail. */
export async function listStaff(deps: Deps): Promise<StaffSummary[]> {
  const rows = await deps.sql.all<{
    id: string
    email: string
    role: Role
    disabled: number
    enrolled: number
    pending: number
    tokens: number
    exclusions: number
  }>(
    `SELECT s.id, s.email, s.role, s.disabled, s.totp_secret_enc IS NOT NULL AS enrolled,
       (s.enrol_code_hash IS NOT NULL AND s.enrol_expires_at > ?) AS pending,
       (SELECT COUNT(*) FROM api_tokens t WHERE t.staff_id = s.id AND t.revoked_at IS NULL) AS tokens,
       (SELECT COUNT(*) FROM staff_exclusions e WHERE e.staff_id = s.id) AS exclusions
     FROM staff s ORDER BY s.email`,
    deps.clock.now(),
  )
  const scopes = await deps.sql.all<{
    staff_id: string
    kind: string
    value: string
    country: string
    sector: string
  }>('SELECT staff_id, kind, value, country, sector FROM staff_scopes ORDER BY kind, value, country, sector')
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    scopes: scopes
      .filter((s) => s.staff_id === r.id)
      .map((s) => `${s.kind}:${s.value}@${s.country}${s.sector === '*' ? '' : `/${s.sector}`}`),
    exclusions: r.exclusions,
    disabled: r.disabled === 1,
    totpEnrolled: r.enrolled === 1,
    enrolPending: r.pending === 1,
    tokens: r.tokens,
  }))
}

/** The account with this e-mail, or undefined. */
export async function staffByEmail(
  deps: Deps,
  email: string,
): Promise<{ id: string; email: string; role: Role } | undefined> {
  return deps.sql.get('SELECT id, email, role FROM staff WHERE email = ?', email.trim().toLowerCase())
}

/** The account with this id, or undefined. */
export async function staffById(
  deps: Deps,
  id: string,
): Promise<{ id: string; email: string; role: Role } | undefined> {
  return deps.sql.get('SELECT id, email, role FROM staff WHERE id = ?', id)
}

/**
 * Disable an account: it can no longer sign in, its sessions end and its tokens are revoked, at
 * once. False when it was already disabled (nothing written).
 */
export async function disableStaff(deps: Deps, actorId: string | null, staffId: string): Promise<boolean> {
  const enabled = { sql: 'EXISTS (SELECT 1 FROM staff WHERE id = ? AND disabled = 0)', params: [staffId] }
  const now = deps.clock.now()
  const results = await withAudit(
    deps,
    { actorId, action: 'staff_disabled', data: { staffId } },
    [
      stmt(`DELETE FROM staff_sessions WHERE staff_id = ? AND ${enabled.sql}`, staffId, staffId),
      stmt(
        `UPDATE api_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL AND ${enabled.sql}`,
        now,
        staffId,
        staffId,
      ),
      stmt('UPDATE staff SET disabled = 1 WHERE id = ? AND disabled = 0', staffId),
    ],
    enabled,
  )
  return results[2]?.changes === 1
}

/** Enable a disabled account (its revoked tokens stay revoked). False when it was not disabled. */
export async function enableStaff(deps: Deps, actorId: string | null, staffId: string): Promise<boolean> {
  const disabled = { sql: 'EXISTS (SELECT 1 FROM staff WHERE id = ? AND disabled = 1)', params: [staffId] }
  const [r] = await withAudit(
    deps,
    { actorId, action: 'staff_enabled', data: { staffId } },
    [stmt('UPDATE staff SET disabled = 0 WHERE id = ? AND disabled = 1', staffId)],
    disabled,
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
    stmt('UPDATE staff SET totp_secret_enc = NULL, totp_last_step = NULL WHERE id = ?', staffId),
    statement,
    stmt('DELETE FROM staff_sessions WHERE staff_id = ?', staffId),
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
  const rows = await deps.sql.all<{
    token_hash: string
    staff_id: string
    email: string
    label: string | null
    created_at: number
    revoked_at: number | null
  }>(
    `SELECT t.token_hash, t.staff_id, s.email, t.label, t.created_at, t.revoked_at
     FROM api_tokens t JOIN staff s ON s.id = t.staff_id
     WHERE ? IS NULL OR t.staff_id = ? ORDER BY t.created_at DESC, t.token_hash`,
    staffId ?? null,
    staffId ?? null,
  )
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
  const rows = await deps.sql.all<{ token_hash: string; staff_id: string; revoked_at: number | null }>(
    'SELECT token_hash, staff_id, revoked_at FROM api_tokens WHERE substr(token_hash, 1, ?) = ?',
    TOKEN_ID_LENGTH,
    id,
  )
  if (rows.length !== 1) return 'unknown'
  const t = rows[0]!
  if (t.revoked_at !== null) return 'already'
  const live = {
    sql: 'EXISTS (SELECT 1 FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL)',
    params: [t.token_hash],
  }
  const [r] = await withAudit(
    deps,
    { actorId, action: 'token_revoked', data: { tokenId: id, staffId: t.staff_id } },
    [
      stmt(
        'UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
        deps.clock.now(),
        t.token_hash,
      ),
    ],
    live,
  )
  return r?.changes === 1 ? 'revoked' : 'already'
}
