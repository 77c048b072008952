/**
 * Prints seal, open, AEAD and blind-index operations per second on this machine
 * (libsodium-wrappers-sumo, WebAssembly). `npm run bench:crypto`.
 */
import { createCrypto, generateKeys, openIdentity } from '../src/privacy/crypto.js'
import { loadSodium } from '../src/privacy/sodium.js'

const sodium = await loadSodium()
const keys = generateKeys(sodium)
const c = createCrypto(sodium, keys.dataKey, keys.custodianPublicKey)
const identity = { name: 'María Pérez', phone: '+52 477 555 0199', email: 'maria@example.org' }
const sealed = c.sealIdentity(identity)
const text = 'Nos despidieron por apoyar al sindicato independiente. '.repeat(10)
const box = c.encrypt(text)

function rate(name: string, fn: () => unknown, ms = 1500, chunk = 100) {
  for (let i = 0; i < 2 * chunk; i++) fn()
  let n = 0
  const start = performance.now()
  while (performance.now() - start < ms) {
    for (let i = 0; i < chunk; i++) fn()
    n += chunk
  }
  const perSec = (n / (performance.now() - start)) * 1000
  console.log(`${name.padEnd(34)} ${Math.round(perSec).toLocaleString('en-US').padStart(12)} ops/s`)
}

console.log(`crypto benchmark (node ${process.version}, libsodium-wrappers-sumo)`)
rate('seal identity (crypto_box_seal)', () => c.sealIdentity(identity))
rate('open identity (crypto_box_seal_open)', () =>
  openIdentity(sodium, sealed, keys.custodianPublicKey, keys.custodianPrivateKey),
)
rate(`AEAD encrypt ${text.length} B (XChaCha20)`, () => c.encrypt(text))
rate(`AEAD decrypt ${text.length} B (XChaCha20)`, () => c.decrypt(box))
rate('blind index (keyed BLAKE2b)', () => c.blindIndex('sender', '+5214775550199'))
rate('receipt (16 digits, unbiased)', () => c.newReceipt())
rate('argon2id hash (interactive)', () => c.hashPassword('correct horse battery'), 3000, 1)
