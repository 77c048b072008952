/**
 * @module node/boot
 * Build the Node runtime: config (generating development secrets), the SQLite file with the
 * schema, and the Deps. Shared by the server entry, the CLI and tests.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getConnInfo } from '@hono/node-server/conninfo'
import { getCatalog } from '../catalog/index.js'
import { systemClock, type Clock } from '../clock.js'
import { parseConfig, type Config } from '../config.js'
import { buildDeps, type Deps, type Fetch } from '../deps.js'
import { jsonLogger, type Logger } from '../log.js'
import { loadSodium } from '../privacy/sodium.js'
import { applySchema, openSqlite, sqliteSql, type SqliteDb } from '../store/sqlite.js'
import { ensureDevSecrets } from './dev-secrets.js'

export const SCHEMA_PATH = fileURLToPath(new URL('../../schema.sql', import.meta.url))

export interface NodeRuntime {
  deps: Deps
  db: SqliteDb
  config: Config
  /** Set when development secrets were generated on this start (the data folder). */
  generatedSecretsIn: string | undefined
}

/** Parse the environment, open the database and build Deps. Throws ConfigError on bad config. */
export async function bootNode(
  env: Record<string, string | undefined>,
  opts: { log?: Logger; clock?: Clock; fetch?: Fetch } = {},
): Promise<NodeRuntime> {
  const sodium = await loadSodium()
  let vars = env
  let generatedSecretsIn: string | undefined
  if ((env.HOTLINE_ENV ?? 'development') === 'development') {
    const r = ensureDevSecrets(sodium, env)
    vars = r.vars
    generatedSecretsIn = r.created
  }
  const config = parseConfig(vars)
  const log = opts.log ?? jsonLogger((line) => process.stdout.write(line + '\n'))
  getCatalog() // a broken catalog file stops start-up, naming the file and the field
  if (config.databasePath !== ':memory:') mkdirSync(dirname(config.databasePath), { recursive: true })
  const db = openSqlite(config.databasePath)
  applySchema(db, readFileSync(SCHEMA_PATH, 'utf8'))
  if (config.env === 'production' && !vars.TRUST_PROXY_HEADER) {
    // Node listens on loopback: in production a proxy stands in front, and without its header
    // every visitor would share the proxy's rate limits.
    log.warn('trust_proxy_header_unset', { variable: 'TRUST_PROXY_HEADER' })
  }
  const deps = await buildDeps({
    sql: sqliteSql(db),
    config,
    clock: opts.clock ?? systemClock,
    log,
    fetch: opts.fetch,
    remoteAddress: (c) => {
      // Behind a reverse proxy every request comes from the proxy: trust its header instead.
      // The proxy appends the address it saw, so the last entry is the one a client cannot forge.
      const header = vars.TRUST_PROXY_HEADER?.trim().toLowerCase()
      if (header) return c.req.header(header)?.split(',').pop()?.trim() || undefined
      try {
        return getConnInfo(c).remote.address
      } catch {
        return undefined
      }
    },
  })
  return { deps, db, config, generatedSecretsIn }
}
