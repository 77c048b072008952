/**
 * @module privacy/sodium
 * Loads libsodium (the sumo build: it has argon2id). On Workers, wrangler and the Workers test
 * config alias `libsodium-sumo` to a loader that hands libsodium a precompiled WebAssembly module
 * (Workers forbid compiling WebAssembly from bytes). Call `loadSodium()` inside a request or
 * start-up path, never at module top level.
 */
import sodium from 'libsodium-wrappers-sumo'

export type Sodium = typeof sodium

let ready: Promise<Sodium> | undefined

/** Resolve the initialised libsodium instance (memoised). */
export function loadSodium(): Promise<Sodium> {
  ready ??= sodium.ready.then(() => sodium)
  return ready
}
