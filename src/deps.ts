/**
 * @module deps
 * What every core module receives: built by an entry point (Node or Workers), passed in through
 * one middleware. No core file reaches for a runtime global.
 */
import type { Context } from 'hono'
import type { Clock } from './clock.js'
import type { Config } from './config.js'
import type { Lang, TFunction } from './i18n/index.js'
import { setServiceNames } from './i18n/index.js'
import type { Logger } from './log.js'
import { createCrypto, type HotlineCrypto } from './privacy/crypto.js'
import { loadSodium, type SodiumApi } from './privacy/sodium.js'
import type { Sql } from './store/port.js'
import { noBlobStore, type BlobStore } from './evidence/blob-store.js'
import type { Mailer } from './notify/mailer.js'

/** Outbound HTTP (Twilio's REST API); `fetch` by default, a local fake in tests. */
export type Fetch = (input: string, init?: RequestInit) => Promise<Response>

export interface Deps {
  sql: Sql
  /** Every cryptographic operation (privacy/crypto.ts); libsodium itself stays inside it. */
  crypto: HotlineCrypto
  clock: Clock
  config: Config
  log: Logger
  fetch: Fetch
  /** The client's network address, only ever used as input to a keyed hash (rate limits). */
  remoteAddress: (c: Context) => string | undefined
  /** Where evidence files' encrypted bytes live (data folder on Node, R2 on Workers). */
  blobs: BlobStore
  /** Sends staff notifications (notify/); absent when SMTP_URL is not set. */
  mailer?: Mailer | undefined
}

export type AppEnv = {
  Variables: { deps: Deps; language: string; lang: Lang; t: TFunction }
}

/** Assemble Deps from the runtime's pieces; loads libsodium (call it lazily on Workers). */
export async function buildDeps(parts: {
  sql: Sql
  config: Config
  clock: Clock
  log: Logger
  fetch?: Fetch
  remoteAddress?: (c: Context) => string | undefined
  /** libsodium's calls for the server's crypto; the WebAssembly build when absent (Workers). */
  sodium?: SodiumApi
  blobs?: BlobStore
  mailer?: Mailer
}): Promise<Deps> {
  if (parts.config.env === 'production' && !parts.config.twilioAccountSid) {
    // Without REST credentials nothing is erased at Twilio: messages, replies (with receipts)
    // and recordings stay in the Twilio account next to the worker's number.
    parts.log.warn('twilio_erasure_off', { reason: 'TWILIO_ACCOUNT_SID is not set' })
  }
  setServiceNames(parts.config.serviceNames) // the deployment's service name (issue 20)
  if (!parts.blobs) {
    // Evidence uploads then fail: on Workers, bind an R2 bucket as EVIDENCE (docs/evidence.md).
    parts.log.warn('evidence_store_off', { reason: 'no blob store (R2 binding EVIDENCE on Workers)' })
  }
  const { sodium = await loadSodium(), ...rest } = parts
  const crypto = createCrypto(sodium, parts.config.dataKey, parts.config.custodianPublicKey)
  return {
    ...rest,
    crypto,
    fetch: parts.fetch ?? ((i, init) => fetch(i, init)),
    remoteAddress: parts.remoteAddress ?? (() => undefined),
    blobs: parts.blobs ?? noBlobStore,
  }
}
