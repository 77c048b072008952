/**
 * @module test/crypto-contract
 * One body of crypto assertions, run on Node (test/crypto.test.ts) and inside workerd
 * (test/workers/crypto.test.ts), where `libsodium-sumo` is the precompiled-wasm loader. Fixed
 * vectors, produced once on Node, prove that both runtimes read each other's data.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import {
  createCrypto,
  formatReceipt,
  generateKeys,
  openIdentity,
  type HotlineCrypto,
} from '../src/privacy/crypto.js'
import { loadSodium, type Sodium, type SodiumApi } from '../src/privacy/sodium.js'

/** DATA_KEY = bytes 0..31; custodian key pair from the seed 32 × 0x07. */
const DATA_KEY = Uint8Array.from({ length: 32 }, (_, i) => i)
const CUSTODIAN_SEED = new Uint8Array(32).fill(7)

const VECTORS = {
  custodianPublicKey: '761d88ec830413919dfe9d4d1d56f17e653c8c994082df5b137b90a0ae6edf74',
  receiptIndex: 'f9064e4122f7f7150c8b8060b94aefc232fa1f68c3089706dc69cde3c3893058',
  senderIndex: '47bce6bfbc8e83316d188bea5aa7332af14cf7cb7d2f40706fdc178e7ed01965',
  /** encrypt('hola, mundo — ñ', 'case:1') */
  ciphertext:
    '01d6ceca6e861f82c68483b0217b9c0b900ac594f582b6b9e872f397c7b872e1f04d751612b3cb19bbe8f43bea2e' +
    '5b4bae49ee052367d6e969a42c',
  /** sealIdentity({ name: 'Ana', phone: '+525512345678' }) */
  sealed:
    'd1a38c923ee091410dc4ce29abc3027fbc5cea5bd95f8844ff7976a8c38b5731cc65c8c85d680de65d1f97b041e7' +
    '834a9610b4f660061bd2699c00477e38ee3f33e087d68dc00fddc8cad731831f87eb1ed6149529d6',
  /** hashPassword('correct horse battery staple') */
  passwordHash:
    '$argon2id$v=19$m=65536,t=2,p=1$fp2cC/pQMhiv6PK1ANtlcA$' +
    '6495dqxCIvr2AyOa5n3OrI2EOZ6lDxakxRk4lssssCM',
}

/**
 * Register the crypto contract for one runtime (`runtime` only names the suite). The server's
 * crypto runs on `api` (native libsodium on Node, node/sodium-native.ts) or, by default, on the
 * WebAssembly build; the custodian's offline steps (opening) always use the WebAssembly build, so
 * every box sealed here is opened by the other build, and the fixed vectors tie both to Node's.
 */
