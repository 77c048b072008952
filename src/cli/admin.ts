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
import { seedDemo } from '../seed.js'
import { addStaff, issueApiToken, parseScope, ROLES, type Role } from '../staff/accounts.js'
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
  await withRuntime(async (rt) => {
    const password = values.password ?? rt.deps.crypto.randomToken(15)
    const id = await addStaff(rt.deps, {
      email,
      role: values.role as Role,
      name: values.name,
      password,
      scopes: (values.scope ?? []).map(parseScope),
      excludedEmployers: values.exclude ?? [],
    })
    console.log(`staff ${id} added (${values.role} ${values.email})`)
    if (!values.password) console.log(`initial password (shown once): ${password}`)
  })
}

export async function staffToken(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } } })
  const email = values.email
  if (!email) throw new Error('--email is required')
  await withRuntime(async (rt) => {
    const s = await rt.deps.sql.get<{ id: string }>('SELECT id FROM staff WHERE email = ?', email.toLowerCase())
    if (!s) throw new Error(`no staff account ${values.email}`)
    console.log(await issueApiToken(rt.deps, s.id, values.label))
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
    const r = await seedDemo(rt.deps)
    console.log(`seeded ${r.staff} staff account(s) and ${r.cases} case(s); password for all: ${r.password}`)
  })
}

