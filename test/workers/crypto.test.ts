/**
 * @module test/workers/crypto.test
 * The crypto contract inside workerd, where libsodium runs from the precompiled wasm module.
 */
import { describe, expect, it, vi } from 'vitest'
import { loadSodium } from '../../src/privacy/sodium.js'
import { runCryptoContract } from '../crypto-contract.js'

runCryptoContract('workerd')

describe('libsodium randomness in workerd', () => {
  it('is drawn in batches, not 4 bytes per getRandomValues call', async () => {
    const sodium = await loadSodium()
    const spy = vi.spyOn(crypto, 'getRandomValues')
    try {
      // Unpooled, libsodium's randombytes_buf asks the host once per byte (4,096 calls here,
      // measured); pooled (1,024 values a call), a handful.
      const bytes = sodium.randombytes_buf(4096)
      expect(bytes.length).toBe(4096)
      expect(spy.mock.calls.length).toBeLessThanOrEqual(8)
    } finally {
      spy.mockRestore()
    }
  })
})
