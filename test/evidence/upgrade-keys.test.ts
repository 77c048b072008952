/**
 * Upgrading to migration 0015 (the stricter evidence key design): a database of an earlier release
 * holds a worker's file with its key twice (sealed to the custodian, and under the server's
 * content key) and an organisation's upload. After the upgrade, the worker's server-openable key
 * is gone from the table and from the database file's bytes (secure_delete overwrites the
 * rebuilt table's freed pages), the organisation's stays, and the custodian can still open the
 * worker's file: approve, release with the private key, the monitor opens it.
 */
import { readFileSync, rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { openEvidence, requestEvidenceAccess } from '../../src/evidence/access.js'
import { releaseEvidence } from '../../src/evidence/release.js'
import { stripMetadata } from '../../src/evidence/strip.js'
import { MIGRATIONS_DIR, bootNode } from '../../src/node/boot.js'
import { loadSodium } from '../../src/privacy/sodium.js'
import { addStaff, parseScope } from '../../src/staff/accounts.js'
import { readMigrations } from '../../src/store/sqlite-migrate.js'
import { fixture } from './helpers.js'

const quiet = { info() {}, warn() {}, error() {} }
const DAY = Date.UTC(2026, 0, 15)
let dir: string | undefined
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

/** Insert a row with the columns this schema has (the case's columns changed over releases). */
function insert(db: Database.Database, table: string, row: Record<string, unknown>) {
  const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
  const keys = Object.keys(row).filter((k) => cols.includes(k))
  db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(...keys.map((k) => row[k]))
}

describe('upgrading to 0015', () => {
  it("wipes a worker's server-openable file key, keeps an organisation's, and the custodian still opens the file", async () => {
    dir = mkdtempSync(join(tmpdir(), 'hotline-upgrade-keys-'))
    const env = { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }
    // Keys and the blob folder first (a boot makes them); the objects are what the old release stored.
    const first = await bootNode(env, { log: quiet })
    const stripped = await stripMetadata(fixture('photo-gps.jpg'))
    if (!stripped.ok) throw new Error('fixture does not strip')
    const files = []
    for (const id of ['ev-worker', 'ev-org']) {
      const { blob, key } = first.deps.crypto.encryptFile(stripped.file.bytes, `evidence:${id}`)
      const objectName = first.deps.crypto.randomToken(24)
      await first.deps.blobs.put(objectName, blob)
      files.push({
        id,
        objectName,
        keySealed: Buffer.from(first.deps.crypto.sealToCustodian(key)),
        keyEnc: Buffer.from(first.deps.crypto.encrypt(key, `evidence-key:${id}`)),
      })
    }
    first.db.close()
    for (const f of ['hotline.db', 'hotline.db-wal', 'hotline.db-shm']) rmSync(join(dir, f), { force: true })

    // The database as the release before 0015 left it.
    const old = new Database(env.DATABASE_PATH)
    old.exec('CREATE TABLE d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)')
    for (const m of readMigrations(MIGRATIONS_DIR).filter((m) => m.name < '0015')) {
      old.exec(m.sql)
      old.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(m.name)
    }
    insert(old, 'organisations', { id: 'org-1', name: 'Sindicato Norte', kind: 'union', created_at: DAY })
    insert(old, 'cases', {
      id: 'case-1', reference: 'HL-TEST-0001', receipt_hash: 'r', channel: 'web', language: 'es', country: 'MX',
      employer: 'Autopartes del Norte', description_redacted: 'No pagan las horas extra.', rights: '["wages"]',
      commitments: '[]', status: 'new', priority: 'normal', created_at: DAY, updated_at: DAY, ack_due_at: DAY + 7 * 86_400_000,
    })
    const [worker, org] = files
    for (const [f, source, byOrg] of [[worker!, 'reporter', null], [org!, 'ngo', 'org-1']] as const) {
      insert(old, 'evidence', {
        id: f.id, case_id: 'case-1', kind: 'image', mime: 'image/jpeg', size: stripped.file.bytes.length, content_hash: f.id,
        object_name: f.objectName, key_sealed: f.keySealed, key_enc: f.keyEnc, source, uploaded_by_org: byOrg, created_at: DAY,
      })
    }
    old.close()
    expect(readFileSync(env.DATABASE_PATH).includes(worker!.keyEnc)).toBe(true) // the control: it was there

    const rt = await bootNode(env, { log: quiet })
    try {
      const rows = rt.db.prepare('SELECT id, key_enc FROM evidence ORDER BY id').all() as { id: string; key_enc: Buffer | null }[]
      expect(rows).toEqual([
        { id: 'ev-org', key_enc: org!.keyEnc },
        { id: 'ev-worker', key_enc: null },
      ])
      rt.db.pragma('wal_checkpoint(TRUNCATE)')
      const bytes = Buffer.concat(
        ['hotline.db', 'hotline.db-wal'].map((f) => {
          try {
            return readFileSync(join(dir!, f))
          } catch {
            return Buffer.alloc(0)
          }
        }),
      )
      expect(bytes.includes(org!.keyEnc)).toBe(true)
      expect(bytes.includes(worker!.keyEnc)).toBe(false)
      expect(bytes.includes(worker!.keyEnc.subarray(0, 24))).toBe(false)

      // The custodian still opens the worker's file: approval, release, the monitor opens it once.
      const monitor: Actor = {
        id: await addStaff(rt.deps, { email: 'm@example.org', role: 'monitor', scopes: [parseScope('right:*@MX')] }),
        role: 'monitor', email: 'm@example.org', via: 'token',
      }
      const custodian: Actor = { id: await addStaff(rt.deps, { email: 'c@example.org', role: 'custodian' }), role: 'custodian', email: 'c@example.org', via: 'token' }
      const request = await requestEvidenceAccess(rt.deps, monitor, 'case-1', 'ev-worker', 'To check the notice of dismissal.')
      await decideAccess(rt.deps, custodian, request, 'approved', 'Needed for the review.')
      await expect(openEvidence(rt.deps, monitor, 'case-1', 'ev-worker')).rejects.toMatchObject({ code: 'forbidden' })
      const privateKey = new Uint8Array(Buffer.from(readFileSync(join(dir, 'custodian.key'), 'utf8').trim(), 'base64'))
      await releaseEvidence(rt.deps, await loadSodium(), privateKey, request)
      const opened = await openEvidence(rt.deps, monitor, 'case-1', 'ev-worker')
      expect(Buffer.from(opened.bytes).equals(Buffer.from(stripped.file.bytes))).toBe(true)
    } finally {
      rt.db.close()
    }
  })
})