export function runCryptoContract(runtime: string, api?: () => SodiumApi): void {
  describe(`crypto contract (${runtime})`, () => {
    let sodium: Sodium
    let server: SodiumApi
    let custodian: { publicKey: Uint8Array; privateKey: Uint8Array }
    let crypto: HotlineCrypto

    beforeAll(async () => {
      sodium = await loadSodium()
      server = api?.() ?? sodium
      custodian = sodium.crypto_box_seed_keypair(CUSTODIAN_SEED)
      crypto = createCrypto(server, DATA_KEY, custodian.publicKey)
    })

    it('derives the same custodian key pair as Node', () => {
      expect(sodium.to_hex(custodian.publicKey)).toBe(VECTORS.custodianPublicKey)
    })

    it('seals identities: only the custodian key opens them', () => {
      const identity = { name: 'María López', phone: '+5215512345678', meta: { City: 'León' } }
      const sealed = crypto.sealIdentity(identity)
      expect(sealed).toBeInstanceOf(Uint8Array)
      expect(new TextDecoder().decode(sealed)).not.toContain('María')
      expect(openIdentity(sodium, sealed, custodian.publicKey, custodian.privateKey)).toEqual(
        identity,
      )
      const other = sodium.crypto_box_keypair()
      expect(() => openIdentity(sodium, sealed, other.publicKey, other.privateKey)).toThrow()
      // The server's own keys (DATA_KEY) are no help either.
      expect(() => crypto.decrypt(sealed)).toThrow()
    })

    it('opens a box sealed on Node', () => {
      const sealed = sodium.from_hex(VECTORS.sealed)
      expect(openIdentity(sodium, sealed, custodian.publicKey, custodian.privateKey)).toEqual({
        name: 'Ana',
        phone: '+525512345678',
      })
    })

    it('encrypts with AEAD: round trip, fresh nonce, version byte', () => {
      const a = crypto.encrypt('el supervisor nos amenazó', 'case:7')
      const b = crypto.encrypt('el supervisor nos amenazó', 'case:7')
      expect(a[0]).toBe(1)
      expect(sodium.to_hex(a)).not.toBe(sodium.to_hex(b))
      expect(crypto.decryptText(a, 'case:7')).toBe('el supervisor nos amenazó')
      const bytes = Uint8Array.from([0, 1, 2, 250, 255])
      expect(Array.from(crypto.decrypt(crypto.encrypt(bytes)))).toEqual([0, 1, 2, 250, 255])
    })

    it('detects tampering, a wrong AAD and a wrong key', () => {
      const blob = crypto.encrypt('texto original', 'case:1')
      const flipped = blob.slice()
      flipped[flipped.length - 1]! ^= 1
      expect(() => crypto.decrypt(flipped, 'case:1')).toThrow()
      expect(() => crypto.decrypt(blob, 'case:2')).toThrow()
      expect(() => crypto.decrypt(blob)).toThrow()
      const otherKey = createCrypto(server, new Uint8Array(32).fill(9), custodian.publicKey)
      expect(() => otherKey.decrypt(blob, 'case:1')).toThrow()
      const unknownVersion = blob.slice()
      unknownVersion[0] = 99
      expect(() => crypto.decrypt(unknownVersion, 'case:1')).toThrow(/version/)
    })

    it('decrypts a ciphertext made on Node', () => {
      expect(crypto.decryptText(sodium.from_hex(VECTORS.ciphertext), 'case:1')).toBe(
        'hola, mundo — ñ',
      )
    })

    it('blind indexes are deterministic per key and per purpose', () => {
      expect(crypto.blindIndex('receipt', '1234567812345678')).toBe(VECTORS.receiptIndex)
      expect(crypto.blindIndex('sender', '+525512345678')).toBe(VECTORS.senderIndex)
      expect(crypto.blindIndex('sender', '+525512345678')).toBe(VECTORS.senderIndex)
      expect(crypto.blindIndex('ratelimit', '+525512345678')).not.toBe(VECTORS.senderIndex)
      const otherKey = createCrypto(server, new Uint8Array(32).fill(9), custodian.publicKey)
      expect(otherKey.blindIndex('sender', '+525512345678')).not.toBe(VECTORS.senderIndex)
      expect(crypto.blindIndex('employer', 'x')).toMatch(/^[0-9a-f]{64}$/)
    })

    it('receipts are 16 digits, distinct, hashed whatever the spacing', () => {
      const seen = new Set<string>()
      for (let i = 0; i < 200; i++) {
        const r = crypto.newReceipt()
        expect(r).toMatch(/^\d{16}$/)
        seen.add(r)
      }
      expect(seen.size).toBe(200)
      expect(crypto.hashReceipt('1234 5678-1234.5678')).toBe(VECTORS.receiptIndex)
      expect(formatReceipt('1234567812345678')).toBe('1234 5678 1234 5678')
      expect(crypto.randomDigits(50)).toMatch(/^\d{50}$/)
      expect(crypto.randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(crypto.randomBytes(24)).toHaveLength(24)
    })

    it('generates keys of the documented sizes', () => {
      const k = generateKeys(sodium)
      expect(k.dataKey).toHaveLength(32)
      expect(k.custodianPublicKey).toHaveLength(32)
      expect(k.custodianPrivateKey).toHaveLength(32)
    })

    it('hashes passwords with argon2id and verifies them', () => {
      const hash = crypto.hashPassword('una contraseña larga y buena')
      expect(hash.startsWith('$argon2id$')).toBe(true)
      expect(crypto.verifyPassword(hash, 'una contraseña larga y buena')).toBe(true)
      expect(crypto.verifyPassword(hash, 'una contraseña larga y mala')).toBe(false)
      expect(crypto.verifyPassword('not a hash', 'x')).toBe(false)
      expect(crypto.verifyPassword(VECTORS.passwordHash, 'correct horse battery staple')).toBe(true)
    })
  })
}
