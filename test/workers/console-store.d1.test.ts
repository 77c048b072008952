/** The console's daily-work store contract against real local D1, inside workerd (issue 20). */
import { env } from 'cloudflare:workers'
import { d1Sql } from '../../src/store/d1.js'
import { runConsoleStoreContract } from '../console-store-contract.js'

runConsoleStoreContract('D1 in workerd', async () => d1Sql(env.DB))
