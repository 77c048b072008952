/**
 * @module test/workers/apply-migrations
 * Setup file: apply migrations/ to the local D1 before the tests (safe to repeat).
 */
import { applyD1Migrations } from 'cloudflare:test'
import { env } from 'cloudflare:workers'

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS)
