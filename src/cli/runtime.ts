/**
 * @module cli/runtime
 * Every CLI command runs against the same runtime as the server (config, SQLite file, Deps),
 * quietly, and closes the database when done.
 */
import { join } from 'node:path'
import { bootNode, type NodeRuntime } from '../node/boot.js'
import { edgeEnv } from './edge.js'

const quietLog = { info() {}, warn() {}, error() {} }

/** Set by `--edge` (src/cli.ts): commands run against the local D1 of `npm run dev:edge`. */
export const cliTarget = { edge: false }

/**
 * Where development files that belong to the install (the demo password) are kept: beside the
 * database, or in ./data for the local D1 (whose file lives in wrangler's state folder).
 */
export const installDatabasePath = (rt: NodeRuntime) =>
  cliTarget.edge ? join(process.cwd(), 'data', 'hotline.db') : rt.config.databasePath

/** Boot the Node runtime from the environment, run `fn`, close the database. */
export async function withRuntime<T>(fn: (rt: NodeRuntime) => Promise<T>): Promise<T> {
  const env = cliTarget.edge ? edgeEnv(process.cwd(), process.env) : process.env
  const rt = await bootNode(env, { log: quietLog })
  try {
    return await fn(rt)
  } finally {
    rt.db.close()
  }
}
