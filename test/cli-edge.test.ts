/**
 * Issue 20, defect 11: demo staff on `dev:edge`. `seed demo --edge` and the staff CLI work on the
 * local D1 that wrangler keeps for `npm run dev:edge` (a real `wrangler d1 migrations apply
 * --local` here), with the Worker's keys from .dev.vars; wrangler's own `d1 execute --local`
 * then reads the accounts, so the Worker signs them in.
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { encodeBase64 } from '../src/config.js'
import { generateKeys } from '../src/privacy/crypto.js'
import { loadSodium } from '../src/privacy/sodium.js'
import { cli } from './helpers/cli.js'

const run = promisify(execFile)
const root = join(import.meta.dirname, '..')
const wrangler = join(root, 'node_modules', 'wrangler', 'bin', 'wrangler.js')
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' }
let dir: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hotline-edge-'))
  copyFileSync(join(root, 'wrangler.toml'), join(dir, 'wrangler.toml'))
  symlinkSync(join(root, 'migrations'), join(dir, 'migrations'))
  const k = generateKeys(await loadSodium())
  writeFileSync(
    join(dir, '.dev.vars'),
    `DATA_KEY="${encodeBase64(k.dataKey)}"\nCUSTODIAN_PUBLIC_KEY="${encodeBase64(k.custodianPublicKey)}"\n`,
  )
  await run(process.execPath, [wrangler, 'd1', 'migrations', 'apply', 'DB', '--local'], { cwd: dir, env })
}, 180_000)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('the CLI on the local D1 (--edge)', () => {
  it('seeds the demo staff into the local D1, lists them, and wrangler reads them', async () => {
    const seeded = await cli(['seed', 'demo', '--edge'], { cwd: dir })
    expect(seeded.code, seeded.out).toBe(0)
    expect(seeded.out).toMatch(/demo data seeded \(6 staff accounts/)
    expect(seeded.out).toMatch(/admin@demo\.hotline\s+[A-Z2-7]{4}-/)
    // The demo password stays with the install (./data), not in wrangler's state folder.
    expect(existsSync(join(dir, 'data', 'demo-password'))).toBe(true)
    // No key pair was generated beside the D1 file: the Worker's keys were used.
    expect(existsSync(join(dir, '.wrangler', 'state', 'v3', 'd1', 'miniflare-D1DatabaseObject', 'custodian.key'))).toBe(false)

    const again = await cli(['seed', 'demo', '--edge'], { cwd: dir })
    expect(again.out).toMatch(/demo data already there/)
    expect(again.out).toMatch(/monitor\.mx@demo\.hotline\s+\(monitor\)/)

    const list = await cli(['staff', 'list', '--edge'], { cwd: dir })
    expect(list.code).toBe(0)
    expect(list.out).toMatch(/monitor\.ci@demo\.hotline\s+monitor\s+right:\*@CI/)

    const r = await run(
      process.execPath,
      [wrangler, 'd1', 'execute', 'DB', '--local', '--json', '--command', 'SELECT email FROM staff ORDER BY email'],
      { cwd: dir, env },
    )
    const rows = (JSON.parse(r.stdout) as { results: { email: string }[] }[])[0]!.results.map((x) => x.email)
    expect(rows).toContain('admin@demo.hotline')
    expect(rows).toHaveLength(6)
  }, 180_000)

  it('says what to do when there is no local D1 or no .dev.vars', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'hotline-edge-none-'))
    try {
      writeFileSync(join(empty, '.dev.vars'), 'DATA_KEY="x"\nCUSTODIAN_PUBLIC_KEY="y"\n')
      const r = await cli(['staff', 'list', '--edge'], { cwd: empty })
      expect(r.code).toBe(1)
      expect(r.out).toMatch(/no local D1 .*npm run dev:edge/)
      rmSync(join(empty, '.dev.vars'))
      expect((await cli(['staff', 'list', '--edge'], { cwd: empty })).out).toMatch(/\.dev\.vars: run `npm run dev:edge` once/)
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})
