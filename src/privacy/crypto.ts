/**
 * @module privacy/crypto
 * Every cryptographic operation the hotline performs, over libsodium. Identical on Node and in
 * workerd. Keys for each purpose are derived from DATA_KEY with crypto_kdf (BLAKE2b); the
 * custodian's private key never reaches the server.
 */
import type { Sodium, SodiumApi } from './sodium.js'

/** Who sent a report: sealed at intake, opened only offline by the custodian. */
export interface Identity {
  name?: string
  phone?: string
  email?: string
  /** Channel metadata that identifies (caller ID, Twilio's FromCity/FromState/FromZip…). */
  meta?: Record<string, string>
}

/** Purposes with their own derived key. Changing an id invalidates existing data. */
const SUBKEYS = {
  content: 1,
  receipt: 2,
  sender: 3,
  ratelimit: 4,
  employer: 5,
  session: 6,
  call: 7,
  token: 8,
  checkpoint: 9,
  evidence: 10,
} as const
export type KeyPurpose = keyof typeof SUBKEYS

const KDF_CONTEXT = 'hotline_' // crypto_kdf contexts are exactly 8 bytes
/** The audit chain's key has a context of its own (it predates SUBKEYS; changing it breaks verify). */
const AUDIT_KDF = { id: 1, context: 'hl_audit' } as const
/** Version byte in front of every ciphertext, so DATA_KEY can rotate. */
const CONTENT_KEY_VERSION = 1

export interface HotlineCrypto {
  sealIdentity(identity: Identity): Uint8Array
  encrypt(plaintext: string | Uint8Array, aad?: string): Uint8Array
  decrypt(blob: Uint8Array, aad?: string): Uint8Array
  decryptText(blob: Uint8Array, aad?: string): string
  blindIndex(purpose: KeyPurpose, value: string): string
  newReceipt(): string
  hashReceipt(receipt: string): string
  randomDigits(n: number): string
  randomToken(bytes?: number): string
  randomBytes(n: number): Uint8Array
  hashPassword(password: string): string
  verifyPassword(hash: string, password: string): boolean
  sealToCustodian(bytes: Uint8Array): Uint8Array
  auditHash(message: string): string
  equalHex(a: string, b: string): boolean
  encryptToken(plaintext: string, aad: string): string
  decryptToken(token: string, aad: string): string
  /** Evidence files: a fresh key per file, secretstream in chunks (evidence/store-file.ts). */
  encryptFile(bytes: Uint8Array, aad: string): { blob: Uint8Array; key: Uint8Array }
  decryptFile(blob: Uint8Array, key: Uint8Array, aad: string): Uint8Array
  /** Keyed BLAKE2b (hex) of a file's bytes, to find the same evidence sent twice. */
  fileHash(bytes: Uint8Array): string
}

/** Plaintext bytes per secretstream chunk of an evidence file. */
export const FILE_CHUNK = 64 * 1024

/**
 * Build the hotline's crypto from an initialised libsodium, the root DATA_KEY and the custodian's
 * X25519 public key. `previousKeys` maps older key versions to their DATA_KEY, for decryption
 * during a rotation.
 */
