/**
 * @module cli/evidence
 * The custodian's evidence commands, each with the private key read for this run only:
 * - `evidence open --key FILE --case REF --evidence ID --out DIR`: open one evidence file
 *   offline (the file key sealed to the custodian, `key_sealed`: this path needs no DATA_KEY to
 *   reach the key), under an approved, unused, unexpired access request for that file. The
 *   approval is spent after every check that could fail and before the file is written (0600,
 *   never over an existing file).
 * - `evidence release --key FILE --request ID`: release the file key of one approved request so
 *   that the staff member who asked can open that file once in the console (evidence/release.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { useApproval } from '../cases/access.js'
import { decodeBase64 } from '../config.js'
import { EXTENSION } from '../evidence/extensions.js'
import { custodianPublicKeyOf, openSealed } from '../privacy/crypto.js'
import { loadSodium } from '../privacy/sodium.js'
import * as accessRequests from '../store/access-requests.js'
import * as cases from '../store/cases.js'
import { releaseEvidence, ReleaseRefused } from '../evidence/release.js'
import * as evidence from '../store/evidence.js'
import * as releases from '../store/evidence-releases.js'
import { withRuntime } from './runtime.js'

/** Read a custodian private key file (base64, 32 bytes). */
function readPrivateKey(file: string): Uint8Array {
  const key = decodeBase64(readFileSync(file, 'utf8').trim())
  if (!key || key.length !== 32) throw new Error(`${file} is not a custodian private key`)
  return key
}

export async function evidenceOpen(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { key: { type: 'string' }, case: { type: 'string' }, evidence: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.key || !values.case || !values.evidence || !values.out) {
    throw new Error('evidence open needs --key FILE, --case REF, --evidence ID and --out DIR')
  }
  const privateKey = readPrivateKey(values.key)
  const id = values.evidence
  await withRuntime(async ({ deps }) => {
    const kase = await cases.byReferenceOrId(deps.sql, values.case!, values.case!)
    if (!kase) throw new Error(`no case ${values.case}`)
    const row = await evidence.sealedKey(deps.sql, kase.id, id)
    if (!row) throw new Error(`no evidence ${id} in ${values.case} (never attached, or purged)`)
    const approval = await accessRequests.usableForItem(deps.sql, kase.id, 'evidence', id, deps.clock.now())
    if (!approval) {
      throw new Error(
        `no usable approval to open evidence ${id} of ${values.case}: a monitor requests it on the case page, ` +
          'the custodian approves it on /console/custodian; an approval opens once, and expires.',
      )
    }
    const file = join(values.out!, `evidence-${id.slice(0, 8)}.${EXTENSION[row.mime] ?? 'bin'}`)
    if (existsSync(file)) throw new Error(`${file} exists: refusing to overwrite`)
    const blob = await deps.blobs.get(row.object_name)
    if (!blob) throw new Error(`the stored file of evidence ${id} is missing`)
    const sodium = await loadSodium()
    let bytes: Uint8Array
    try {
      const key = openSealed(sodium, row.key_sealed, custodianPublicKeyOf(sodium, privateKey), privateKey)
      bytes = deps.crypto.decryptFile(blob, key, `evidence:${id}`)
    } catch {
      throw new Error(`cannot open evidence ${id} with ${values.key}`)
    }
    // A key released for this request goes with it: the approval is spent here.
    if (!(await useApproval(deps, null, kase.id, 'evidence', approval.id, (usable) => [releases.remove(approval.id, usable)]))) {
      throw new Error(`the approval to open evidence ${id} was used or expired meanwhile: refusing to open it.`)
    }
    mkdirSync(values.out!, { recursive: true, mode: 0o700 })
    writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' })
    console.log(`${row.mime}, ${bytes.length} bytes: ${file}`)
  })
}

/** `evidence release --key FILE --request ID`: release one approved request's file key. */
export async function evidenceRelease(args: string[]) {
  const { values } = parseArgs({ args, options: { key: { type: 'string' }, request: { type: 'string' } } })
  if (!values.key || !values.request) throw new Error('evidence release needs --key FILE and --request ID')
  const privateKey = readPrivateKey(values.key)
  await withRuntime(async ({ deps }) => {
    const sodium = await loadSodium()
    try {
      const r = await releaseEvidence(deps, sodium, privateKey, values.request!)
      const until = new Date(r.expiresAt).toISOString().slice(0, 10)
      console.log(
        r.notNeeded
          ? `evidence ${r.evidenceId} of ${r.reference} needs no release (an organisation's own upload: the approval alone lets the staff member who asked open it once, until ${until}).`
          : `released evidence ${r.evidenceId} of ${r.reference}: the staff member who asked can open it once in the console, until ${until}.`,
      )
    } catch (err) {
      if (err instanceof ReleaseRefused) throw new Error(`${err.message}: nothing released.`)
      throw err
    } finally {
      privateKey.fill(0)
    }
  })
}
