/**
 * @module privacy/sodium
 * Loads libsodium (the sumo build: it has argon2id). On Workers, wrangler and the Workers test
 * config alias `libsodium-sumo` to a loader that hands libsodium a precompiled WebAssembly module
 * (Workers forbid compiling WebAssembly from bytes). Call `loadSodium()` inside a request or
 * start-up path, never at module top level.
 *
 * The import is dynamic on purpose: libsodium-wrappers initialises libsodium when its module is
 * evaluated, and that initialisation draws random bytes, which Workers refuse at global scope.
 * Bundled by wrangler (esbuild), a dynamic import is evaluated lazily, on the first call here.
 * Import only the type from 'libsodium-wrappers-sumo' elsewhere.
 */
import type sodiumModule from 'libsodium-wrappers-sumo'

export type Sodium = typeof sodiumModule

/**
 * The calls the server's crypto (privacy/crypto.ts) makes: libsodium-wrappers itself (both
 * runtimes), or on Node the native library behind the same calls (node/sodium-native.ts). Both
 * produce the same bytes: test/crypto.test.ts runs the one contract, with fixed vectors, on each.
 */
export type SodiumApi = Pick<
  Sodium,
  | 'crypto_box_seal'
  | 'crypto_aead_xchacha20poly1305_ietf_encrypt'
  | 'crypto_aead_xchacha20poly1305_ietf_decrypt'
  | 'crypto_aead_xchacha20poly1305_ietf_NPUBBYTES'
  | 'crypto_generichash'
  | 'crypto_kdf_derive_from_key'
  | 'randombytes_buf'
  | 'crypto_pwhash_str'
  | 'crypto_pwhash_str_verify'
  | 'crypto_pwhash_OPSLIMIT_INTERACTIVE'
  | 'crypto_pwhash_MEMLIMIT_INTERACTIVE'
  | 'memcmp'
  | 'from_hex'
  | 'to_base64'
  | 'from_base64'
  | 'base64_variants'
  | 'crypto_secretstream_xchacha20poly1305_keygen'
  | 'crypto_secretstream_xchacha20poly1305_init_push'
  | 'crypto_secretstream_xchacha20poly1305_push'
  | 'crypto_secretstream_xchacha20poly1305_init_pull'
  | 'crypto_secretstream_xchacha20poly1305_pull'
  | 'crypto_secretstream_xchacha20poly1305_ABYTES'
  | 'crypto_secretstream_xchacha20poly1305_HEADERBYTES'
  | 'crypto_secretstream_xchacha20poly1305_TAG_FINAL'
  | 'crypto_secretstream_xchacha20poly1305_TAG_MESSAGE'
>

let ready: Promise<Sodium> | undefined

/** Resolve the initialised libsodium instance (memoised). */
export function loadSodium(): Promise<Sodium> {
  ready ??= import('libsodium-wrappers-sumo').then(async ({ default: sodium }) => {
    await sodium.ready
    return sodium
  })
  return ready
}
