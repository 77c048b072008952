/**
 * @module node/boot
 * Build the Node runtime: config (generating development secrets), the SQLite file with the
 * schema, and the Deps. Shared by the server entry, the CLI and tests.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { getConnInfo } from '@hono/node-server/conninfo'
import { getCatalog } from '../catalog/index.js'
import { systemClock, type Clock } from '../clock.js'
import { parseConfig, type Config } from '../config.js'
import { buildDeps, type Deps, type Fetch } from '../deps.js'
import { jsonLogger, type Logger } from '../log.js'
import { loadSodium } from '../privacy/sodium.js'
import { loadNativeSodium } from './sodium-native.js'
import { openSqlite, sqliteSql, type SqliteDb } from '../store/sqlite.js'
import { applyMigrations, readMigrations } from '../store/sqlite-migrate.js'
import { blobFolder } from './blob-folder.js'
import { ensureDevSecrets } from './dev-secrets.js'
import { nodeMailer } from './mailer.js'

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url))

export interface NodeRuntime {
  deps: Deps
  db: SqliteDb
  config: Config
  /** Set when development secrets were generated on this start (the data folder). */
  generatedSecretsIn: string | undefined
}

/**
 * Open the SQLite file owner-only: the folder 0700, the database and its -wal/-shm 0600 (SQLite
 * gives its side files the database file's mode, so the file is made 0600 before SQLite opens it).
 */
export function openDatabaseFile(path: string): SqliteDb {
  if (path === ':memory:') return openSqlite(path)
  const dir = dirname(path)
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 })
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600))
  for (const f of [path, `${path}-wal`, `${path}-shm`]) if (existsSync(f)) chmodSync(f, 0o600)
  const db = openSqlite(path)
  db.pragma('journal_mode') // creates -wal/-shm now, with the database's mode
  return db
}

/** Parse the environment, open the database and build Deps. Throws ConfigError on bad config. */
export async function bootNode(
  env: Record<string, string | undefined>,
  opts: { log?: Logger; clock?: Clock; fetch?: Fetch; /** 'wasm' to compare with the default native build. */ crypto?: 'native' | 'wasm' } = {},
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
  const db = openDatabaseFile(config.databasePath)
  applyMigrations(db, readMigrations(MIGRATIONS_DIR))
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
    // Native libsodium where its prebuilt binary loads (node/sodium-native.ts), else WebAssembly.
    sodium: opts.crypto === 'wasm' ? sodium : (loadNativeSodium() ?? sodium),
    // Evidence files beside the database (0700 folder, 0600 files); none for an in-memory database.
    // Staff notifications through the deployment's SMTP server (off without SMTP_URL).
    ...(config.smtp ? { mailer: nodeMailer(config.smtp) } : {}),
    ...(config.databasePath === ':memory:' ? {} : { blobs: blobFolder(join(dirname(config.databasePath), 'evidence')) }),
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
