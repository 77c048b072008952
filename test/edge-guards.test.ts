/**
 * @module test/edge-guards
 * Cheap static checks for what breaks the Workers build at run time, not at compile time:
 * libsodium-wrappers initialises libsodium (drawing random bytes) when its module is evaluated,
 * which Workers refuse at global scope. Only src/privacy/sodium.ts may load it, by a dynamic
 * import (lazy in the wrangler bundle); shared code imports its type only.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../src/', import.meta.url))
/** Files that never reach the Worker bundle. */
const NODE_ONLY = /^(node\.ts|node\/|cli\.ts|store\/sqlite\.ts|generated\/)/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return /\.(ts|tsx|mjs)$/.test(e.name) ? [p] : []
  })
}

const shared = sources(src)
  .map((p) => ({ rel: relative(src, p).replaceAll('\\', '/'), text: readFileSync(p, 'utf8') }))
  .filter((f) => !NODE_ONLY.test(f.rel))

describe('Workers build guards', () => {
  it('only privacy/sodium.ts loads libsodium, and lazily', () => {
    const valueImport =
      /^\s*import\s+(?!type\b)[^'";]*from\s+['"]libsodium(-wrappers)?(-sumo)?['"]/m
    const offenders = shared.filter((f) => valueImport.test(f.text)).map((f) => f.rel)
    expect(offenders).toEqual([])
    const sodium = shared.find((f) => f.rel === 'privacy/sodium.ts')
    expect(sodium?.text).toMatch(/import\(\s*['"]libsodium-wrappers-sumo['"]\s*\)/)
  })

  it('shared code uses the sumo build (the one aliased for Workers)', () => {
    const other = /['"]libsodium(-wrappers)?['"]/
    expect(shared.filter((f) => other.test(f.text)).map((f) => f.rel)).toEqual([])
  })
})
