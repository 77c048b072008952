/**
 * @module cli/edge
 * `--edge`: run a CLI command against the local D1 of `npm run dev:edge` instead of the Node
 * SQLite file. Wrangler keeps that D1 as a SQLite file under
 * `.wrangler/state/v3/d1/miniflare-D1DatabaseObject/`, with the same migrations table
 * (`d1_migrations`) as ours, so the same code opens it; the keys are the ones the Worker uses,
 * from `.dev.vars`. Development only: a deployed D1 is changed with `wrangler d1 execute --remote`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const D1_DIR = join('.wrangler', 'state', 'v3', 'd1', 'miniflare-D1DatabaseObject')

/** KEY=value or KEY="value" lines. */
function parseDevVars(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*"?(.*?)"?\s*$/.exec(line)
    if (m) out[m[1]!] = m[2]!
  }
  return out
}

/** The local D1's SQLite file under `root`: the newest when wrangler made more than one. */
export function localD1File(root: string): string {
  const dir = resolve(root, D1_DIR)
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
        .map((f) => join(dir, f))
    : []
  if (files.length === 0) {
    throw new Error(
      `no local D1 in ${dir}: run \`npm run dev:edge\` once (or \`npx wrangler d1 migrations apply DB --local\`)`,
    )
  }
  return files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!
}

/**
 * The environment for a command against the local D1: DATABASE_PATH on wrangler's file, and the
 * Worker's development keys from `.dev.vars` (without them nothing the Worker encrypted opens).
 */
export function edgeEnv(root: string, env: Record<string, string | undefined>): Record<string, string | undefined> {
  if ((env.HOTLINE_ENV ?? 'development') !== 'development') throw new Error('--edge is for development only')
  const devVars = resolve(root, '.dev.vars')
  if (!existsSync(devVars)) throw new Error(`no ${devVars}: run \`npm run dev:edge\` once, it writes it`)
  const vars = parseDevVars(readFileSync(devVars, 'utf8'))
  for (const k of ['DATA_KEY', 'CUSTODIAN_PUBLIC_KEY']) {
    if (!vars[k]) throw new Error(`${devVars} has no ${k}`)
  }
  return {
    ...env,
    DATA_KEY: vars.DATA_KEY,
    CUSTODIAN_PUBLIC_KEY: vars.CUSTODIAN_PUBLIC_KEY,
    DATABASE_PATH: localD1File(root),
  }
}
