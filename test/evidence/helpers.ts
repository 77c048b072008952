/**
 * Evidence test helpers: the fixtures (scripts/make-evidence-fixtures.sh), multipart posts, and a
 * scan of every byte the server wrote (database, WAL, the evidence folder, the log).
 */
import { followToCase } from '../helpers/forms.js'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { releaseEvidence } from '../../src/evidence/release.js'
import { custodianKey, type TestRuntime } from '../helpers/runtime.js'

const DIR = new URL('../fixtures/evidence/', import.meta.url)
export const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, DIR)))

/** What the fixtures carry that must never be stored. */
export const SECRETS = ['HLDEVICE7', 'Xiaomi', 'Maria Lopez', 'Maria_Lopez', 'maria-lopez', 'HLCOMMENT', 'HLCREATOR', 'HLPRODUCER', 'HLRECORDER']

/** Every file under the runtime's folder (except the development keys), and the log, as one buffer. */
export function everythingWritten(rt: TestRuntime): Buffer {
  rt.db.pragma('wal_checkpoint(PASSIVE)')
  const parts: Buffer[] = []
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f)
      if (statSync(p).isDirectory()) walk(p)
      else if (f !== 'custodian.key' && f !== 'server.env') parts.push(readFileSync(p))
    }
  }
  walk(rt.dir)
  return Buffer.concat([...parts, Buffer.from(rt.logs.join('\n'))])
}

/** The evidence folder's file names. */
export const storedObjects = (rt: TestRuntime) => {
  try {
    return readdirSync(join(rt.dir, 'evidence'))
  } catch {
    return []
  }
}

/**
 * Windows of the original file that must not appear anywhere: 24 bytes every 16 bytes, so every
 * part of it (its EXIF with the GPS rationals, its image data) is looked for.
 */
export function originalWindows(original: Uint8Array): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i + 24 <= original.length; i += 16) {
    const w = Buffer.from(original.subarray(i, i + 24))
    // Padding (XMP's runs of spaces, zeros) says nothing about the file and matches any run of
    // the same bytes elsewhere (the schema's indented trigger text): only distinctive windows.
    if (new Set(w).size >= 6) out.push(w)
  }
  return out
}

/** The GPS IFD's rationals as the EXIF stores them (big- or little-endian), found in the original. */
export function findsNone(haystack: Buffer, needles: (string | Buffer)[]): (string | Buffer)[] {
  return needles.filter((n) => haystack.includes(typeof n === 'string' ? Buffer.from(n) : n))
}

/** A multipart body: fields, then files under `file` with the names given. */
export function multipart(fields: Record<string, string | string[]>, files: { name: string; bytes: Uint8Array; type?: string }[] = []) {
  const body = new FormData()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x)
  for (const f of files) body.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/octet-stream' }))
  return body
}

/** POST an upload; a web follow-up's 303 to its case page is followed, as a browser would. */
export const postMultipart = async (rt: TestRuntime, path: string, body: FormData, headers: Record<string, string> = {}) =>
  followToCase(rt, await rt.app.request(path, { method: 'POST', body, headers }), headers)

/** The runtime's custodian private key (custodian.key), as bytes. */
export const custodianPrivateKey = (rt: TestRuntime) => new Uint8Array(Buffer.from(custodianKey(rt), 'base64'))

/** The custodian releases one approved request's file key, in process (the CLI does the same). */
export const release = (rt: TestRuntime, requestId: string) => releaseEvidence(rt.deps, rt.sodium, custodianPrivateKey(rt), requestId)
