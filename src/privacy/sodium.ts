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

let ready: Promise<Sodium> | undefined

/** Resolve the initialised libsodium instance (memoised). */
export function loadSodium(): Promise<Sodium> {
  ready ??= import('libsodium-wrappers-sumo').then(async ({ default: sodium }) => {
    await sodium.ready
    return sodium
  })
  return ready
}
