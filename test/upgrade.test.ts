/**
 * Every earlier schema upgrades to the latest: for each migration N, a database built up to N is
 * filled with a row in every table it has, then booted by the current code (which applies the
 * rest). Every row survives, and intake, follow-up with a receipt from before, and a staff API
 * token from before still work. schema.sql is generated from the migrations and must be current.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { createApp } from '../src/app.js'
import { MIGRATIONS_DIR, bootNode } from '../src/node/boot.js'
import { schemaFromMigrations } from '../src/store/schema-doc.js'
import { readMigrations } from '../src/store/sqlite-migrate.js'

const all = readMigrations(MIGRATIONS_DIR)
const quiet = { info() {}, warn() {}, error() {} }
const DAY = Date.UTC(2026, 0, 15)
const RECEIPT = '1234 5678 9012 3456'
const TOKEN = 'hl_upgrade-test-api-token-0123456789'

/**
 * One row for every table any migration makes, with a value for every NOT NULL column without a
 * default. A migration that adds a table or a required column must extend this (the test says so).
 */
function sampleRows(h: { receipt: string; token: string }): Record<string, Record<string, unknown>> {
  return {
    cases: {
      id: 'case-1', reference: 'HL-TEST-0001', receipt_hash: h.receipt, channel: 'web', language: 'es',
      country: 'MX', employer: 'Autopartes del Norte', description_redacted: 'No pagan las horas extra.',
      rights: '["wages"]', commitments: '[]', status: 'new', priority: 'normal', assigned_to: 'staff-1',
      created_at: DAY, updated_at: DAY, ack_due_at: DAY + 7 * 86_400_000,
    },
    case_messages: { id: 'msg-1', case_id: 'case-1', direction: 'to_reporter', channel: 'console', body_redacted: '¿Qué turno?', created_at: DAY },
    case_events: { id: 'ev-1', case_id: 'case-1', at: DAY, kind: 'created', data: '{}' },
    webhook_replies: { key: 'reply-1', reply_enc: Buffer.from([1]), created_at: DAY },
    sms_sessions: { sender_hash: 'sender-1', step: 'lang', updated_at: DAY, expires_at: DAY + 86_400_000 },
    sms_optouts: { sender_hash: 'sender-2', at: DAY },
    voice_calls: { call_hash: 'call-1', step: 'menu', updated_at: DAY, expires_at: DAY + 86_400_000 },
    voice_recordings: { id: 'rec-1', case_id: 'case-1', purpose: 'statement', created_at: DAY },
    rate_limits: { key: 'rl-1', count: 1, expires_at: DAY },
    jobs: { id: 'job-1', kind: 'twilio.delete', payload_enc: Buffer.from([]), run_at: DAY, created_at: DAY, done_at: DAY },
    staff: { id: 'staff-1', email: 'monitor@example.org', role: 'monitor', created_at: DAY },
    staff_scopes: { staff_id: 'staff-1', kind: 'right', value: '*', country: 'MX', sector: '*' },
    staff_exclusions: { staff_id: 'staff-1', employer_key: 'otra empresa' },
    staff_sessions: { token_hash: 'sess-1', staff_id: 'staff-1', csrf: 'csrf', created_at: DAY, expires_at: DAY },
    api_tokens: { token_hash: h.token, staff_id: 'staff-1', label: 'test', created_at: DAY },
    access_requests: { id: 'ar-1', case_id: 'case-1', what: 'original', reason: 'test', requested_by: 'staff-1', requested_at: DAY },
    facilities: { id: 'fac-1', name: 'Planta Norte', country: 'MX', created_at: DAY },
    audit_log: { seq: 1, at: DAY, action: 'test', data: '{}', prev_hash: 'x', hash: 'y' },
    case_grants: { case_id: 'case-1', staff_id: 'staff-1', granted_at: DAY },
    audit_head: { id: 1, seq: 1, hash: 'y' },
    organisations: { id: 'org-1', name: 'Sindicato Norte', kind: 'union', created_at: DAY },
    case_shares: { case_id: 'case-1', org_id: 'org-1', shared_at: DAY },
    consents: { id: 'con-1', case_id: 'case-1', disclose: '["redacted"]', recipients: '["us_dol"]', method: 'oral', status: 'given', created_at: DAY },
    facility_names: { facility_id: 'fac-1', kind: 'name', name_hash: 'hash-1' },
    case_name_hashes: { case_id: 'case-1', field: 'employer', name_hash: 'hash-1' },
    case_facilities: { case_id: 'case-1', facility_id: 'fac-1', state: 'suggested', matched_by: 'employer', created_at: DAY },
    escalations: { id: 'esc-1', kind: 'usmca-rrm', created_by: 'staff-1', created_at: DAY },
    escalation_cases: { escalation_id: 'esc-1', case_id: 'case-1' },
    escalation_stages: { id: 'stg-1', escalation_id: 'esc-1', stage: 'drafted', on_day: DAY, recorded_at: DAY },
    escalation_masks: { id: 'mask-1', escalation_id: 'esc-1', span_enc: Buffer.from([1]), span_hash: 'h', kind: 'name', created_by: 'staff-1', created_at: DAY },
    redaction_misses: { id: 'miss-1', lang: 'es', kind: 'name', item_enc: Buffer.from([1]), created_at: DAY },
    case_deadlines: { case_id: 'case-1', track: 'lft', clock: 'lft_518', due_at: DAY },
    settings: { key: 'stats.k', value: '7', updated_at: DAY },
    stats_cells: { cell: '["2026-11","wages"]', n: 3 },
    case_reads: { staff_id: 'staff-1', case_id: 'case-1', seen: 1 },
    saved_filters: { id: 'sf-1', staff_id: 'staff-1', name: 'Mexico', query: 'country=MX', created_at: DAY },
    reply_templates: { id: 'rt-1', name: 'Shift', body_en: 'Which shift?', body_es: '¿Qué turno?', body_fr: 'Quelle équipe ?', created_at: DAY },
    retention_settings: { status: 'closed', days: 30, created_at: DAY, updated_at: DAY },
    evidence: {
      id: 'ev-1', case_id: 'case-1', kind: 'image', mime: 'image/jpeg', size: 1234, content_hash: 'h', object_name: 'obj-1',
      // An organisation's upload: the one kind that keeps key_enc after 0015 (a reporter's loses
      // it: test/evidence/upgrade-keys.test.ts).
      key_sealed: Buffer.from([1]), key_enc: Buffer.from([1]), source: 'ngo', uploaded_by: 'staff-1', uploaded_by_org: 'org-1', created_at: DAY,
    },
    evidence_releases: {
      request_id: 'ar-1', evidence_id: 'ev-1', case_id: 'case-1', staff_id: 'staff-1', key_wrapped: Buffer.from([1]),
      released_at: DAY, expires_at: DAY + 7 * 86_400_000,
    },
    // The queue's join tables (0013): the triggers already wrote case-1's rows; one more each.
    case_rights: { code: 'working_hours', status: 'new', rank: 1, created_at: DAY, case_rowid: 1, country: 'MX' },
    case_commitments: { code: 'usmca.23.3.1.a', status: 'new', rank: 1, created_at: DAY, case_rowid: 1, country: 'MX' },
    // Shares and grants in queue order (0014): the triggers wrote case-1's; one more.
    case_access: { code: 'g:staff-2', status: 'new', rank: 1, created_at: DAY, case_rowid: 1, country: 'MX' },
    // Staff e-mail notifications (0016).
    staff_notify: { staff_id: 'staff-1', new_cases: 'each', replies: 'daily', lang: 'es', updated_at: DAY },
    notify_outbox: { id: 'new:case-1', kind: 'new_case', case_id: 'case-1', created_at: DAY },
    notify_deliveries: { event_id: 'reply:msg-1', staff_id: 'staff-1', kind: 'reply', due_at: DAY },
  }
}

