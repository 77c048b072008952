/**
 * @module workers/modules
 * Module kinds that wrangler (and the Workers test pool) bundle as modules: `.wasm` files are
 * `CompiledWasm`, i.e. a precompiled `WebAssembly.Module`.
 */
declare module '*.wasm' {
  const module: WebAssembly.Module
  export default module
}

/** libsodium's Emscripten glue, written by `npm run build:wasm` (src/generated/, git-ignored). */
declare module '*/generated/libsodium-sumo.mjs' {
  /** The Emscripten factory: resolves to the initialised libsodium module. */
  const factory: (moduleArg?: Record<string, unknown>) => Promise<unknown>
  export default factory
}
