/**
 * @module cli/admin
 * Administration from the command line: keys, staff accounts and tokens, purge, demo data.
 */
import { existsSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { encodeBase64 } from '../config.js'
import { generateKeys } from '../privacy/crypto.js'
import { purgeExpired } from '../privacy/retention.js'
import { loadSodium } from '../privacy/sodium.js'
import { describeSeeded, ensureDemoPassword } from '../node/demo-password.js'
import { seedDemo } from '../seed.js'
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
import { withRuntime } from './runtime.js'

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
    },
  })
  if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
    throw new Error(`--role must be one of ${ROLES.join(', ')}`)
  }
  const email = values.email
  if (!email) throw new Error('--email is required')
  const scopes = (values.scope ?? []).map(parseScope)
  await withRuntime(async (rt) => {
    const password = values.password ?? rt.deps.crypto.randomToken(15)
    let id: string
    try {
      id = await addStaff(rt.deps, {
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
    const r = await purgeExpired(rt.deps)
    console.log(`purged ${r.cases} case(s) and ${r.conversations} conversation(s)`)
  })
}

export async function seed() {
  await withRuntime(async (rt) => {
    if (rt.config.env === 'production') throw new Error('seed demo is for development only')
    // The install's own demo password (the one the server's first start printed), never logged.
    const demo = ensureDemoPassword(rt.config.databasePath, () => rt.deps.crypto.randomToken(15))
    const r = await seedDemo(rt.deps, demo.password)
    if (r.staff === 0) {
      console.log(
        `demo data already there; demo password (kept in ${demo.file}): ${demo.password}\n` +
          `a new TOTP enrolment code for an account: staff totp reset --email E`,
      )
      return
    }
    console.log(describeSeeded(r, demo))
  })
}

