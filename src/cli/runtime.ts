/**
 * @module cli/runtime
 * Every CLI command runs against the same runtime as the server (config, SQLite file, Deps),
 * quietly, and closes the database when done.
 */
import { bootNode, type NodeRuntime } from '../node/boot.js'

const quietLog = { info() {}, warn() {}, error() {} }

/** Boot the Node runtime from the environment, run `fn`, close the database. */
export async function withRuntime<T>(fn: (rt: NodeRuntime) => Promise<T>): Promise<T> {
  const rt = await bootNode(process.env, { log: quietLog })
  try {
    return await fn(rt)
  } finally {
    rt.db.close()
  }
}