/** Ordinary tables: not the search indexes (FTS5, 0014) nor their shadow tables, which triggers fill. */
const tables = (db: Database.Database) =>
  (db.prepare(`SELECT m.name FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name != 'd1_migrations'
      AND (SELECT t.type FROM pragma_table_list t WHERE t.schema = 'main' AND t.name = m.name) = 'table' ORDER BY m.rowid`).all() as { name: string }[]).map((r) => r.name)

function fill(db: Database.Database, rows: Record<string, Record<string, unknown>>) {
  for (const table of tables(db)) {
    const row = rows[table]
    expect(row, `test/upgrade.test.ts has no sample row for table ${table}: add one`).toBeDefined()
    const cols = (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name)
    const keys = Object.keys(row!).filter((k) => cols.includes(k))
    db.prepare(`INSERT INTO ${table} (${keys.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`).run(
      ...keys.map((k) => row![k]),
    )
  }
}

describe('schema.sql', () => {
  it('is what `npm run schema` makes from migrations/', () => {
    const current = readFileSync(new URL('../schema.sql', import.meta.url), 'utf8')
    expect(current, 'schema.sql is stale: run `npm run schema` and commit it').toBe(schemaFromMigrations(all))
  })
})

describe('upgrading from every earlier migration', () => {
  for (let n = 1; n <= all.length; n++) {
    it(`from ${all[n - 1]!.name}`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hotline-upgrade-'))
      const env = { HOTLINE_ENV: 'development', DATABASE_PATH: join(dir, 'hotline.db') }
      try {
        // Keys first (a boot generates them), then the database as it stood at migration n.
        const keys = await bootNode(env, { log: quiet })
        const hashes = { receipt: keys.deps.crypto.hashReceipt(RECEIPT), token: keys.deps.crypto.blindIndex('token', TOKEN) }
        keys.db.close()
        for (const f of ['hotline.db', 'hotline.db-wal', 'hotline.db-shm']) rmSync(join(dir, f), { force: true })
        const old = new Database(env.DATABASE_PATH)
        for (const m of all.slice(0, n)) old.exec(m.sql)
        old.exec("CREATE TABLE d1_migrations(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT UNIQUE, applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL)")
        for (const m of all.slice(0, n)) old.prepare('INSERT INTO d1_migrations (name) VALUES (?)').run(m.name)
        fill(old, sampleRows(hashes))
        const before = Object.fromEntries(tables(old).map((t) => [t, (old.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n]))
        old.close()

        const rt = await bootNode(env, { log: quiet })
        try {
          for (const [t, count] of Object.entries(before)) {
            const now = (rt.db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n
            expect(now, `rows of ${t} after upgrading from ${all[n - 1]!.name}`).toBe(count)
          }
          const app = createApp(() => rt.deps)
          const post = (path: string, body: unknown) =>
            app.request(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
          const followUp = await post('/api/v1/follow-up', { receipt: RECEIPT })
          expect(followUp.status).toBe(200)
          const filed = await post('/api/v1/reports', {
            language: 'es', country: 'MX', employer: 'Planta Sur', description: 'Nos quitan el agua en el turno.',
          })
          expect(filed.status).toBe(201)
          const list = await app.request('/api/v1/cases', { headers: { authorization: `Bearer ${TOKEN}` } })
          expect(list.status).toBe(200)
          expect(((await list.json()) as { cases: { id: string }[] }).cases.map((c) => c.id)).toContain('case-1')
        } finally {
          rt.db.close()
        }
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  }
})
