/**
 * @module cli
 * `npm run hotline -- <command>`: keys generate, identity open, voice open, staff add, staff token,
 * purge, audit verify, seed demo. Node only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { decodeBase64, encodeBase64 } from './config.js'
import { append } from './audit/log.js'
import { verify as verifyAudit } from './audit/verify.js'
import { approvedRequest } from './cases/access.js'
import { openCaseRecordings } from './channels/voice/recording.js'
import type { Deps } from './deps.js'
import { bootNode } from './node/boot.js'
import { generateKeys, openIdentity } from './privacy/crypto.js'
import { purgeExpired } from './privacy/retention.js'
import { loadSodium } from './privacy/sodium.js'
import { seedDemo } from './seed.js'
import { addStaff, issueApiToken, parseScope, ROLES, type Role } from './staff/accounts.js'

const USAGE = `usage: npm run hotline -- <command>
  keys generate [--out custodian.key]      new custodian key pair and DATA_KEY
  identity open --key FILE --case REF      open a sealed identity (custodian, offline; needs an
                                           approved identity request for the case)
  voice open --key FILE --case REF --out DIR
                                           write a case's sealed recordings as .wav (custodian;
                                           needs an approved voice request for the case)
  staff add --role R --email E [--name N] [--password P] [--scope S]... [--exclude EMPLOYER]...
  staff token --email E [--label L]        print a new API token
  purge                                    run the retention purge now
  audit verify                             check the audit log's hash chain (exit 1 if broken)
  seed demo                                demo monitors and cases (development only)`

async function main(argv: string[]) {
  const [cmd, sub, ...rest] = argv
  const key = `${cmd ?? ''} ${sub ?? ''}`.trim()
  switch (key) {
    case 'keys generate':
      return keysGenerate(rest)
    case 'identity open':
      return identityOpen(rest)
    case 'voice open':
      return voiceOpen(rest)
    case 'staff add':
      return staffAdd(rest)
    case 'staff token':
      return staffToken(rest)
    case 'seed demo':
      return seed()
    case 'audit verify':
      return auditVerify()
  }
  if (cmd === 'purge') return purge()
  console.error(USAGE)
  process.exitCode = 2
}

async function keysGenerate(args: string[]) {
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

/**
 * `identity open`: the custodian's offline step for an approved identity request. Refuses
 * without one; appends an `access_opened` audit row before printing the identity.
 */
async function identityOpen(args: string[]) {
  const { values } = parseArgs({ args, options: { key: { type: 'string' }, case: { type: 'string' } } })
  if (!values.key || !values.case) throw new Error('identity open needs --key FILE and --case REF')
  const privateKey = decodeBase64(readFileSync(values.key, 'utf8').trim())
  if (!privateKey || privateKey.length !== 32) throw new Error(`${values.key} is not a custodian private key`)
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const row = await rt.deps.sql.get<{ id: string; identity_sealed: Uint8Array | null }>(
      'SELECT id, identity_sealed FROM cases WHERE reference = ? OR id = ?',
      values.case,
      values.case,
    )
    if (!row) throw new Error(`no case ${values.case}`)
    const request = await requireApproval(rt.deps, row.id, 'identity', values.case)
    if (!row.identity_sealed) {
      console.log('This case holds no identity (anonymous, or purged).')
      return
    }
    const sodium = rt.deps.sodium
    const publicKey = sodium.crypto_scalarmult_base(privateKey)
    const identity = openIdentity(sodium, row.identity_sealed, publicKey, privateKey)
    await auditOpened(rt.deps, row.id, 'identity', request)
    console.log(JSON.stringify(identity, null, 2))
  } finally {
    rt.db.close()
  }
}

/**
 * `voice open`: the custodian's offline step for an approved voice request (refused without one).
 * Opens every sealed recording of the case with the private key and writes each to
 * `DIR/<n>-<purpose>.wav` (0600), refusing to overwrite anything; appends an `access_opened`
 * audit row first. Recordings not fetched from Twilio are listed, not written.
 */
