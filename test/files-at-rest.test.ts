/**
 * Files at rest are the owner's alone: the data folder 0700; the database, its WAL and shared
 * memory, and the development secrets 0600. And `migrate` brings a database up to date.
 */
import { mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { bootNode } from '../src/node/boot.js'
import { cli } from './helpers/cli.js'

const mode = (p: string) => statSync(p).mode & 0o777
const quiet = { info() {}, warn() {}, error() {} }

describe('files at rest', () => {
  it('makes the data folder 0700 and every file in it 0600', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'hotline-perm-')), 'data')
    const db = join(dir, 'hotline.db')
    const rt = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: db }, { log: quiet })
    rt.db.prepare('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, 1)').run('k')
    expect(mode(dir)).toBe(0o700)
    for (const f of ['hotline.db', 'hotline.db-wal', 'hotline.db-shm', 'server.env', 'custodian.key']) {
      expect(mode(join(dir, f)), f).toBe(0o600)
    }
    rt.db.close()
  })

  it('`migrate --status` lists every migration; `migrate` applies the pending ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-migrate-'))
    const before = await cli(['migrate', '--status'], { dir })
    expect(before.code).toBe(0)
    expect(before.out).toMatch(/pending {2}0001_initial\.sql/)
    const run = await cli(['migrate'], { dir })
    expect(run.out).toMatch(/^applied \d+: 0001_initial\.sql/m)
    expect((await cli(['migrate'], { dir })).out).toMatch(/up to date/)
    expect((await cli(['migrate', '--status'], { dir })).out).not.toMatch(/pending/)
  })
})
