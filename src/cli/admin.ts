/**
 * @module cli/admin
 * Administration from the command line: keys, staff accounts and tokens, purge, demo data.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { encodeBase64 } from '../config.js'
import { generateKeys } from '../privacy/crypto.js'
import { purgeExpired } from '../privacy/retention.js'
import { effectiveRetention } from '../privacy/retention-settings.js'
import { loadSodium } from '../privacy/sodium.js'
import { describeSeeded, ensureDemoPassword } from '../node/demo-password.js'
import { ensureOrganisation, ORG_KINDS, type NewOrganisation, type OrgKind } from '../partners/organisations.js'
import { DEMO_ACCOUNTS, seedDemo } from '../seed.js'
import {
  addStaff,
  apiTokenId,
  DuplicateEmailError,
  issueApiToken,
  parseScope,
  ROLES,
  type Role,
} from '../staff/accounts.js'
import { issueEnrolCode, staffByEmail } from '../staff/admin.js'
import { cliTarget, installDatabasePath, withRuntime } from './runtime.js'

export async function keysGenerate(args: string[]) {
  const { values } = parseArgs({ args, options: { out: { type: 'string', default: 'custodian.key' } } })
  const out = values.out!
  if (existsSync(out)) throw new Error(`${out} exists: refusing to overwrite a private key`)
  const k = generateKeys(await loadSodium())
  writeFileSync(out, `${encodeBase64(k.custodianPrivateKey)}\n`, { mode: 0o600, flag: 'wx' })
  console.log(`CUSTODIAN_PUBLIC_KEY=${encodeBase64(k.custodianPublicKey)}`)
  console.log(`DATA_KEY=${encodeBase64(k.dataKey)}`)
  console.error(
    `\nThe custodian's PRIVATE key was written to ${out}, once.\n` +
      `Move it to an offline machine or an encrypted USB stick that only the custodian holds,\n` +
      `and delete it here. The server must never have it. Put the two lines above in the\n` +
      `server's environment; keep DATA_KEY secret too.`,
  )
}

export async function staffAdd(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      scope: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      org: { type: 'string' },
      'org-kind': { type: 'string' },
      'org-country': { type: 'string', multiple: true },
      'org-based': { type: 'string', multiple: true },
    },
  })
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
    throw new Error(`--role must be one of ${ROLES.join(', ')}`)
  }
  const email = values.email
  if (!email) throw new Error('--email is required')
  const scopes = (values.scope ?? []).map(parseScope)
  const newOrg = orgArgs(values.role, values)
  await withRuntime(async (rt) => {
    const password = values.password ?? rt.deps.crypto.randomToken(15)
    let id: string
    try {
      if (newOrg && (await staffByEmail(rt.deps, email))) throw new DuplicateEmailError(email.trim().toLowerCase())
      const org = newOrg ? await ensureOrganisation(rt.deps, null, newOrg) : undefined
      if (org) console.log(`organisation "${org.org.name}" (${org.org.kind}) ${org.created ? 'created' : 'found'}`)
      id = await addStaff(rt.deps, {
        ...(org ? { orgId: org.org.id } : {}),
        email,
        role: values.role as Role,
        name: values.name,
        password,
        scopes,
        excludedEmployers: values.exclude ?? [],
      })
    } catch (err) {
      if (err instanceof DuplicateEmailError) {
        throw new Error(`${err.message}: nothing added. See it with \`staff list\`.`)
      }
      throw err
    }
    const code = await issueEnrolCode(rt.deps, null, id)
    console.log(`staff ${id} added (${values.role} ${values.email})`)
    if (!values.password) console.log(`initial password (shown once): ${password}`)
    console.log(`one-time TOTP enrolment code, valid 7 days (shown once): ${code}`)
  })
}

/**
 * The organisation of a new ngo account (`--org NAME`, required for ngo and refused for other
 * roles); when it is new it is created with `--org-kind` (default ngo), `--org-country CC`...
 * and `--org-based EU|CA|US`... (the forums it may file in).
 */
function orgArgs(
  role: string,
  v: { org?: string; 'org-kind'?: string; 'org-country'?: string[]; 'org-based'?: string[] },
): NewOrganisation | undefined {
  if (role !== 'ngo') {
    if (v.org !== undefined) throw new Error('--org is only for --role ngo')
    return undefined
  }
  if (!v.org?.trim()) throw new Error('--role ngo needs --org "NAME" (created if new)')
  const kind = v['org-kind'] ?? 'ngo'
  if (!(ORG_KINDS as readonly string[]).includes(kind)) throw new Error(`--org-kind must be one of ${ORG_KINDS.join(', ')}`)
  const countries = (v['org-country'] ?? []).map((c) => c.trim().toUpperCase())
  const bad = countries.find((c) => !/^[A-Z]{2}$/.test(c))
  if (bad !== undefined) throw new Error(`--org-country "${bad}" must be a two-letter country code`)
  const based = (v['org-based'] ?? []).map((b) => b.trim().toUpperCase())
  const badBase = based.find((b) => !['EU', 'CA', 'US'].includes(b))
  if (badBase !== undefined) throw new Error(`--org-based "${badBase}" must be EU, CA or US`)
  return {
    name: v.org,
    kind: kind as OrgKind,
    countries,
    euBased: based.includes('EU'),
    caBased: based.includes('CA'),
    usBased: based.includes('US'),
  }
}

export async function staffToken(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } } })
  const email = values.email
  if (!email) throw new Error('--email is required')
  await withRuntime(async (rt) => {
    const s = await staffByEmail(rt.deps, email)
    if (!s) throw new Error(`no staff account ${values.email}`)
    const token = await issueApiToken(rt.deps, s.id, values.label)
    console.log(token)
    console.error(`token id ${apiTokenId(rt.deps, token)} (revoke with: staff token revoke --id ID)`)
  })
}

export async function purge() {
  await withRuntime(async (rt) => {
    const r = await purgeExpired(rt.deps, await effectiveRetention(rt.deps))
    console.log(`purged ${r.cases} case(s) and ${r.conversations} conversation(s)`)
  })
}

export async function seed() {
  await withRuntime(async (rt) => {
    if (rt.config.env === 'production') throw new Error('seed demo is for development only')
    // The install's own demo password (the one the server's first start printed), never logged.
    const demo = ensureDemoPassword(installDatabasePath(rt), () => rt.deps.crypto.randomToken(15))
    const r = await seedDemo(rt.deps, demo.password)
    if (r.staff === 0) {
      console.log(
        `demo data already there; demo password (kept in ${demo.file}): ${demo.password}\n` +
          `demo accounts:\n${DEMO_ACCOUNTS.map((a) => `  ${a.email}  (${a.role})`).join('\n')}\n` +
          `a new TOTP enrolment code for an account: staff totp reset --email E${cliTarget.edge ? ' --edge' : ''}`,
      )
      return
    }
    console.log(describeSeeded(r, demo))
    const where = cliTarget.edge ? 'the address `npm run dev:edge` prints' : rt.config.publicBaseUrl
    console.log(`sign in at ${where} + /console with an e-mail above, the password and its enrolment code`)
  })
}

