/**
 * @module test/crypto.test
 * The crypto contract on Node (the same body runs inside workerd: test/workers/crypto.test.ts).
 */
import { runCryptoContract } from './crypto-contract.js'

runCryptoContract('node')
