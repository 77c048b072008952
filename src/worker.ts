/**
 * @module worker
 * Workers entry point (wrangler.toml `main`): Workers + D1. Nothing runs at import beyond
 * building the Hono app; Deps (libsodium, keys) are built on the first request or cron event.
 */
import { createWorker, type Env } from './workers/entry.js'

export type { Env }

export default createWorker()
