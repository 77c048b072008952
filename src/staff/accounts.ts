/**
 * @module staff/accounts
 * Staff accounts (admin, monitor, ngo, custodian), their scopes and conflict-of-interest
 * exclusions. Passwords are argon2id hashes.
 */
import type { Deps } from '../deps.js'
import { foldKey } from '../routing/employer-key.js'
import type { Statement } from '../store/port.js'
import * as staff from '../store/staff.js'

export const ROLES = ['admin', 'monitor', 'ngo', 'custodian'] as const
export type Role = (typeof ROLES)[number]

export interface Scope {
  kind: 'commitment' | 'right'
  value: string
  /** ISO alpha-2 or '*'. */
  country: string
  /** A sector code or '*'. */
  sector: string
}

/**
 * Parse a scope written `commitment:usmca.23.3.1.a@MX`, `right:wages@US/agriculture`
 * or `right:*@*` (every right, every country).
 */
export function parseScope(s: string): Scope {
  const m = /^(commitment|right):([a-z0-9_.*-]+)@([A-Z]{2}|\*)(?:\/([a-z0-9_*]+))?$/.exec(s.trim())
  if (!m) throw new Error(`scope "${s}" must look like right:wages@MX or commitment:usmca.23.3.1.a@MX/auto_parts`)
  return { kind: m[1] as Scope['kind'], value: m[2]!, country: m[3]!, sector: m[4] ?? '*' }
}

export interface NewStaff {
  email: string
  role: Role
  name?: string
  password?: string
  scopes?: Scope[]
  excludedEmployers?: string[]
  /** The organisation an ngo account belongs to (partners/organisations.ts). */
  orgId?: string
}

/** `addStaff` with an e-mail that already has an account. */
export class DuplicateEmailError extends Error {
  constructor(readonly email: string) {
    super(`a staff account with the e-mail ${email} already exists`)
    this.name = 'DuplicateEmailError'
  }
}

/** Create a staff account with its scopes in one batch; returns its id. */
export async function addStaff(deps: Deps, s: NewStaff): Promise<string> {
  const id = deps.crypto.randomToken(12)
  const now = deps.clock.now()
  const email = s.email.trim().toLowerCase()
  if (await staff.byEmail(deps.sql, email)) throw new DuplicateEmailError(email)
  const statements: Statement[] = [
    staff.insert({
      id,
      email,
      name: s.name ?? null,
      role: s.role,
      passwordHash: s.password ? deps.crypto.hashPassword(s.password) : null,
      at: now,
      orgId: s.orgId ?? null,
    }),
  ]
  for (const sc of s.scopes ?? []) statements.push(staff.insertScope(id, sc))
  for (const e of s.excludedEmployers ?? []) statements.push(staff.insertExclusion(id, foldKey(e)))
  try {
    await deps.sql.batch(statements)
  } catch (err) {
    // Two adds racing with the same e-mail: the loser learns why, not the raw constraint.
    if (staff.isDuplicateEmail(err)) {
      throw new DuplicateEmailError(email)
    }
    throw err
  }
  return id
}

/** A new revocable API token for a staff account; only its keyed hash is stored. */
export async function issueApiToken(deps: Deps, staffId: string, label?: string): Promise<string> {
  const token = `hl_${deps.crypto.randomToken(32)}`
  await staff.insertToken(deps.sql, {
    tokenHash: deps.crypto.blindIndex('token', token),
    staffId,
    label: label ?? null,
    at: deps.clock.now(),
  })
  return token
}

/**
 * A token's public id: the start of its keyed hash. It names the token in lists and in
 * `staff token revoke --id`, and cannot be turned back into the token.
 */
export const TOKEN_ID_LENGTH = 16
export const tokenIdOf = (tokenHash: string) => tokenHash.slice(0, TOKEN_ID_LENGTH)
export const apiTokenId = (deps: Deps, token: string) => tokenIdOf(deps.crypto.blindIndex('token', token))

/** Revoke an API token (by the token itself); returns false when unknown or already revoked. */
export async function revokeApiToken(deps: Deps, token: string): Promise<boolean> {
  return staff.revokeToken(deps.sql, deps.crypto.blindIndex('token', token), deps.clock.now())
}
