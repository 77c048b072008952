/**
 * @module test/workers/crypto.test
 * The crypto contract inside workerd, where libsodium runs from the precompiled wasm module.
 */
import { runCryptoContract } from '../crypto-contract.js'

runCryptoContract('workerd')
