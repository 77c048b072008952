/**
 * The batched randomness handed to libsodium's WebAssembly build on Workers
 * (privacy/random-pool): unsigned 32-bit values, one getRandomValues call per POOL_WORDS values,
 * never the same pool twice.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import { POOL_WORDS, pooledRandomValue } from '../src/privacy/random-pool.js'

afterEach(() => vi.restoreAllMocks())

describe('pooledRandomValue', () => {
  it('gives unsigned 32-bit values, drawing from the host once per pool', () => {
    const spy = vi.spyOn(crypto, 'getRandomValues')
    const n = POOL_WORDS * 3
    const values = Array.from({ length: n }, () => pooledRandomValue())
    for (const v of values) {
      expect(Number.isInteger(v) && v >= 0 && v <= 0xffffffff).toBe(true)
    }
    // At most one draw per pool's worth (the first may come from a pool already started).
    expect(spy.mock.calls.length).toBeGreaterThanOrEqual(2)
    expect(spy.mock.calls.length).toBeLessThanOrEqual(4)
    // Random: practically no repeats among 3,072 values of 32 bits, and both halves of the range.
    expect(new Set(values).size).toBeGreaterThan(n - 3)
    expect(values.some((v) => v >= 0x80000000)).toBe(true)
    expect(values.some((v) => v < 0x80000000)).toBe(true)
  })
})
