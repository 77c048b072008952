/**
 * @module workers/entry
 * The Workers handlers (D1), as a factory so that tests can build one with their own `env`.
 * Deps are built once per handler object (so once per isolate), lazily, on the first request or
 * scheduled event: Workers forbid random numbers and WebAssembly set-up at module top level.
 */
import type { Context } from 'hono'
import { createApp } from '../app.js'
import { systemClock } from '../clock.js'
import { ConfigError, parseConfig } from '../config.js'
import { buildDeps, type Deps } from '../deps.js'
import { workerMailer } from './mailer.js'
import { jobHandlers } from '../jobs/handlers.js'
import { jsonLogger } from '../log.js'
import { didWork, maintenanceSummary, runMaintenance } from '../maintenance.js'
import { d1Sql } from '../store/d1.js'
import { blobR2 } from './blob-r2.js'

/**
 * Cases purged at most per Cron run (every five minutes: up to ~2.9 million a day). A Cron
 * invocation has a CPU limit; the rest of a backlog waits for the next run.
 */
export const CRON_PURGE_CASES = 10_000

/** Bindings and variables from wrangler.toml, `.dev.vars` and `wrangler secret put`. */
export interface Env {
  DB: D1Database
  /** Evidence files, encrypted (docs/evidence.md). */
  EVIDENCE?: R2Bucket
  HOTLINE_ENV?: string
  PUBLIC_BASE_URL?: string
  TWILIO_AUTH_TOKEN?: string
  TWILIO_ACCOUNT_SID?: string
  CUSTODIAN_PUBLIC_KEY?: string
  DATA_KEY?: string
}

/** The string variables of `env`; bindings such as DB are left out. */
function vars(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') out[k] = v
  return out
}

/** The misconfigured variables' names (never their values). */
const variablesOf = (err: ConfigError) => err.problems.map((p) => p.variable)

/** Log which variables are misconfigured, never their values. */
function logConfigError(err: ConfigError): void {
  console.error(JSON.stringify({ level: 'error', event: 'config_error', variables: variablesOf(err) }))
}

/** A plain 500 naming every misconfigured variable. */
function configErrorResponse(err: ConfigError): Response {
  logConfigError(err)
  const names = variablesOf(err).join(', ')
  return new Response(`hotline: configuration error: missing or invalid: ${names}\n`, {
    status: 500,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  })
}

/** The `fetch` and `scheduled` handlers, sharing Deps built lazily from the first `env`. */
export function createWorker() {
  let deps: Promise<Deps> | undefined
  const depsFor = (env: Env): Promise<Deps> => {
    deps ??= (async () => {
      const config = parseConfig(vars(env))
      return buildDeps({
        sql: d1Sql(env.DB),
        config,
        clock: systemClock,
        log: jsonLogger((line) => console.log(line)),
        remoteAddress: (c: Context) => c.req.header('cf-connecting-ip'),
        ...(env.EVIDENCE ? { blobs: blobR2(env.EVIDENCE) } : {}),
        // Staff notifications over cloudflare:sockets (off without SMTP_URL).
        ...(config.smtp ? { mailer: workerMailer(config.smtp) } : {}),
      })
    })()
    // A failed build (bad config) is retried on the next event rather than cached.
    deps.catch(() => (deps = undefined))
    return deps
  }
  const app = createApp((c) => depsFor(c.env as Env))

  return {
    async fetch(request, env, ctx) {
      try {
        await depsFor(env)
      } catch (err) {
        if (err instanceof ConfigError) return configErrorResponse(err)
        throw err
      }
      return app.fetch(request, env, ctx)
    },

    /** Cron trigger (wrangler.toml): retention purge and retried jobs. */
    async scheduled(_controller, env) {
      let d: Deps
      try {
        d = await depsFor(env)
      } catch (err) {
        if (err instanceof ConfigError) logConfigError(err)
        throw err
      }
      try {
        const run = await runMaintenance(d, jobHandlers, { maxCases: CRON_PURGE_CASES })
        if (didWork(run)) d.log.info('maintenance', maintenanceSummary(run))
      } catch (err) {
        d.log.error('maintenance_failed', { name: (err as Error)?.name ?? 'Error' })
        throw err
      }
    },
  } satisfies ExportedHandler<Env>
}