export function createCrypto(
  sodium: SodiumApi,
  dataKey: Uint8Array,
  custodianPublicKey: Uint8Array,
  previousKeys: ReadonlyMap<number, Uint8Array> = new Map(),
): HotlineCrypto {
  const derive = (root: Uint8Array, purpose: KeyPurpose) =>
    sodium.crypto_kdf_derive_from_key(32, SUBKEYS[purpose], KDF_CONTEXT, root)
  const contentKeys = new Map<number, Uint8Array>([[CONTENT_KEY_VERSION, derive(dataKey, 'content')]])
  for (const [v, k] of previousKeys) contentKeys.set(v, derive(k, 'content'))
  const hashKeys = new Map<KeyPurpose, Uint8Array>()
  const hashKey = (p: KeyPurpose) => {
    let k = hashKeys.get(p)
    if (!k) hashKeys.set(p, (k = derive(dataKey, p)))
    return k
  }
  const NONCE = sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
  let auditKey: Uint8Array | undefined
  const URLSAFE = sodium.base64_variants.URLSAFE_NO_PADDING

  const api: HotlineCrypto = {
    /** crypto_box_seal (X25519 + XSalsa20-Poly1305) of the identity as JSON, to the custodian. */
    sealIdentity(identity) {
      return sodium.crypto_box_seal(JSON.stringify(identity), custodianPublicKey)
    },

    /** XChaCha20-Poly1305 (IETF) with a random nonce; output = version ‖ nonce ‖ ciphertext. */
    encrypt(plaintext, aad) {
      const key = contentKeys.get(CONTENT_KEY_VERSION)!
      const nonce = sodium.randombytes_buf(NONCE)
      const ct = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, aad ?? null, null, nonce, key)
      const out = new Uint8Array(1 + NONCE + ct.length)
      out[0] = CONTENT_KEY_VERSION
      out.set(nonce, 1)
      out.set(ct, 1 + NONCE)
      return out
    },

    /** XChaCha20-Poly1305 (IETF) decryption with the key named by the version byte. */
    decrypt(blob, aad) {
      const key = contentKeys.get(blob[0] ?? -1)
      if (!key) throw new Error('unknown content key version')
      const nonce = blob.subarray(1, 1 + NONCE)
      return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        null,
        blob.subarray(1 + NONCE),
        aad ?? null,
        nonce,
        key,
      )
    },

    /** decrypt() as UTF-8 text. */
    decryptText(blob, aad) {
      return new TextDecoder().decode(api.decrypt(blob, aad))
    },

    /** Keyed BLAKE2b (crypto_generichash, 32 bytes, hex) under the purpose's derived key. */
    blindIndex(purpose, value) {
      return sodium.crypto_generichash(32, value, hashKey(purpose), 'hex')
    },

    /** 16 decimal digits from randombytes_buf, rejecting bytes ≥ 250 (no modulo bias). */
    newReceipt() {
      return api.randomDigits(16)
    },

    /** Keyed BLAKE2b of the receipt's digits (spaces and dashes ignored). */
    hashReceipt(receipt) {
      return api.blindIndex('receipt', normaliseReceipt(receipt))
    },

    /** n decimal digits from randombytes_buf by rejection sampling (bytes ≥ 250 dropped). */
    randomDigits(n) {
      let out = ''
      while (out.length < n) {
        for (const b of sodium.randombytes_buf(n * 2)) {
          if (b < 250 && out.length < n) out += String(b % 10)
        }
      }
      return out
    },

    /** randombytes_buf as URL-safe base64 without padding. */
    randomToken(bytes = 32) {
      return sodium.to_base64(sodium.randombytes_buf(bytes), sodium.base64_variants.URLSAFE_NO_PADDING)
    },

    /** randombytes_buf. */
    randomBytes(n) {
      return sodium.randombytes_buf(n)
    },

    /** argon2id (crypto_pwhash_str, interactive limits: 2 passes, 64 MiB). */
    hashPassword(password) {
      return sodium.crypto_pwhash_str(
        password,
        sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE,
        sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE,
      )
    },

    /** argon2id verification (crypto_pwhash_str_verify), constant time. */
    verifyPassword(hash, password) {
      try {
        return sodium.crypto_pwhash_str_verify(hash, password)
      } catch {
        return false
      }
    },

    /** crypto_box_seal of raw bytes to the custodian (voice recordings): the server cannot open it. */
    sealToCustodian(bytes) {
      return sodium.crypto_box_seal(bytes, custodianPublicKey)
    },

    /** Keyed BLAKE2b (32 bytes, hex) under the audit chain's key (audit/log.ts). */
    auditHash(message) {
      auditKey ??= sodium.crypto_kdf_derive_from_key(32, AUDIT_KDF.id, AUDIT_KDF.context, dataKey)
      return sodium.crypto_generichash(32, message, auditKey, 'hex')
    },

    /** Constant-time comparison of two hex strings of the same length (sodium_memcmp). */
    equalHex(a, b) {
      const x = sodium.from_hex(a)
      const y = sodium.from_hex(b)
      return x.length === y.length && sodium.memcmp(x, y)
    },

    /** encrypt() as URL-safe base64 without padding, for a cookie or a form field. */
    encryptToken(plaintext, aad) {
      return sodium.to_base64(api.encrypt(plaintext, aad), URLSAFE)
    },

    /** The reverse of encryptToken(); throws when the token is malformed or forged. */
    decryptToken(token, aad) {
      return api.decryptText(sodium.from_base64(token, URLSAFE), aad)
    },

    /**
     * XChaCha20-Poly1305 secretstream under a fresh random key, FILE_CHUNK bytes per message,
     * the last one tagged FINAL (a cut or reordered file fails to open); each chunk is bound to
     * `aad`. Output = header ‖ chunks.
     */
    encryptFile(bytes, aad) {
      const key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
      const { state, header } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key)
      const A = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
      const n = Math.max(1, Math.ceil(bytes.length / FILE_CHUNK))
      const out = new Uint8Array(header.length + bytes.length + n * A)
      out.set(header)
      let at = header.length
      for (let i = 0; i < n; i++) {
        const tag =
          i === n - 1
            ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
            : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
        const chunk = bytes.subarray(i * FILE_CHUNK, (i + 1) * FILE_CHUNK)
        const ct = sodium.crypto_secretstream_xchacha20poly1305_push(state, chunk, aad, tag)
        out.set(ct, at)
        at += ct.length
      }
      return { blob: out, key }
    },

    /** The reverse of encryptFile(); throws when the blob was cut, altered or is not for `aad`. */
    decryptFile(blob, key, aad) {
      const H = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
      const A = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
      const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(blob.subarray(0, H), key)
      const parts: Uint8Array[] = []
      let at = H
      let final = false
      while (at < blob.length) {
        if (final) throw new Error('evidence: data after the final chunk')
        const ct = blob.subarray(at, at + FILE_CHUNK + A)
        const r = sodium.crypto_secretstream_xchacha20poly1305_pull(state, ct, aad)
        if (!r) throw new Error('evidence: chunk does not open')
        parts.push(r.message)
        final = r.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
        at += ct.length
      }
      if (!final) throw new Error('evidence: file cut short')
      const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
      let o = 0
      for (const p of parts) {
        out.set(p, o)
        o += p.length
      }
      return out
    },

    /** crypto_generichash of the bytes under the evidence purpose's key. */
    fileHash(bytes) {
      return sodium.crypto_generichash(32, bytes, hashKey('evidence'), 'hex')
    },
  }
  return api
}

