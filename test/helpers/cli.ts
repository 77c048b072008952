/**
 * Runs the real CLI (`node --import tsx src/cli.ts …`) against a test runtime's database.
 */
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
// Resolved here so that the CLI can run from any working directory.
const TSX = import.meta.resolve('tsx')

export async function cli(
  args: string[],
  opts: { dir?: string; cwd?: string; env?: Record<string, string> } = {},
): Promise<{ code: number; out: string }> {
  try {
    const env: Record<string, string | undefined> = {
      ...process.env,
      HOTLINE_ENV: 'development',
      ...(opts.dir ? { DATABASE_PATH: join(opts.dir, 'hotline.db') } : {}),
      ...opts.env,
    }
    // The runtime's generated keys (server.env beside the database) must win over the caller's.
    for (const k of ['DATA_KEY', 'CUSTODIAN_PUBLIC_KEY', 'TWILIO_ACCOUNT_SID']) {
      if (!opts.env?.[k]) delete env[k]
    }
    const r = await run(process.execPath, ['--import', TSX, join(import.meta.dirname, '../../src/cli.ts'), ...args], {
      cwd: opts.cwd ?? join(import.meta.dirname, '../..'),
      env,
    })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}
