/**
 * @module test/workers/env
 * The bindings the Workers tests see (wrangler.toml's, plus the migrations read by the config),
 * and the main module, which types `exports.default` from `cloudflare:workers`.
 */
import type { D1Migration } from 'cloudflare:test'
import type { Env as HotlineEnv } from '../../src/worker.js'

declare global {
  namespace Cloudflare {
    interface Env extends HotlineEnv {
      TEST_MIGRATIONS: D1Migration[]
      /** The loopback SMTP server of vitest.workers.config.ts, and what it received. */
      TEST_SMTP_URL: string
      SMTP_INBOX: Fetcher
    }
    interface GlobalProps {
      mainModule: typeof import('../../src/worker.js')
    }
  }
}
