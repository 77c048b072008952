/**
 * Prints seal, open, AEAD, blind-index, receipt and token operations per second on this machine,
 * for both builds the server can run: native libsodium (sodium-native, Node's default) and the
 * WebAssembly build (libsodium-wrappers-sumo, as on Workers), in the same run. `npm run bench:crypto`.
 */
import { loadNativeSodium } from '../src/node/sodium-native.js'
import { createCrypto, generateKeys, openIdentity } from '../src/privacy/crypto.js'
import { loadSodium, type SodiumApi } from '../src/privacy/sodium.js'

const wasm = await loadSodium()
const keys = generateKeys(wasm)
const builds: [string, SodiumApi][] = [['WebAssembly', wasm]]
const native = loadNativeSodium()
if (native) builds.unshift(['native', native])
const identity = { name: 'María Pérez', phone: '+52 477 555 0199', email: 'maria@example.org' }
const text = 'Nos despidieron por apoyar al sindicato independiente. '.repeat(10)

function rate(fn: () => unknown, ms = 1000, chunk = 100): number {
  for (let i = 0; i < 2 * chunk; i++) fn()
  let n = 0
  const start = performance.now()
  while (performance.now() - start < ms) {
    for (let i = 0; i < chunk; i++) fn()
    n += chunk
  }
  return (n / (performance.now() - start)) * 1000
}

const rows = new Map<string, number[]>()
for (const [, api] of builds) {
  const c = createCrypto(api, keys.dataKey, keys.custodianPublicKey)
  const box = c.encrypt(text)
  const add = (what: string, perSec: number) => rows.set(what, [...(rows.get(what) ?? []), perSec])
  add('seal identity (crypto_box_seal)', rate(() => c.sealIdentity(identity)))
  add(`AEAD encrypt ${text.length} B (XChaCha20)`, rate(() => c.encrypt(text)))
  add(`AEAD decrypt ${text.length} B (XChaCha20)`, rate(() => c.decrypt(box)))
  add('blind index (keyed BLAKE2b)', rate(() => c.blindIndex('sender', '+5214775550199')))
  add('receipt (16 digits, unbiased)', rate(() => c.newReceipt()))
  add('token (32 random bytes, base64url)', rate(() => c.randomToken()))
  add('argon2id hash (interactive)', rate(() => c.hashPassword('correct horse battery'), 2000, 1))
}
const sealed = createCrypto(wasm, keys.dataKey, keys.custodianPublicKey).sealIdentity(identity)
const opens = rate(() => openIdentity(wasm, sealed, keys.custodianPublicKey, keys.custodianPrivateKey))

const fmt = (n: number) => Math.round(n).toLocaleString('en-US')
console.log(`crypto benchmark, operations per second (node ${process.version}, one core)\n`)
console.log(`| operation | ${builds.map(([name]) => name).join(' | ')} |${builds.length > 1 ? ' native ÷ wasm |' : ''}`)
console.log(`|---|${builds.map(() => '---:|').join('')}${builds.length > 1 ? '---:|' : ''}`)
for (const [what, figures] of rows) {
  const ratio = figures.length > 1 ? ` ${(figures[0]! / figures[1]!).toFixed(1)}× |` : ''
  console.log(`| ${what} | ${figures.map(fmt).join(' | ')} |${ratio}`)
}
console.log(`| open identity (custodian, offline; WebAssembly) | ${fmt(opens)} |`)
