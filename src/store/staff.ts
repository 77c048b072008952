/**
 * @module store/staff
 * Staff accounts and what hangs off them: scopes, conflict-of-interest exclusions, enrolment
 * codes, sessions and API tokens (`staff`, `staff_scopes`, `staff_exclusions`, `staff_sessions`,
 * `api_tokens`). Passwords, TOTP secrets, codes and tokens arrive already hashed or encrypted.
 */
import { stmt, type Condition, type Sql, type Statement } from './port.js'

// ---- accounts

export interface StaffRow {
  id: string
  email: string
  role: string
  password_hash: string | null
  totp_secret_enc: Uint8Array | null
  totp_last_step: number | null
  disabled: number
  enrol_code_hash: string | null
  enrol_expires_at: number | null
}

const STAFF_COLUMNS =
  'id, email, role, password_hash, totp_secret_enc, totp_last_step, disabled, enrol_code_hash, enrol_expires_at'

/** The account with this (normalised) e-mail, with its credentials, for sign-in. */
export function credentialsByEmail(sql: Sql, email: string): Promise<StaffRow | undefined> {
  return sql.get<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE email = ?`, email)
}

/** The enabled account with this id, with its credentials, for sign-in. */
export function enabledCredentials(sql: Sql, id: string): Promise<StaffRow | undefined> {
  return sql.get<StaffRow>(`SELECT ${STAFF_COLUMNS} FROM staff WHERE id = ? AND disabled = 0`, id)
}

export interface StaffIdentity {
  id: string
  email: string
  role: string
}

export function byEmail(sql: Sql, email: string): Promise<StaffIdentity | undefined> {
  return sql.get('SELECT id, email, role FROM staff WHERE email = ?', email)
}

export function byId(sql: Sql, id: string): Promise<StaffIdentity | undefined> {
  return sql.get('SELECT id, email, role FROM staff WHERE id = ?', id)
}

/** An enabled account with this role, or undefined. */
export async function enabledWithRole(sql: Sql, id: string, role: string): Promise<boolean> {
  return (await sql.get(`SELECT id FROM staff WHERE id = ? AND role = ? AND disabled = 0`, id, role)) !== undefined
}

/** An account with this role (enabled or not). */
export async function hasRole(sql: Sql, id: string, role: string): Promise<boolean> {
  return (await sql.get('SELECT id FROM staff WHERE id = ? AND role = ?', id, role)) !== undefined
}

/** Enabled monitors, by e-mail (the console's "assign to" list). */
export function enabledMonitors(sql: Sql): Promise<{ id: string; email: string }[]> {
  return sql.all("SELECT id, email FROM staff WHERE role = 'monitor' AND disabled = 0 ORDER BY email")
}

export function insert(s: {
  id: string
  email: string
  name: string | null
  role: string
  passwordHash: string | null
  at: number
  /** The organisation of an ngo account. */
  orgId?: string | null
}): Statement {
  return stmt(
    'INSERT INTO staff (id, email, name, role, password_hash, created_at, org_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    s.id,
    s.email,
    s.name,
    s.role,
    s.passwordHash,
    s.at,
    s.orgId ?? null,
  )
}

/** The batch failed because the e-mail is taken (two adds racing). */
export const isDuplicateEmail = (err: unknown) =>
  /UNIQUE constraint failed: staff\.email/.test(String((err as Error)?.message))

export function insertScope(
  staffId: string,
  sc: { kind: string; value: string; country: string; sector: string },
): Statement {
  return stmt(
    'INSERT OR IGNORE INTO staff_scopes (staff_id, kind, value, country, sector) VALUES (?, ?, ?, ?, ?)',
    staffId,
    sc.kind,
    sc.value,
    sc.country,
    sc.sector,
  )
}

export function insertExclusion(staffId: string, employerKey: string): Statement {
  return stmt('INSERT OR IGNORE INTO staff_exclusions (staff_id, employer_key) VALUES (?, ?)', staffId, employerKey)
}

/** The folded employer names an account is excluded from. */
export async function exclusionKeys(sql: Sql, staffId: string): Promise<string[]> {
  const rows = await sql.all<{ employer_key: string }>(
    'SELECT employer_key FROM staff_exclusions WHERE staff_id = ?',
    staffId,
  )
  return rows.map((r) => r.employer_key)
}

export interface StaffListRow {
  id: string
  email: string
  role: string
  disabled: number
  enrolled: number
  pending: number
  tokens: number
  exclusions: number
  /** The organisation's name (ngo accounts). */
  org: string | null
}

/** Every account, by e-mail, with counts (no secret). */
export function list(sql: Sql, now: number): Promise<StaffListRow[]> {
  return sql.all<StaffListRow>(
    `SELECT s.id, s.email, s.role, s.disabled, s.totp_secret_enc IS NOT NULL AS enrolled,
       (s.enrol_code_hash IS NOT NULL AND s.enrol_expires_at > ?) AS pending,
       (SELECT COUNT(*) FROM api_tokens t WHERE t.staff_id = s.id AND t.revoked_at IS NULL) AS tokens,
       (SELECT COUNT(*) FROM staff_exclusions e WHERE e.staff_id = s.id) AS exclusions,
       (SELECT o.name FROM organisations o WHERE o.id = s.org_id) AS org
     FROM staff s ORDER BY s.email`,
    now,
  )
}

/** Every scope of every account. */
export function allScopes(
  sql: Sql,
): Promise<{ staff_id: string; kind: string; value: string; country: string; sector: string }[]> {
  return sql.all('SELECT staff_id, kind, value, country, sector FROM staff_scopes ORDER BY kind, value, country, sector')
}

/** The account is enabled (true) or disabled (false). */
export function isEnabled(id: string, enabled: boolean): Condition {
  return { sql: 'EXISTS (SELECT 1 FROM staff WHERE id = ? AND disabled = ?)', params: [id, enabled ? 0 : 1] }
}

/**
 * Disable an account while `enabled` holds: its sessions end and its tokens are revoked in the
 * same statements (the UPDATE of the account goes last: it makes the condition false).
 */
export function disable(id: string, at: number, enabled: Condition): Statement[] {
  return [
    stmt(`DELETE FROM staff_sessions WHERE staff_id = ? AND ${enabled.sql}`, id, ...enabled.params),
    stmt(
      `UPDATE api_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL AND ${enabled.sql}`,
      at,
      id,
      ...enabled.params,
    ),
    stmt('UPDATE staff SET disabled = 1 WHERE id = ? AND disabled = 0', id),
  ]
}

export function enable(id: string): Statement {
  return stmt('UPDATE staff SET disabled = 0 WHERE id = ? AND disabled = 1', id)
}

// ---- second factor and enrolment

/** Forget the TOTP secret (a reset). */
export function clearTotp(id: string): Statement {
  return stmt('UPDATE staff SET totp_secret_enc = NULL, totp_last_step = NULL WHERE id = ?', id)
}

/** Store an enrolment code's hash and expiry (replacing any earlier code). */
export function setEnrolCode(id: string, codeHash: string, expiresAt: number): Statement {
  return stmt('UPDATE staff SET enrol_code_hash = ?, enrol_expires_at = ? WHERE id = ?', codeHash, expiresAt, id)
}

/** No secret is stored and this unexpired enrolment code is. */
export function canEnrol(id: string, codeHash: string, now: number): Condition {
  return {
    sql: `EXISTS (SELECT 1 FROM staff WHERE id = ? AND totp_secret_enc IS NULL
            AND enrol_code_hash = ? AND enrol_expires_at > ?)`,
    params: [id, codeHash, now],
  }
}

/** Store the enrolled secret and use up the code, only while `canEnrol` holds. */
export function enrolTotp(id: string, secretEnc: Uint8Array, step: number, codeHash: string, now: number): Statement {
  return stmt(
    `UPDATE staff SET totp_secret_enc = ?, totp_last_step = ?, enrol_code_hash = NULL,
     enrol_expires_at = NULL
     WHERE id = ? AND totp_secret_enc IS NULL AND enrol_code_hash = ? AND enrol_expires_at > ?`,
    secretEnc,
    step,
    id,
    codeHash,
    now,
  )
}

/** Record the TOTP step used; no change when it is not newer (a code is accepted once). */
export async function useTotpStep(sql: Sql, id: string, step: number): Promise<boolean> {
  const r = await sql.run(
    `UPDATE staff SET totp_last_step = ?
     WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)`,
    step,
    id,
    step,
  )
  return r.changes === 1
}

// ---- sessions

export async function deleteExpiredSessions(sql: Sql, now: number): Promise<void> {
  await sql.run('DELETE FROM staff_sessions WHERE expires_at <= ?', now)
}

export async function insertSession(
  sql: Sql,
  s: { tokenHash: string; staffId: string; csrf: string; at: number; expiresAt: number },
): Promise<void> {
  await sql.run(
    'INSERT INTO staff_sessions (token_hash, staff_id, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
    s.tokenHash,
    s.staffId,
    s.csrf,
    s.at,
    s.expiresAt,
  )
}

/** The enabled account behind a live session, with the session's CSRF token. */
export function sessionAccount(
  sql: Sql,
  tokenHash: string,
  now: number,
): Promise<(StaffIdentity & { csrf: string }) | undefined> {
  return sql.get(
    `SELECT s.id, s.role, s.email, ss.csrf FROM staff_sessions ss JOIN staff s ON s.id = ss.staff_id
     WHERE ss.token_hash = ? AND ss.expires_at > ? AND s.disabled = 0`,
    tokenHash,
    now,
  )
}

export async function deleteSession(sql: Sql, tokenHash: string): Promise<void> {
  await sql.run('DELETE FROM staff_sessions WHERE token_hash = ?', tokenHash)
}

/** End every session of an account. */
export function deleteSessionsOf(staffId: string): Statement {
  return stmt('DELETE FROM staff_sessions WHERE staff_id = ?', staffId)
}

// ---- API tokens

export async function insertToken(
  sql: Sql,
  t: { tokenHash: string; staffId: string; label: string | null; at: number },
): Promise<void> {
  await sql.run(
    'INSERT INTO api_tokens (token_hash, staff_id, label, created_at) VALUES (?, ?, ?, ?)',
    t.tokenHash,
    t.staffId,
    t.label,
    t.at,
  )
}

/** The enabled account behind a live (unrevoked) token. */
export function tokenAccount(sql: Sql, tokenHash: string): Promise<StaffIdentity | undefined> {
  return sql.get(
    `SELECT s.id, s.role, s.email FROM api_tokens t JOIN staff s ON s.id = t.staff_id
     WHERE t.token_hash = ? AND t.revoked_at IS NULL AND s.disabled = 0`,
    tokenHash,
  )
}

/** Revoke a live token; false when unknown or already revoked. */
export async function revokeToken(sql: Sql, tokenHash: string, at: number): Promise<boolean> {
  const r = await sql.run(
    'UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL',
    at,
    tokenHash,
  )
  return r.changes > 0
}

/** The same revocation, as a statement for a batch. */
export function revokeTokenStatement(tokenHash: string, at: number): Statement {
  return stmt('UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL', at, tokenHash)
}

/** The token is not revoked. */
export function isLiveToken(tokenHash: string): Condition {
  return { sql: 'EXISTS (SELECT 1 FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL)', params: [tokenHash] }
}

export interface TokenRow {
  token_hash: string
  staff_id: string
  email: string
  label: string | null
  created_at: number
  revoked_at: number | null
}

/** API tokens, newest first; of one account when `staffId` is given. */
export function listTokens(sql: Sql, staffId: string | null): Promise<TokenRow[]> {
  return sql.all<TokenRow>(
    `SELECT t.token_hash, t.staff_id, s.email, t.label, t.created_at, t.revoked_at
     FROM api_tokens t JOIN staff s ON s.id = t.staff_id
     WHERE ? IS NULL OR t.staff_id = ? ORDER BY t.created_at DESC, t.token_hash`,
    staffId,
    staffId,
  )
}

/** Tokens whose hash starts with `prefix` (a token's public id). */
export function tokensByPrefix(
  sql: Sql,
  prefix: string,
): Promise<{ token_hash: string; staff_id: string; revoked_at: number | null }[]> {
  return sql.all(
    'SELECT token_hash, staff_id, revoked_at FROM api_tokens WHERE substr(token_hash, 1, ?) = ?',
    prefix.length,
    prefix,
  )
}
