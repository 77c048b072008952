/**
 * Test runtime: the real Node stack (SQLite file in a temp folder, generated development keys,
 * real libsodium) with a movable clock and a captured log.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createApp } from '../../src/app.js'
import type { Fetch } from '../../src/deps.js'
import { jsonLogger } from '../../src/log.js'
import { bootNode, type NodeRuntime } from '../../src/node/boot.js'
import { loadSodium, type Sodium } from '../../src/privacy/sodium.js'

export interface TestClock {
  t: number
  now(): number
  advance(ms: number): void
}

export function testClock(start = Date.UTC(2026, 10, 25, 12)): TestClock {
  return {
    t: start,
    now() {
      return this.t
    },
    advance(ms) {
      this.t += ms
    },
  }
}

export interface TestRuntime extends NodeRuntime {
  dir: string
  app: ReturnType<typeof createApp>
  clock: TestClock
  logs: string[]
  /** libsodium, for the custodian's offline steps (opening what was sealed); not part of Deps. */
  sodium: Sodium
  /** Every file the server wrote, concatenated (database, WAL, keys excluded), plus the log. */
  writtenBytes(): Buffer
  close(): void
}

export async function makeRuntime(
  opts: { env?: Record<string, string>; fetch?: Fetch; remoteAddress?: string } = {},
): Promise<TestRuntime> {
  const dir = mkdtempSync(join(tmpdir(), 'hotline-test-'))
  const logs: string[] = []
  const clock = testClock()
  const rt = await bootNode(
    { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db'), ...opts.env },
    { log: jsonLogger((l) => logs.push(l)), clock, fetch: opts.fetch },
  )
  if (opts.remoteAddress) rt.deps.remoteAddress = () => opts.remoteAddress
  const app = createApp(() => rt.deps)
  return {
    ...rt,
    dir,
    app,
    clock,
    logs,
    sodium: await loadSodium(),
    writtenBytes() {
      rt.db.pragma('wal_checkpoint(PASSIVE)')
      const parts = readdirSync(dir)
        .filter((f) => f.startsWith('hotline.db'))
        .map((f) => readFileSync(join(dir, f)))
      return Buffer.concat([...parts, Buffer.from(logs.join('\n'))])
    },
    close() {
      rt.db.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** POST JSON through the app. */
export function postJson(rt: TestRuntime, path: string, body: unknown, headers: Record<string, string> = {}) {
  return rt.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

/** The custodian's private key generated for this runtime. */
export function custodianKey(rt: TestRuntime): string {
  return readFileSync(join(rt.dir, 'custodian.key'), 'utf8').trim()
}
