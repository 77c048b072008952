/**
 * @module node/blob-folder
 * The Node blob store: one file per object in `<data folder>/evidence/`, the folder 0700 and
 * each file 0600, written once (never overwritten) and removed by the purge.
 */
import { mkdirSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { OBJECT_NAME, type BlobStore } from '../evidence/blob-store.js'

export function blobFolder(dir: string): BlobStore {
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  const path = (name: string) => {
    if (!OBJECT_NAME.test(name)) throw new Error('bad object name')
    return join(dir, name)
  }
  return {
    async put(name, bytes) {
      await writeFile(path(name), bytes, { mode: 0o600, flag: 'wx' })
    },
    async get(name) {
      try {
        return new Uint8Array(await readFile(path(name)))
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined
        throw err
      }
    },
    async delete(names) {
      for (const n of names) await rm(path(n), { force: true })
    },
  }
}
