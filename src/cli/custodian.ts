/**
 * @module cli/custodian
 * The custodian's offline steps: open an identity, a voice statement or an original text, each
 * only under an access request a monitor made and the custodian approved on /console/custodian.
 * An approval opens once and expires: it is used (marked, with its `access_opened` audit row, in
 * one batch) after every check that could fail (key, files) and before anything opened is shown
 * or written out, so a mistyped key does not spend it and a second run is refused.
 */
import { typedFieldsAad } from '../privacy/typed-fields.js'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { usableApproval, useApproval } from '../cases/access.js'
import { openCaseRecordings } from '../channels/voice/recording.js'
import { decodeBase64 } from '../config.js'
import type { Deps } from '../deps.js'
import { custodianPublicKeyOf, openIdentity } from '../privacy/crypto.js'
import { loadSodium } from '../privacy/sodium.js'
import * as cases from '../store/cases.js'
import * as messages from '../store/messages.js'
import { withRuntime } from './runtime.js'

const ITEM = {
  identity: 'the identity',
  voice: 'the voice recordings',
  original: 'the original text',
} as const
type Item = keyof typeof ITEM

/** Read a custodian private key file (base64, 32 bytes). */
function readPrivateKey(file: string): Uint8Array {
  const key = decodeBase64(readFileSync(file, 'utf8').trim())
  if (!key || key.length !== 32) throw new Error(`${file} is not a custodian private key`)
  return key
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * The case (by reference or id) and the approval that lets the custodian open `what` in it;
 * refuses (exit 1), saying why, without one: none, already used, or expired.
 */
async function approvedCase(deps: Deps, ref: string, what: Item): Promise<{ id: string; requestId: string }> {
  const row = await cases.byReferenceOrId(deps.sql, ref, ref)
  if (!row) throw new Error(`no case ${ref}`)
  const approval = await usableApproval(deps, row.id, what)
  if (!('problem' in approval)) return { id: row.id, requestId: approval.id }
  const again = 'A monitor requests it on the case page; the custodian approves it on /console/custodian.'
  switch (approval.problem) {
    case 'used':
      throw new Error(
        `the approval to open ${ITEM[what]} of ${ref} (request ${approval.id}) was already used on ` +
          `${day(approval.at)}: an approval opens once. Refusing to open it again. ${again}`,
      )
    case 'expired':
      throw new Error(
        `the approval to open ${ITEM[what]} of ${ref} (request ${approval.id}) expired on ` +
          `${day(approval.at)}: refusing to open it. ${again}`,
      )
    default:
      throw new Error(`no approved access request for ${ITEM[what]} of ${ref}: refusing to open it. ${again}`)
  }
}

/**
 * Use the approval (marked used with its audit row, in one batch) just before anything opened is
 * shown or written out; refuses when another run used it first.
 */
async function spendApproval(deps: Deps, ref: string, caseId: string, what: Item, requestId: string) {
  if (!(await useApproval(deps, null, caseId, what, requestId))) {
    throw new Error(`the approval to open ${ITEM[what]} of ${ref} was used or expired meanwhile: refusing to open it.`)
  }
}

/** `identity open --key FILE --case REF`: print the sealed identity. */
export async function identityOpen(args: string[]) {
  const { values } = parseArgs({ args, options: { key: { type: 'string' }, case: { type: 'string' } } })
  if (!values.key || !values.case) throw new Error('identity open needs --key FILE and --case REF')
  const privateKey = readPrivateKey(values.key)
  await withRuntime(async ({ deps }) => {
    const kase = await approvedCase(deps, values.case!, 'identity')
    const sealed = await cases.identitySealed(deps.sql, kase.id)
    if (!sealed) {
      console.log('This case holds no identity (anonymous, or purged).')
      return
    }
    const sodium = await loadSodium()
    const identity = openIdentity(sodium, sealed, custodianPublicKeyOf(sodium, privateKey), privateKey)
    await spendApproval(deps, values.case!, kase.id, 'identity', kase.requestId)
    console.log(JSON.stringify(identity, null, 2))
  })
}

/**
 * `voice open --key FILE --case REF --out DIR`: write every sealed recording of the case to
 * `DIR/<n>-<purpose>.wav` (0600), refusing to overwrite anything. Recordings never fetched from
 * Twilio are listed, not written.
 */
export async function voiceOpen(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { key: { type: 'string' }, case: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.key || !values.case || !values.out) {
    throw new Error('voice open needs --key FILE, --case REF and --out DIR')
  }
  const privateKey = readPrivateKey(values.key)
  const out = values.out
  await withRuntime(async ({ deps }) => {
    const kase = await approvedCase(deps, values.case!, 'voice')
    const sodium = await loadSodium()
    const publicKey = custodianPublicKeyOf(sodium, privateKey)
    let recordings: Awaited<ReturnType<typeof openCaseRecordings>>
    try {
      recordings = await openCaseRecordings(deps.sql, sodium, kase.id, { publicKey, privateKey })
    } catch {
      throw new Error(`cannot open the recordings of ${values.case} with ${values.key}`)
    }
    if (recordings.length === 0) {
      console.log('This case holds no voice recording (none made, missing, or purged).')
      return
    }
    // WhatsApp voice notes are Ogg ("OggS"), call recordings WAV.
    const ext = (a: Uint8Array | null) => (a && a[0] === 0x4f && a[1] === 0x67 && a[2] === 0x67 && a[3] === 0x53 ? 'ogg' : 'wav')
    const files = recordings.map((r, i) => join(out, `${i + 1}-${r.purpose.replace(/[^a-z0-9_-]/gi, '_')}.${ext(r.audio)}`))
    const taken = files.filter((f, i) => recordings[i]!.audio && existsSync(f))
    if (taken.length > 0) throw new Error(`${taken.join(', ')} exists: refusing to overwrite`)
    await spendApproval(deps, values.case!, kase.id, 'voice', kase.requestId)
    mkdirSync(out, { recursive: true, mode: 0o700 })
    recordings.forEach((r, i) => {
      const length = r.durationS == null ? '' : ` (${r.durationS} s)`
      if (!r.audio) {
        console.log(`${r.purpose}${length}: not fetched from Twilio, nothing to open`)
        return
      }
      writeFileSync(files[i]!, r.audio, { mode: 0o600, flag: 'wx' })
      console.log(`${r.purpose}${length}: ${files[i]}`)
    })
  })
}

/**
 * `original open --case REF`: print the reporter's own words (the original complaint and their
 * messages), decrypted with the server's DATA_KEY, which the custodian runs this with. Monitors
 * only ever see the redacted text.
 */
export async function originalOpen(args: string[]) {
  const { values } = parseArgs({ args, options: { case: { type: 'string' } } })
  if (!values.case) throw new Error('original open needs --case REF')
  await withRuntime(async ({ deps }) => {
    const kase = await approvedCase(deps, values.case!, 'original')
    const row = await cases.originals(deps.sql, kase.id)
    if (!row?.original_enc) {
      console.log('This case holds no original text any more (purged).')
      return
    }
    const originals = await messages.reporterOriginals(deps.sql, kase.id)
    await spendApproval(deps, values.case!, kase.id, 'original', kase.requestId)
    console.log(deps.crypto.decryptText(row.original_enc, `case:${kase.id}`))
    if (row.fields_enc) {
      const typed = JSON.parse(deps.crypto.decryptText(row.fields_enc, typedFieldsAad(kase.id))) as Record<string, string>
      for (const [field, value] of Object.entries(typed)) console.log(`\n${field}: ${value}`)
    }
    for (const m of originals) {
      console.log(`\n--- ${new Date(m.created_at).toISOString()}`)
      console.log(deps.crypto.decryptText(m.body_enc, `message:${m.id}`))
    }
  })
}
