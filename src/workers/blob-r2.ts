/**
 * @module workers/blob-r2
 * The Workers blob store: R2 (binding EVIDENCE in wrangler.toml). Objects are written with no
 * custom metadata and no content type: they are ciphertext.
 */
import { OBJECT_NAME, type BlobStore } from '../evidence/blob-store.js'

export function blobR2(bucket: R2Bucket): BlobStore {
  const check = (name: string) => {
    if (!OBJECT_NAME.test(name)) throw new Error('bad object name')
    return name
  }
  return {
    async put(name, bytes) {
      await bucket.put(check(name), bytes)
    },
    async get(name) {
      const o = await bucket.get(check(name))
      return o ? new Uint8Array(await o.arrayBuffer()) : undefined
    },
    async delete(names) {
      if (names.length > 0) await bucket.delete(names.map(check))
    },
  }
}
