/**
 * @module evidence/attach
 * Taking evidence in: check every file (count, size, type by its bytes, parses to its end)
 * before anything is stored; strip its metadata; encrypt it with a key of its own; put the
 * ciphertext in the blob store; then write the rows (with the case, or on an existing case) in
 * one batch. A refusal stores nothing; a failed batch deletes the objects it had put.
 *
 * The file key is sealed to the custodian (`key_sealed`, which the server cannot open). Only an
 * organisation's own upload also keeps it under the server's content key, bound to the file
 * (`key_enc`), so that the organisation opens what it sent without the custodian; a reporter's
 * file (or a monitor's upload) opens only once the custodian releases its key for one approved
 * request (evidence/release.ts; docs/evidence.md says why).
 */
import { dayOf } from '../clock.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { consume } from '../privacy/rate-limit.js'
import * as evidence from '../store/evidence.js'
import * as events from '../store/events.js'
import type { Statement } from '../store/port.js'
import { EVIDENCE_PER_SOURCE, MAX_FILE_BYTES, MAX_FILES, MAX_PER_CASE } from './limits.js'
import { stripMetadata, type StrippedFile } from './strip.js'

/** Who is attaching: the reporter (counted per network source), or a staff member. */
export type Uploader =
  | { source: 'reporter'; from: string }
  | { source: 'staff' | 'ngo'; staffId: string; orgId: string | null }

/** A file checked and stripped, not stored yet. */
export interface CheckedFile {
  file: StrippedFile
  hash: string
}

/** An evidence file as its uploader and staff see it. */
export interface EvidenceInfo {
  id: string
  kind: string
  mime: string
  size: number
  pages: number | null
  durationS: number | null
}

const fileError = (code: 'validation' | 'too_large' | 'unsupported_type', key: string, params?: Record<string, number>) =>
  new AppError(code, { file: { key: `web:attachments.${key}`, ...(params ? { params } : {}) } })

/**
 * Check and strip every file, or throw the translated refusal for the first bad one (too many,
 * too large, wrong type, unreadable). Nothing is stored here.
 */
export async function checkFiles(deps: Deps, files: readonly Blob[]): Promise<CheckedFile[]> {
  if (files.length > MAX_FILES) throw fileError('validation', 'tooMany', { max: MAX_FILES })
  if (files.some((f) => f.size > MAX_FILE_BYTES)) {
    throw fileError('too_large', 'tooLarge', { mb: MAX_FILE_BYTES / 1024 / 1024 })
  }
  const out: CheckedFile[] = []
  for (const f of files) {
    const r = await stripMetadata(new Uint8Array(await f.arrayBuffer()))
    if (!r.ok) throw fileError(r.problem === 'unsupported' ? 'unsupported_type' : 'validation', r.problem === 'unsupported' ? 'wrongType' : 'unreadable')
    out.push({ file: r.file, hash: deps.crypto.fileHash(r.file.bytes) })
  }
  return out
}

/** Files ready for the batch: their objects are in the blob store; `rows` insert them. */
export interface StagedEvidence {
  rows: (caseId: string) => Statement[]
  stored: EvidenceInfo[]
  /** Delete the objects (the batch failed, or filed nothing). */
  discard(): Promise<void>
}

/**
 * Encrypt and put checked files in the blob store; a reporter's files count against their
 * source's hourly limit first (429, nothing stored). `skip` holds hashes the case already has.
 */
export async function stageFiles(
  deps: Deps,
  checked: readonly CheckedFile[],
  uploader: Uploader,
  skip: ReadonlySet<string> = new Set(),
): Promise<StagedEvidence> {
  const fresh = checked.filter((c, i) => !skip.has(c.hash) && checked.findIndex((x) => x.hash === c.hash) === i)
  if (uploader.source === 'reporter') {
    for (const _ of fresh) {
      if (!(await consume(deps, EVIDENCE_PER_SOURCE, uploader.from))) throw new AppError('rate_limited')
    }
  }
  // The server keeps a way to the key only for an organisation's own upload (migration 0015).
  const serverKeeps = uploader.source === 'ngo' && uploader.orgId !== null
  const staged = fresh.map((c) => {
    const id = deps.crypto.randomToken(16)
    const { blob, key } = deps.crypto.encryptFile(c.file.bytes, `evidence:${id}`)
    return {
      id,
      c,
      blob,
      objectName: deps.crypto.randomToken(24),
      keySealed: deps.crypto.sealToCustodian(key),
      keyEnc: serverKeeps ? deps.crypto.encrypt(key, `evidence-key:${id}`) : null,
    }
  })
  const put: string[] = []
  const discard = () => deps.blobs.delete(put)
  try {
    for (const s of staged) {
      await deps.blobs.put(s.objectName, s.blob)
      put.push(s.objectName)
    }
  } catch (err) {
    await discard().catch(() => {})
    throw err
  }
  // Kept as long as the case: the UTC day only (clock.ts).
  const at = dayOf(deps.clock.now())
  return {
    stored: staged.map((s) => info(s.id, s.c.file)),
    discard,
    rows: (caseId) => [
      ...staged.map((s) =>
        evidence.insert({
          id: s.id,
          caseId,
          kind: s.c.file.kind,
          mime: s.c.file.mime,
          size: s.c.file.bytes.length,
          pages: s.c.file.pages ?? null,
          durationS: s.c.file.durationS ?? null,
          contentHash: s.c.hash,
          objectName: s.objectName,
          keySealed: s.keySealed,
          keyEnc: s.keyEnc,
          source: uploader.source,
          uploadedBy: uploader.source === 'reporter' ? null : uploader.staffId,
          uploadedByOrg: uploader.source === 'reporter' ? null : uploader.orgId,
          at,
        }),
      ),
      ...(staged.length > 0
        ? [
            events.append({
              id: deps.crypto.randomToken(16),
              caseId,
              at,
              kind: 'evidence_added',
              actorId: uploader.source === 'reporter' ? null : uploader.staffId,
              data: { count: staged.length, source: uploader.source },
            }),
          ]
        : []),
    ],
  }
}

const info = (id: string, f: StrippedFile): EvidenceInfo => ({
  id,
  kind: f.kind,
  mime: f.mime,
  size: f.bytes.length,
  pages: f.pages ?? null,
  durationS: f.durationS ?? null,
})

/**
 * Attach files to an existing case (follow-up, staff): checked, counted against the case's
 * MAX_PER_CASE, staged, written in one batch with the case's `touch` statements (`extra`).
 * A file the case already holds (same keyed hash) is not stored again.
 */
export async function attachToCase(
  deps: Deps,
  caseId: string,
  files: readonly Blob[],
  uploader: Uploader,
  extra: Statement[] = [],
): Promise<EvidenceInfo[]> {
  if (files.length === 0) throw new AppError('validation', { file: { key: 'intake:field.required' } })
  const checked = await checkFiles(deps, files)
  const { count, duplicates } = await evidence.countAndDuplicate(deps.sql, caseId, checked.map((c) => c.hash))
  const dup = new Set(duplicates)
  const fresh = new Set(checked.filter((c) => !dup.has(c.hash)).map((c) => c.hash))
  if (count + fresh.size > MAX_PER_CASE) throw fileError('validation', 'caseFull', { max: MAX_PER_CASE })
  const staged = await stageFiles(deps, checked, uploader, dup)
  try {
    await deps.sql.batch([...staged.rows(caseId), ...extra])
  } catch (err) {
    await staged.discard().catch(() => {})
    throw err
  }
  return staged.stored
}
