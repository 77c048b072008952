/**
 * @module node/sodium-native
 * On Node, the server's crypto runs on native libsodium (sodium-native, prebuilt in its npm
 * package) instead of the WebAssembly build: sealing an identity is ~4× faster, and randomness is
 * one getrandom() per call instead of a call out of WebAssembly for every 4 bytes. The adapter
 * answers the same calls as libsodium-wrappers (`SodiumApi`) with the same bytes, so sealed
 * boxes, ciphertexts, keyed hashes and password hashes move freely between Node and Workers
 * (test/crypto.test.ts runs the one contract, with fixed vectors, on both builds, and opens on
 * each what the other sealed). Workers keep the WebAssembly build.
 */
import { createRequire } from 'node:module'
import type { SodiumApi } from '../privacy/sodium.js'

type Native = typeof import('sodium-native')
type Input = string | Uint8Array

const utf8 = new TextEncoder()
const bytes = (v: Input): Uint8Array => (typeof v === 'string' ? utf8.encode(v) : v)
/** libsodium-wrappers' base64 variants (the same numbers as libsodium's sodium_base64_VARIANT_*). */
const VARIANTS = { ORIGINAL: 1, ORIGINAL_NO_PADDING: 3, URLSAFE: 5, URLSAFE_NO_PADDING: 7 } as const
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const BASE64URL = /^[A-Za-z0-9_-]*={0,2}$/
const HEX = /^(?:[0-9a-fA-F]{2})*$/

/** The native library, or undefined where its prebuilt binary does not load. */
export function loadNativeSodium(): SodiumApi | undefined {
  let s: Native
  try {
    s = createRequire(import.meta.url)('sodium-native') as Native
  } catch {
    return undefined
  }
  return nativeApi(s)
}

