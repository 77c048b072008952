/**
 * `backup --out FILE` while the hotline writes, and `restore --from FILE [--force]`: a file that
 * opens, passes integrity_check, is 0600, holds every case acknowledged before the backup began,
 * and keeps what is encrypted encrypted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { decodeBase64 } from '../src/config.js'
import { silentLogger } from '../src/log.js'
import { bootNode } from '../src/node/boot.js'
import { openIdentity } from '../src/privacy/crypto.js'
import { cli } from './helpers/cli.js'
import { custodianKey, makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

const NAME = 'Zacarías Benítez Oyola'
const PHONE = '+52 868 555 0198'
const EMAIL = 'zacarias.benitez@example.org'

const report = (i: number) => ({
  language: 'es',
  country: 'MX',
  employer: 'Autopartes del Norte',
  description: `Caso ${i}: no pagan las horas extra. Llámenme al 868 555 0198.`,
  contact: { name: NAME, phone: PHONE, email: EMAIL },
  consentToContact: true,
})

async function file(rt: TestRuntime, i: number) {
  const res = await postJson(rt, '/api/v1/reports', report(i))
  expect(res.status).toBe(201)
  return (await res.json()) as { receipt: string; reference: string }
}

const integrity = (db: Database.Database) => (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check)

describe('backup and restore', () => {
  let rt: TestRuntime
  let out: string
  beforeEach(async () => {
    rt = await makeRuntime()
    // Many workers behind many addresses: no per-source limit gets in the way of the load.
    let n = 0
    rt.deps.remoteAddress = () => `10.1.${(n >> 8) & 255}.${n++ & 255}`
    out = join(mkdtempSync(join(tmpdir(), 'hotline-backup-')), 'copy.db')
  })
  afterEach(() => {
    rt.close()
    rmSync(join(out, '..'), { recursive: true, force: true })
  })

  it('backs up while reports are filed: 0600, integrity ok, every acknowledged case, nothing decrypted', async () => {
    const acknowledged: { receipt: string; reference: string }[] = []
    for (let i = 0; i < 20; i++) acknowledged.push(await file(rt, i))

    // Intake goes on in this process while the CLI copies the file from another one.
    let writing = true
    let during = 0
    const load = (async () => {
      for (let i = 100; writing; i++, during++) {
        await file(rt, i)
        await new Promise((r) => setImmediate(r)) // intake resolves in microtasks: let the loop turn
      }
    })()
    const r = await cli(['backup', '--out', out], { dir: rt.dir })
    writing = false
    await load
    expect(r.code, r.out).toBe(0)
    expect(r.out).toMatch(/integrity_check ok/)
    expect(during).toBeGreaterThan(0)

    expect(statSync(out).mode & 0o777).toBe(0o600)
    expect(existsSync(`${out}-wal`) || existsSync(`${out}-shm`)).toBe(false)
    const copy = new Database(out, { readonly: true })
    try {
      expect(integrity(copy)).toEqual(['ok'])
      const refs = new Set((copy.prepare('SELECT reference FROM cases').all() as { reference: string }[]).map((c) => c.reference))
      for (const a of acknowledged) expect(refs.has(a.reference), a.reference).toBe(true)

      // Still encrypted, and still whole: the custodian opens the identity, the server the original.
      const row = copy.prepare('SELECT id, identity_sealed, original_enc FROM cases WHERE reference = ?').get(acknowledged[0]!.reference) as {
        id: string
        identity_sealed: Buffer
        original_enc: Buffer
      }
      const { custodianPublicKey } = rt.config
      expect(openIdentity(rt.sodium, new Uint8Array(row.identity_sealed), custodianPublicKey, decodeBase64(custodianKey(rt))!)).toEqual({
        name: NAME,
        phone: PHONE,
        email: EMAIL,
      })
      expect(rt.deps.crypto.decryptText(new Uint8Array(row.original_enc), `case:${row.id}`)).toContain('868 555 0198')
    } finally {
      copy.close()
    }
    const bytes = readFileSync(out)
    const text = bytes.toString('utf8') + bytes.toString('latin1')
    for (const secret of [NAME, 'Benítez', PHONE, '868 555 0198', '8685550198', EMAIL, ...acknowledged.map((a) => a.receipt), ...acknowledged.map((a) => a.receipt.replace(/ /g, ''))]) {
      expect(text.includes(secret), secret).toBe(false)
    }
  })

  it('refuses to overwrite a file, and says when there is no database', async () => {
    writeFileSync(out, 'keep me')
    const r = await cli(['backup', '--out', out], { dir: rt.dir })
    expect(r.code).not.toBe(0)
    expect(r.out).toMatch(/exists: refusing to overwrite it/)
    expect(readFileSync(out, 'utf8')).toBe('keep me')
    const none = await cli(['backup', '--out', `${out}.2`], { env: { DATABASE_PATH: join(rt.dir, 'missing.db') } })
    expect(none.code).not.toBe(0)
    expect(none.out).toMatch(/no database at/)
    expect(existsSync(`${out}.2`)).toBe(false)
  })

  it('restore refuses to replace a database without --force, refuses what is not a sound hotline database, and puts a backup in place', async () => {
    const kept = await file(rt, 1)
    expect((await cli(['backup', '--out', out], { dir: rt.dir })).code).toBe(0)

    // Another installation with a case of its own.
    const other = mkdtempSync(join(tmpdir(), 'hotline-restore-'))
    try {
      const target = await bootNode({ HOTLINE_ENV: 'development', DATABASE_PATH: join(other, 'hotline.db') }, { log: silentLogger })
      await target.deps.sql.run(
        `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, employer, description_redacted, created_at, updated_at, ack_due_at)
         VALUES ('own', 'HL-OWN0-CASE', 'h', 'web', 'en', 'US', 'E', 'D', 0, 0, 0)`,
      )
      target.db.close()
      const refs = () => {
        const db = new Database(join(other, 'hotline.db'), { readonly: true })
        try {
          return (db.prepare('SELECT reference FROM cases').all() as { reference: string }[]).map((c) => c.reference)
        } finally {
          db.close()
        }
      }

      const refused = await cli(['restore', '--from', out], { dir: other })
      expect(refused.code).not.toBe(0)
      expect(refused.out).toMatch(/holds a database: restoring would replace it.*--force/)
      expect(refs()).toEqual(['HL-OWN0-CASE'])

      writeFileSync(join(other, 'junk.db'), 'not a database at all, just text')
      const junk = await cli(['restore', '--from', join(other, 'junk.db'), '--force'], { dir: other })
      expect(junk.code).not.toBe(0)
      expect(junk.out).toMatch(/is not a SQLite database/)
      const foreign = join(other, 'foreign.db')
      new Database(foreign).exec('CREATE TABLE notes (x)')
      const notOurs = await cli(['restore', '--from', foreign, '--force'], { dir: other })
      expect(notOurs.out).toMatch(/is not a hotline database/)
      expect(refs()).toEqual(['HL-OWN0-CASE'])

      const forced = await cli(['restore', '--from', out, '--force'], { dir: other })
      expect(forced.code, forced.out).toBe(0)
      expect(refs()).toEqual([kept.reference])
      expect(statSync(join(other, 'hotline.db')).mode & 0o777).toBe(0o600)

      // Into a place with no database yet, no --force is needed; the folder is made 0700.
      const fresh = join(other, 'new', 'hotline.db')
      const r = await cli(['restore', '--from', out], { env: { DATABASE_PATH: fresh } })
      expect(r.code, r.out).toBe(0)
      expect(statSync(fresh).mode & 0o777).toBe(0o600)
      expect(statSync(join(other, 'new')).mode & 0o777).toBe(0o700)
    } finally {
      rmSync(other, { recursive: true, force: true })
    }
  }, 60_000)
})
