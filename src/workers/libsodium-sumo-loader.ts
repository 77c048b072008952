/**
 * @module workers/libsodium-sumo-loader
 * Stands in for the `libsodium-sumo` package inside workerd (aliased in wrangler.toml and in
 * vitest.workers.config.ts). Workers forbid compiling WebAssembly from bytes, so the module that
 * libsodium embeds is extracted at build time (`npm run build:wasm`), imported here as a
 * precompiled `WebAssembly.Module`, and handed to Emscripten through its `instantiateWasm` hook.
 * The glue is libsodium's own, minus the embedded base64 (src/generated/, git-ignored).
 * Nothing runs at import: libsodium-wrappers calls the factory, and the hotline awaits
 * `loadSodium()` inside a request or a scheduled event.
 */
import factory from '../generated/libsodium-sumo.mjs'
import wasm from '../generated/libsodium-sumo.wasm'
import { pooledRandomValue } from '../privacy/random-pool.js'

type Receive = (instance: WebAssembly.Instance, module: WebAssembly.Module) => void

/**
 * The libsodium-sumo Emscripten factory, same signature as the package's default export, with
 * the precompiled module injected and randomness drawn from a batched pool. Other options passed
 * by the caller are kept.
 */
export default function libsodiumSumo(moduleArg: Record<string, unknown> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    factory({
      ...moduleArg,
      // Randomness in batches rather than 4 bytes per getRandomValues call (privacy/random-pool).
      getRandomValue: pooledRandomValue,
      instantiateWasm(imports: WebAssembly.Imports, receive: Receive) {
        WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm), reject)
        return {}
      },
    }).then(resolve, reject)
  })
}