function nativeApi(s: Native): SodiumApi {
  const api = {
    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: s.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
    crypto_pwhash_OPSLIMIT_INTERACTIVE: s.crypto_pwhash_OPSLIMIT_INTERACTIVE,
    crypto_pwhash_MEMLIMIT_INTERACTIVE: s.crypto_pwhash_MEMLIMIT_INTERACTIVE,
    base64_variants: VARIANTS,
    crypto_secretstream_xchacha20poly1305_ABYTES: s.crypto_secretstream_xchacha20poly1305_ABYTES,
    crypto_secretstream_xchacha20poly1305_HEADERBYTES: s.crypto_secretstream_xchacha20poly1305_HEADERBYTES,
    crypto_secretstream_xchacha20poly1305_TAG_FINAL: s.crypto_secretstream_xchacha20poly1305_TAG_FINAL,
    crypto_secretstream_xchacha20poly1305_TAG_MESSAGE: s.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE,

    // Evidence files (privacy/crypto.ts encryptFile): the stream's state is a buffer here, an
    // address inside WebAssembly there; only crypto.ts holds it, between calls.
    crypto_secretstream_xchacha20poly1305_keygen() {
      const key = new Uint8Array(s.crypto_secretstream_xchacha20poly1305_KEYBYTES)
      s.crypto_secretstream_xchacha20poly1305_keygen(key)
      return key
    },

    crypto_secretstream_xchacha20poly1305_init_push(key: Uint8Array) {
      const state = new Uint8Array(s.crypto_secretstream_xchacha20poly1305_STATEBYTES)
      const header = new Uint8Array(s.crypto_secretstream_xchacha20poly1305_HEADERBYTES)
      s.crypto_secretstream_xchacha20poly1305_init_push(state, header, key)
      return { state, header }
    },

    crypto_secretstream_xchacha20poly1305_push(state: Uint8Array, message: Input, ad: Input | null, tag: number) {
      const m = bytes(message)
      const out = new Uint8Array(m.length + s.crypto_secretstream_xchacha20poly1305_ABYTES)
      s.crypto_secretstream_xchacha20poly1305_push(state, out, m, ad === null || ad === undefined ? null : bytes(ad), tag)
      return out
    },

    crypto_secretstream_xchacha20poly1305_init_pull(header: Uint8Array, key: Uint8Array) {
      const state = new Uint8Array(s.crypto_secretstream_xchacha20poly1305_STATEBYTES)
      s.crypto_secretstream_xchacha20poly1305_init_pull(state, header, key)
      return state
    },

    crypto_secretstream_xchacha20poly1305_pull(state: Uint8Array, ciphertext: Uint8Array, ad: Input | null) {
      if (ciphertext.length < s.crypto_secretstream_xchacha20poly1305_ABYTES) return false
      const message = new Uint8Array(ciphertext.length - s.crypto_secretstream_xchacha20poly1305_ABYTES)
      const tag = new Uint8Array(1)
      try {
        s.crypto_secretstream_xchacha20poly1305_pull(state, message, tag, ciphertext, ad === null || ad === undefined ? null : bytes(ad))
      } catch {
        return false // as libsodium-wrappers: a chunk that does not open
      }
      return { message, tag: tag[0]! }
    },

    randombytes_buf(n: number) {
      const out = new Uint8Array(n)
      s.randombytes_buf(out)
      return out
    },

    crypto_box_seal(message: Input, publicKey: Uint8Array) {
      const m = bytes(message)
      const out = new Uint8Array(m.length + s.crypto_box_SEALBYTES)
      s.crypto_box_seal(out, m, publicKey)
      return out
    },

    crypto_aead_xchacha20poly1305_ietf_encrypt(message: Input, ad: Input | null, _nsec: null, nonce: Uint8Array, key: Uint8Array) {
      const m = bytes(message)
      const out = new Uint8Array(m.length + s.crypto_aead_xchacha20poly1305_ietf_ABYTES)
      s.crypto_aead_xchacha20poly1305_ietf_encrypt(out, m, ad === null ? null : bytes(ad), null, nonce, key)
      return out
    },

    crypto_aead_xchacha20poly1305_ietf_decrypt(_nsec: null, ciphertext: Uint8Array, ad: Input | null, nonce: Uint8Array, key: Uint8Array) {
      if (ciphertext.length < s.crypto_aead_xchacha20poly1305_ietf_ABYTES) throw new Error('ciphertext is too short')
      const out = new Uint8Array(ciphertext.length - s.crypto_aead_xchacha20poly1305_ietf_ABYTES)
      s.crypto_aead_xchacha20poly1305_ietf_decrypt(out, null, ciphertext, ad === null ? null : bytes(ad), nonce, key)
      return out
    },

    crypto_generichash(length: number, message: Input, key?: Uint8Array | null, format?: string) {
      // The hex form (blind indexes, run several times per request) reuses one output buffer.
      const out = format === 'hex' ? hashOutput(length) : new Uint8Array(length)
      const m = typeof message === 'string' ? Buffer.from(message, 'utf8') : message
      if (key) s.crypto_generichash(out, m, key)
      else s.crypto_generichash(out, m)
      return format === 'hex' ? (out as Buffer).toString('hex') : out
    },

    crypto_kdf_derive_from_key(length: number, id: number, context: string, key: Uint8Array) {
      const out = new Uint8Array(length)
      s.crypto_kdf_derive_from_key(out, id, utf8.encode(context), key)
      return out
    },

    crypto_pwhash_str(password: Input, opslimit: number, memlimit: number) {
      const out = new Uint8Array(s.crypto_pwhash_STRBYTES)
      s.crypto_pwhash_str(out, bytes(password), opslimit, memlimit)
      const end = out.indexOf(0)
      return new TextDecoder().decode(end < 0 ? out : out.subarray(0, end))
    },

    crypto_pwhash_str_verify(hash: string, password: Input) {
      const encoded = utf8.encode(hash)
      // libsodium reads the hash as a C string in a buffer of crypto_pwhash_STRBYTES.
      if (encoded.length >= s.crypto_pwhash_STRBYTES) return false
      const str = new Uint8Array(s.crypto_pwhash_STRBYTES)
      str.set(encoded)
      return s.crypto_pwhash_str_verify(str, bytes(password))
    },

    memcmp(a: Uint8Array, b: Uint8Array) {
      if (a.length !== b.length) throw new TypeError('arguments must have the same length')
      return s.sodium_memcmp(a, b)
    },

    from_hex(hex: string) {
      if (!HEX.test(hex)) throw new TypeError('invalid input')
      return new Uint8Array(Buffer.from(hex, 'hex'))
    },

    to_base64(input: Input, variant: number = VARIANTS.URLSAFE_NO_PADDING) {
      const text = Buffer.from(bytes(input)).toString(variant & 4 ? 'base64url' : 'base64')
      return variant & 2 ? text.replace(/=+$/, '') : variant & 4 ? padded(text) : text
    },

    from_base64(text: string, variant: number = VARIANTS.URLSAFE_NO_PADDING) {
      if (!(variant & 4 ? BASE64URL : BASE64).test(text)) throw new TypeError('invalid input')
      return new Uint8Array(Buffer.from(text, variant & 4 ? 'base64url' : 'base64'))
    },
  }
  // Same calls, same bytes; the wrappers' overloads (output formats) are narrower than TypeScript
  // can check against a plain implementation.
  return api as unknown as SodiumApi
}

const hashOutputs = new Map<number, Buffer>()
function hashOutput(length: number): Buffer {
  let b = hashOutputs.get(length)
  if (!b) hashOutputs.set(length, (b = Buffer.alloc(length)))
  return b
}

/** Node's base64url omits padding; libsodium's URLSAFE variant keeps it. */
const padded = (text: string) => text + '='.repeat((4 - (text.length % 4)) % 4)
