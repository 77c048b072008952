/**
 * @module test/workers/escalation.d1.test
 * The escalation store contract against real local D1, inside workerd.
 */
import { env } from 'cloudflare:workers'
import { d1Sql } from '../../src/store/d1.js'
import { runEscalationStoreContract } from '../escalation-store-contract.js'

runEscalationStoreContract('D1 in workerd', async () => d1Sql(env.DB))
