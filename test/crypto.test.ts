/**
 * @module test/crypto.test
 * The crypto contract on Node, on both builds the server can run: native libsodium (the default
 * on Node, node/sodium-native.ts) and the WebAssembly build (the same body runs inside workerd:
 * test/workers/crypto.test.ts). Then byte compatibility both ways: what one build sealed,
 * encrypted, hashed or tokenised, the other opens, decrypts, matches or reads.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadNativeSodium } from '../src/node/sodium-native.js'
import { createCrypto, openIdentity, type HotlineCrypto } from '../src/privacy/crypto.js'
import { loadSodium, type Sodium, type SodiumApi } from '../src/privacy/sodium.js'
import { runCryptoContract } from './crypto-contract.js'

const native = (): SodiumApi => {
  const api = loadNativeSodium()
  if (!api) throw new Error('sodium-native did not load: its prebuilt binary should ship in the npm package')
  return api
}

runCryptoContract('node, WebAssembly')
runCryptoContract('node, native', native)

describe('native ↔ WebAssembly byte compatibility', () => {
  let wasm: Sodium
  let a: HotlineCrypto
  let b: HotlineCrypto
  let custodian: { publicKey: Uint8Array; privateKey: Uint8Array }
  const dataKey = Uint8Array.from({ length: 32 }, (_, i) => 255 - i)

  beforeAll(async () => {
    wasm = await loadSodium()
    custodian = wasm.crypto_box_keypair()
    a = createCrypto(native(), dataKey, custodian.publicKey)
    b = createCrypto(wasm, dataKey, custodian.publicKey)
  })

  it('each decrypts what the other encrypted, with its AAD, text or bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 300 }), fc.string(), (text, raw, aad) => {
        expect(b.decryptText(a.encrypt(text, aad), aad)).toBe(text)
        expect(a.decryptText(b.encrypt(text, aad), aad)).toBe(text)
        expect(Array.from(b.decrypt(a.encrypt(raw)))).toEqual(Array.from(raw))
        expect(Array.from(a.decrypt(b.encrypt(raw)))).toEqual(Array.from(raw))
      }),
      { numRuns: 200 },
    )
  })

  it('keyed hashes (blind indexes, audit chain) are the same bytes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(a.blindIndex('sender', value)).toBe(b.blindIndex('sender', value))
        expect(a.hashReceipt(value)).toBe(b.hashReceipt(value))
        expect(a.auditHash(value)).toBe(b.auditHash(value))
      }),
      { numRuns: 200 },
    )
  })

  it('sealed identities and recordings open with the custodian key whichever build sealed them', () => {
    const identity = { name: 'Aya N’Guessan', phone: '+2250701020304', meta: { City: 'Soubré' } }
    expect(openIdentity(wasm, a.sealIdentity(identity), custodian.publicKey, custodian.privateKey)).toEqual(identity)
    const audio = Uint8Array.from({ length: 5000 }, (_, i) => i % 251)
    const opened = wasm.crypto_box_seal_open(a.sealToCustodian(audio), custodian.publicKey, custodian.privateKey)
    expect(Array.from(opened)).toEqual(Array.from(audio))
  })

  it('evidence files (secretstream in chunks) open on the other build; a cut or altered file fails on both', () => {
    const file = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256) // several chunks
    for (const [x, y] of [[a, b], [b, a]] as const) {
      const { blob, key } = x.encryptFile(file, 'evidence:1')
      expect(Array.from(y.decryptFile(blob, key, 'evidence:1')).slice(0, 64)).toEqual(Array.from(file).slice(0, 64))
      expect(y.decryptFile(blob, key, 'evidence:1')).toHaveLength(file.length)
      expect(() => y.decryptFile(blob.subarray(0, blob.length - 100), key, 'evidence:1')).toThrow()
      const altered = blob.slice()
      altered[1000]! ^= 1
      expect(() => y.decryptFile(altered, key, 'evidence:1')).toThrow()
      expect(() => y.decryptFile(blob, key, 'evidence:2')).toThrow()
      expect(x.fileHash(file)).toBe(y.fileHash(file))
    }
  })

  it('password hashes verify across builds; tokens read across builds; forged ones fail on both', () => {
    expect(b.verifyPassword(a.hashPassword('una contraseña larga'), 'una contraseña larga')).toBe(true)
    expect(a.verifyPassword(b.hashPassword('une phrase de passe'), 'une phrase de passe')).toBe(true)
    expect(a.verifyPassword(b.hashPassword('une phrase de passe'), 'autre chose')).toBe(false)
    expect(a.verifyPassword('$argon2id$' + 'x'.repeat(200), 'x')).toBe(false)
    const token = a.encryptToken('csrf:abc', 'form')
    expect(b.decryptToken(token, 'form')).toBe('csrf:abc')
    expect(a.decryptToken(b.encryptToken('csrf:abc', 'form'), 'form')).toBe('csrf:abc')
    for (const c of [a, b]) {
      expect(() => c.decryptToken(token.slice(0, -2) + 'AA', 'form')).toThrow()
      expect(() => c.decryptToken('not base64!', 'form')).toThrow()
      expect(c.equalHex('00ff', '00ff')).toBe(true)
      expect(c.equalHex('00ff', '00fe')).toBe(false)
    }
  })
})
