/**
 * @module test/workers/store.d1.test
 * The store contract against real local D1, inside workerd (same body as the SQLite file test).
 */
import { env } from 'cloudflare:workers'
import { d1Sql } from '../../src/store/d1.js'
import { runStoreContract } from '../store-contract.js'

runStoreContract('D1 in workerd', async () => d1Sql(env.DB))
