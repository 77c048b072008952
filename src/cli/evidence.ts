/**
 * @module cli/evidence
 * `evidence open --key FILE --case REF --evidence ID --out DIR`: the custodian opens one evidence
 * file offline with the private key (the file key sealed to the custodian, `key_sealed`: this
 * path needs no DATA_KEY to reach the key), under an approved, unused, unexpired access request
 * for that file. The approval is spent after every check that could fail and before the file is
 * written (0600, never over an existing file).
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
import * as evidence from '../store/evidence.js'
import { withRuntime } from './runtime.js'

export async function evidenceOpen(args: string[]) {
  const { values } = parseArgs({
    args,
    options: { key: { type: 'string' }, case: { type: 'string' }, evidence: { type: 'string' }, out: { type: 'string' } },
  })
  if (!values.key || !values.case || !values.evidence || !values.out) {
    throw new Error('evidence open needs --key FILE, --case REF, --evidence ID and --out DIR')
  }
  const privateKey = decodeBase64(readFileSync(values.key, 'utf8').trim())
  if (!privateKey || privateKey.length !== 32) throw new Error(`${values.key} is not a custodian private key`)
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
    if (!(await useApproval(deps, null, kase.id, 'evidence', approval.id))) {
      throw new Error(`the approval to open evidence ${id} was used or expired meanwhile: refusing to open it.`)
    }
    mkdirSync(values.out!, { recursive: true, mode: 0o700 })
    writeFileSync(file, bytes, { mode: 0o600, flag: 'wx' })
    console.log(`${row.mime}, ${bytes.length} bytes: ${file}`)
  })
}