async function voiceOpen(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { key: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.key || !values.case || !values.out) {
    throw new Error('voice open needs --key FILE, --case REF and --out DIR')
  }
  const privateKey = decodeBase64(readFileSync(values.key, 'utf8').trim())
  if (!privateKey || privateKey.length !== 32) {
    throw new Error(`${values.key} is not a custodian private key`)
  }
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const row = await rt.deps.sql.get<{ id: string }>(
      'SELECT id FROM cases WHERE reference = ? OR id = ?',
      values.case,
      values.case,
    )
    if (!row) throw new Error(`no case ${values.case}`)
    const request = await requireApproval(rt.deps, row.id, 'voice', values.case)
    const sodium = rt.deps.sodium
    const publicKey = sodium.crypto_scalarmult_base(privateKey)
    let recordings: Awaited<ReturnType<typeof openCaseRecordings>>
    try {
      recordings = await openCaseRecordings(rt.deps.sql, sodium, row.id, { publicKey, privateKey })
    } catch {
      throw new Error(`cannot open the recordings of ${values.case} with ${values.key}`)
    }
    if (recordings.length === 0) {
      console.log('This case holds no voice recording (none made, missing, or purged).')
      return
    }
    const files = recordings.map((r, i) => {
      const purpose = r.purpose.replace(/[^a-z0-9_-]/gi, '_')
      return join(values.out!, `${i + 1}-${purpose}.wav`)
    })
    const taken = files.filter((f, i) => recordings[i]!.audio && existsSync(f))
    if (taken.length > 0) throw new Error(`${taken.join(', ')} exists: refusing to overwrite`)
    await auditOpened(rt.deps, row.id, 'voice', request)
    mkdirSync(values.out, { recursive: true, mode: 0o700 })
    recordings.forEach((r, i) => {
      const length = r.durationS == null ? '' : ` (${r.durationS} s)`
      if (!r.audio) {
        console.log(`${r.purpose}${length}: not fetched from Twilio, nothing to open`)
        return
      }
      writeFileSync(files[i]!, r.audio, { mode: 0o600, flag: 'wx' })
      console.log(`${r.purpose}${length}: ${files[i]}`)
    })
  } finally {
    rt.db.close()
  }
}

const ITEM = { identity: 'the identity', voice: 'the voice recordings' } as const

/**
 * The custodian opens an item only under a request a monitor made and the custodian approved on
 * /console/custodian (the latest approved one for that case and item); otherwise exit 1.
 */
async function requireApproval(
  deps: Deps,
  caseId: string,
  what: 'identity' | 'voice',
  ref: string,
): Promise<string> {
  const request = await approvedRequest(deps, caseId, what)
  if (!request) {
    throw new Error(
      `no approved access request for ${ITEM[what]} of ${ref}: refusing to open it. ` +
        `A monitor requests it on the case page; the custodian approves it on /console/custodian.`,
    )
  }
  return request.id
}

/** The audit row of an opening, written before anything opened is shown or written out. */
async function auditOpened(
  deps: Deps,
  caseId: string,
  what: 'identity' | 'voice',
  requestId: string,
) {
  await append(deps, { actorId: null, action: 'access_opened', caseId, data: { what, requestId } })
}

async function staffAdd(args: string[]) {
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
  if (!values.email) throw new Error('--email is required')
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const password = values.password ?? rt.deps.crypto.randomToken(15)
    const id = await addStaff(rt.deps, {
      email: values.email,
      role: values.role as Role,
      name: values.name,
      password,
      scopes: (values.scope ?? []).map(parseScope),
      excludedEmployers: values.exclude ?? [],
    })
    console.log(`staff ${id} added (${values.role} ${values.email})`)
    if (!values.password) console.log(`initial password (shown once): ${password}`)
  } finally {
    rt.db.close()
  }
}

async function staffToken(args: string[]) {
  const { values } = parseArgs({ args, options: { email: { type: 'string' }, label: { type: 'string' } } })
  if (!values.email) throw new Error('--email is required')
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const s = await rt.deps.sql.get<{ id: string }>('SELECT id FROM staff WHERE email = ?', values.email.toLowerCase())
    if (!s) throw new Error(`no staff account ${values.email}`)
    console.log(await issueApiToken(rt.deps, s.id, values.label))
  } finally {
    rt.db.close()
  }
}

async function purge() {
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const r = await purgeExpired(rt.deps)
    console.log(`purged ${r.cases} case(s) and ${r.conversations} conversation(s)`)
  } finally {
    rt.db.close()
  }
}

async function auditVerify() {
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    const r = await verifyAudit(rt.deps)
    if (r.ok) {
      console.log(`audit log intact: ${r.count} entries; head ${r.head ? `#${r.head.seq} ${r.head.hash}` : '(empty)'}`)
      return
    }
    const what = { hash: 'was edited', prev_hash: 'does not follow the entry before it', missing: 'is missing' }
    console.error(`audit log BROKEN at entry #${r.brokenSeq}: it ${what[r.problem!]} (${r.count} entries before it verified)`)
    process.exitCode = 1
  } finally {
    rt.db.close()
  }
}

async function seed() {
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    if (rt.config.env === 'production') throw new Error('seed demo is for development only')
    const r = await seedDemo(rt.deps)
    console.log(`seeded ${r.staff} staff account(s) and ${r.cases} case(s); password for all: ${r.password}`)
  } finally {
    rt.db.close()
  }
}

const quietLog = { info() {}, warn() {}, error() {} }

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(`hotline: ${err.message}`)
  process.exitCode = 1
})
