/**
 * @module evidence/blob-store
 * The port evidence bytes go through: a flat set of named, already encrypted objects. Node keeps
 * them in the data folder (node/blob-folder.ts, files 0600 in a 0700 folder); Workers in R2
 * (workers/blob-r2.ts, binding EVIDENCE). Names are random tokens (evidence/attach.ts), never
 * anything the reporter chose.
 */
export interface BlobStore {
  put(name: string, bytes: Uint8Array): Promise<void>
  /** The object's bytes, or undefined when there is none. */
  get(name: string): Promise<Uint8Array | undefined>
  /** Delete the objects (missing ones are no error). */
  delete(names: readonly string[]): Promise<void>
}

/** Object names are what attach.ts makes: URL-safe base64 tokens. Anything else is refused. */
export const OBJECT_NAME = /^[A-Za-z0-9_-]{16,64}$/

/** A runtime without a blob store: evidence cannot be stored (the routes answer 503-like 500s). */
export const noBlobStore: BlobStore = {
  async put() {
    throw new Error('no blob store configured')
  },
  async get() {
    return undefined
  },
  async delete() {},
}
