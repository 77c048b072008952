/**
 * @module cli/staff
 * Taking staff access away from the command line: `staff list`, `staff disable|enable --email`,
 * `staff token list [--email]`, `staff token revoke --id`, `staff totp reset --email`. Each
 * change is audited (actor: none, the command line). Nothing printed is a secret, except the new
 * enrolment code of `totp reset`, shown once.
 */
import { parseArgs } from 'node:util'
import type { Deps } from '../deps.js'
import {
  disableStaff,
  enableStaff,
  listStaff,
  listTokens,
  resetTotp,
  revokeTokenById,
  staffByEmail,
} from '../staff/admin.js'
import { reassignOpenCases } from '../cases/reassign.js'
import { withRuntime } from './runtime.js'

const day = (ms: number | null) => (ms == null ? '' : new Date(ms).toISOString().slice(0, 10))

/** `--email E` for commands that need it. */
function emailArg(args: string[], command: string): string {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } })
  if (!values.email) throw new Error(`${command} needs --email E`)
  return values.email
}

async function account(deps: Deps, email: string) {
  const s = await staffByEmail(deps, email)
  if (!s) throw new Error(`no staff account ${email} (see staff list)`)
  return s
}

/** Print rows as aligned columns. */
function table(head: string[], rows: string[][]) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
  for (const r of [head, ...rows]) console.log(r.map((x, i) => x.padEnd(widths[i]!)).join('  ').trimEnd())
}

export async function staffList() {
  await withRuntime(async ({ deps }) => {
    const staff = await listStaff(deps)
    if (staff.length === 0) {
      console.log('no staff accounts (add one with staff add)')
      return
    }
    table(
      ['EMAIL', 'ROLE', 'SCOPE', 'STATE', 'TOTP', 'TOKENS'],
      staff.map((s) => [
        s.email,
        s.org ? `${s.role} (${s.org})` : s.role,
        [s.scopes.join(' '), s.exclusions ? `(${s.exclusions} excluded employer(s))` : '']
          .filter(Boolean)
          .join(' ') || '-',
        s.disabled ? 'disabled' : 'active',
        s.totpEnrolled ? 'enrolled' : s.enrolPending ? 'code issued' : 'none',
        String(s.tokens),
      ]),
    )
  })
}

export async function staffDisable(args: string[]) {
  const email = emailArg(args, 'staff disable')
  await withRuntime(async ({ deps }) => {
    const s = await account(deps, email)
    const changed = await disableStaff(deps, null, s.id)
    console.log(
      changed
        ? `${s.email} disabled: it cannot sign in, its sessions ended and its API tokens were revoked`
        : `${s.email} was already disabled`,
    )
    // Open cases still assigned to it go to the monitor the router picks now (or to nobody).
    const r = await reassignOpenCases(deps, null, s.id)
    if (r.moved + r.left > 0)
      console.log(`its open cases: ${r.moved} moved to other monitors, ${r.left} left unassigned (admins: Unrouted)`)
  })
}

export async function staffEnable(args: string[]) {
  const email = emailArg(args, 'staff enable')
  await withRuntime(async ({ deps }) => {
    const s = await account(deps, email)
    const changed = await enableStaff(deps, null, s.id)
    console.log(
      changed
        ? `${s.email} enabled (its old API tokens stay revoked: issue new ones with staff token)`
        : `${s.email} was not disabled`,
    )
  })
}

export async function staffTokenList(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } })
  await withRuntime(async ({ deps }) => {
    const s = values.email ? await account(deps, values.email) : undefined
    const tokens = await listTokens(deps, s?.id)
    if (tokens.length === 0) {
      console.log('no API tokens')
      return
    }
    table(
      ['ID', 'EMAIL', 'LABEL', 'CREATED', 'REVOKED'],
      tokens.map((t) => [t.id, t.email, t.label ?? '-', day(t.createdAt), day(t.revokedAt) || '-']),
    )
  })
}

export async function staffTokenRevoke(args: string[]) {
  const { values } = parseArgs({ args, options: { id: { type: 'string' } } })
  const id = values.id?.trim().toLowerCase()
  if (!id) throw new Error('staff token revoke needs --id ID (see staff token list)')
  await withRuntime(async ({ deps }) => {
    const r = await revokeTokenById(deps, null, id)
    if (r === 'unknown') throw new Error(`no API token with id ${id} (see staff token list)`)
    console.log(r === 'revoked' ? `token ${id} revoked` : `token ${id} was already revoked`)
  })
}

export async function staffTotpReset(args: string[]) {
  const email = emailArg(args, 'staff totp reset')
  await withRuntime(async ({ deps }) => {
    const s = await account(deps, email)
    const code = await resetTotp(deps, null, s.id)
    console.log(`${s.email}: TOTP cleared and sessions ended.`)
    console.log(`one-time TOTP enrolment code, valid 7 days (shown once): ${code}`)
  })
}
