// The few calls of sodium-native (which ships no types) that node/sodium-native.ts makes.
declare module 'sodium-native' {
  type Bytes = ArrayBufferView
  export const crypto_box_SEALBYTES: number
  export const crypto_aead_xchacha20poly1305_ietf_ABYTES: number
  export const crypto_aead_xchacha20poly1305_ietf_NPUBBYTES: number
  export const crypto_pwhash_STRBYTES: number
  export const crypto_pwhash_OPSLIMIT_INTERACTIVE: number
  export const crypto_pwhash_MEMLIMIT_INTERACTIVE: number
  export function randombytes_buf(buffer: Bytes): void
  export function crypto_box_seal(c: Bytes, m: Bytes, pk: Bytes): void
  export function crypto_aead_xchacha20poly1305_ietf_encrypt(c: Bytes, m: Bytes, ad: Bytes | null, nsec: null, npub: Bytes, k: Bytes): number
  export function crypto_aead_xchacha20poly1305_ietf_decrypt(m: Bytes, nsec: null, c: Bytes, ad: Bytes | null, npub: Bytes, k: Bytes): number
  export function crypto_generichash(output: Bytes, input: Bytes, key?: Bytes): void
  export function crypto_kdf_derive_from_key(subkey: Bytes, subkeyId: number, ctx: Bytes, key: Bytes): void
  export function crypto_pwhash_str(out: Bytes, passwd: Bytes, opslimit: number, memlimit: number): void
  export function crypto_pwhash_str_verify(str: Bytes, passwd: Bytes): boolean
  export function sodium_memcmp(a: Bytes, b: Bytes): boolean
  export const crypto_secretstream_xchacha20poly1305_ABYTES: number
  export const crypto_secretstream_xchacha20poly1305_HEADERBYTES: number
  export const crypto_secretstream_xchacha20poly1305_KEYBYTES: number
  export const crypto_secretstream_xchacha20poly1305_STATEBYTES: number
  export const crypto_secretstream_xchacha20poly1305_TAG_FINAL: number
  export const crypto_secretstream_xchacha20poly1305_TAG_MESSAGE: number
  export function crypto_secretstream_xchacha20poly1305_keygen(k: Bytes): void
  export function crypto_secretstream_xchacha20poly1305_init_push(state: Bytes, header: Bytes, k: Bytes): void
  export function crypto_secretstream_xchacha20poly1305_push(state: Bytes, c: Bytes, m: Bytes, ad: Bytes | null, tag: number): number
  export function crypto_secretstream_xchacha20poly1305_init_pull(state: Bytes, header: Bytes, k: Bytes): void
  export function crypto_secretstream_xchacha20poly1305_pull(state: Bytes, m: Bytes, tag: Bytes, c: Bytes, ad: Bytes | null): number
}