/** Digits only; a receipt is typed with spaces, dashes or dots on every channel. */
export function normaliseReceipt(receipt: string): string {
  return receipt.replace(/[^0-9]/g, '')
}

/** 1234567812345678 → "1234 5678 1234 5678". */
export function formatReceipt(digits: string): string {
  return normaliseReceipt(digits).replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** Open a sealed identity with the custodian's key pair (crypto_box_seal_open). Offline only. */
export function openIdentity(
  sodium: Sodium,
  sealed: Uint8Array,
  publicKey: Uint8Array,
  privateKey: Uint8Array,
): Identity {
  const plain = sodium.crypto_box_seal_open(sealed, publicKey, privateKey, 'text')
  return JSON.parse(plain) as Identity
}

/** The custodian's public key, from the private key (crypto_scalarmult_base). Offline only. */
export function custodianPublicKeyOf(sodium: Sodium, privateKey: Uint8Array): Uint8Array {
  return sodium.crypto_scalarmult_base(privateKey)
}

/** Open bytes sealed to the custodian (crypto_box_seal_open), e.g. a voice recording. Offline only. */
export function openSealed(
  sodium: Sodium,
  sealed: Uint8Array,
  publicKey: Uint8Array,
  privateKey: Uint8Array,
): Uint8Array {
  return sodium.crypto_box_seal_open(sealed, publicKey, privateKey)
}

/** A fresh custodian key pair (crypto_box_keypair, X25519) and DATA_KEY (crypto_kdf_keygen). */
export function generateKeys(sodium: Sodium): {
  custodianPublicKey: Uint8Array
  custodianPrivateKey: Uint8Array
  dataKey: Uint8Array
} {
  const kp = sodium.crypto_box_keypair()
  return { custodianPublicKey: kp.publicKey, custodianPrivateKey: kp.privateKey, dataKey: sodium.crypto_kdf_keygen() }
}

/**
 * Constant-time equality of two strings (a MAC or signature against the expected one): every
 * character is compared whatever the first difference; only the length shows. Synchronous, so a
 * form post or webhook does not wait for two SHA-256 digests on the thread pool as hono's
 * `timingSafeEqual` does.
 */
export function equalStrings(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
