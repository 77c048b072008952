/**
 * @module privacy/random-pool
 * Random 32-bit values for libsodium's WebAssembly build (Workers). Its `randombytes_buf` asks
 * the host for a 32-bit value per byte it returns (`getRandomValue`), so a token, a nonce or a
 * sealed box's ephemeral key costs many `crypto.getRandomValues` calls; a CPU profile of intake
 * on the wasm build showed about 5% of samples there. This draws `POOL_WORDS` values per call instead and hands each out
 * once. Filled lazily on first use: Workers refuse randomness at global scope.
 */
export const POOL_WORDS = 1024

let pool: Uint32Array<ArrayBuffer> | undefined
let next = POOL_WORDS

/** One uniformly random unsigned 32-bit integer, from the pool (refilled when used up). */
export function pooledRandomValue(): number {
  if (next >= POOL_WORDS) {
    pool ??= new Uint32Array(POOL_WORDS)
    crypto.getRandomValues(pool)
    next = 0
  }
  const v = pool![next]!
  // Each value is handed out once: wipe it from the pool.
  pool![next++] = 0
  return v >>> 0
}
