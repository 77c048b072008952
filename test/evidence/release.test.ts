/**
 * The stricter evidence key design (issue 21, migration 0015): a worker's file key is stored only
 * sealed to the custodian. An approval alone opens nothing; the custodian releases the key for
 * one approved request (`hotline evidence release`, the real CLI), the staff member who asked
 * opens the file once in the console, and the release is gone; a colleague cannot use it; an
 * unused release expires with the approval and the purge deletes it. After the whole flow, a scan
 * of the database and the blob folder finds no file key in the clear and nothing the server can
 * decrypt into a reporter file's key.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { DAY_MS } from '../../src/clock.js'
import { requestEvidenceAccess } from '../../src/evidence/access.js'
import { listEvidence } from '../../src/evidence/list.js'
import { releaseAad } from '../../src/evidence/release.js'
import { stripMetadata } from '../../src/evidence/strip.js'
import { custodianPublicKeyOf, openSealed } from '../../src/privacy/crypto.js'
import { purgeExpired } from '../../src/privacy/retention.js'
import { tFor } from '../../src/i18n/index.js'
import { login, makeStaff, postForm, type TestStaff } from '../console/setup.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { custodianPrivateKey, everythingWritten, fixture, multipart, postMultipart, release } from './helpers.js'

let rt: TestRuntime
afterEach(() => rt?.close())

const en = tFor('en')
const actor = (s: TestStaff, role: Actor['role']): Actor => ({ id: s.id, role, email: s.email, via: 'token' })

/** A report by API, then files by API follow-up (a worker's files): the case and its files. */
async function workerFiles(files: { name: string; bytes: Uint8Array }[]) {
  const filed = await rt.app.request('/api/v1/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Autopartes', description: 'No pagan las horas extra.' }),
  })
  const { receipt } = (await filed.json()) as { receipt: string }
  const up = await postMultipart(rt, '/api/v1/follow-up/attachments', multipart({ receipt }, files))
  expect(up.status).toBe(201)
  const kase = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases ORDER BY rowid DESC LIMIT 1'))!
  return { caseId: kase.id, files: await listEvidence(rt.deps.sql, kase.id) }
}

async function people() {
  const monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:*@MX'] })
  const colleague = await makeStaff(rt, 'monitor', 'colleague@example.org', { scopes: ['right:*@MX'] })
  const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
  return { monitor, colleague, custodian }
}

/** A request by `who` for one file, approved by the custodian: its id. */
async function approved(who: Actor, custodian: Actor, caseId: string, evidenceId: string) {
  const id = await requestEvidenceAccess(rt.deps, who, caseId, evidenceId, 'The photo shows the notice of dismissal.')
  await decideAccess(rt.deps, custodian, id, 'approved', 'Needed to verify the notice.')
  return id
}

const count = async (table: string) => (await rt.deps.sql.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))!.n

describe('evidence release', () => {
  it('approval alone opens nothing; the released key opens once, for the asker only', { timeout: 180_000 }, async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.50' })
    rt.clock.t = Date.now() // the CLI runs on the real clock
    const photo = fixture('photo-gps.jpg')
    const { caseId, files } = await workerFiles([{ name: 'Maria_Lopez.jpg', bytes: photo }])
    const ev = files[0]!
    const { monitor, colleague, custodian } = await people()
    const request = await approved(actor(monitor, 'monitor'), actor(custodian, 'custodian'), caseId, ev.id)
    // The colleague has an approval of their own for the same file, never released.
    const theirs = await approved(actor(colleague, 'monitor'), actor(custodian, 'custodian'), caseId, ev.id)

    const m = await login(rt, monitor)
    const open = (s = m) => postForm(rt, `/console/cases/${caseId}/evidence/${ev.id}/open`, s, {})
    // Approved, not released: the server cannot open it; nothing is spent.
    expect((await open()).status).toBe(403)
    expect(await rt.deps.sql.get('SELECT used_at FROM access_requests WHERE id = ?', request)).toEqual({ used_at: null })
    const casePage = await (await rt.app.request(`/console/cases/${caseId}`, { headers: { cookie: m.cookie } })).text()
    expect(casePage).toContain(en('console:evidence.access.release'))
    rt.clock.advance(30_000)
    const c = await login(rt, custodian)
    const custodianPage = await (await rt.app.request('/console/custodian', { headers: { cookie: c.cookie } })).text()
    expect(custodianPage).toContain(`npm run hotline -- evidence release --key FILE --request ${request}`)

    // A key that is not the custodian's releases nothing.
    const wrong = join(rt.dir, 'wrong.key')
    writeFileSync(wrong, Buffer.from(rt.sodium.randombytes_buf(32)).toString('base64'))
    const refused = await cli(['evidence', 'release', '--key', wrong, '--request', request], { dir: rt.dir })
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/does not open.*nothing released/)
    expect(await count('evidence_releases')).toBe(0)

    const key = join(rt.dir, 'custodian.key')
    const ok = await cli(['evidence', 'release', '--key', key, '--request', request], { dir: rt.dir })
    expect(ok.code, ok.out).toBe(0)
    expect(ok.out).toMatch(/released evidence/)
    expect(await rt.deps.sql.all('SELECT staff_id, evidence_id FROM evidence_releases')).toEqual([{ staff_id: monitor.id, evidence_id: ev.id }])
    const twice = await cli(['evidence', 'release', '--key', key, '--request', request], { dir: rt.dir })
    expect(twice.code).toBe(1)
    expect(twice.out).toMatch(/already released/)

    // The colleague's own approval has no release, and the asker's release is not theirs.
    rt.clock.advance(30_000)
    const other = await login(rt, colleague)
    expect((await open(other)).status).toBe(403)

    const res = await open()
    expect(res.status).toBe(200)
    const expected = await stripMetadata(photo)
    if (!expected.ok) throw new Error('fixture does not strip')
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(expected.file.bytes))).toBe(true)
    // Used once: the release went with the approval's use.
    expect(await count('evidence_releases')).toBe(0)
    expect((await open()).status).toBe(403)
    await expect(release(rt, request)).rejects.toThrow(/already used/)
    const audit = await rt.deps.sql.all<{ action: string }>(
      "SELECT action FROM audit_log WHERE action IN ('evidence_released', 'access_opened') ORDER BY seq",
    )
    expect(audit.map((a) => a.action)).toEqual(['evidence_released', 'access_opened'])
    expect(await rt.deps.sql.get('SELECT used_at FROM access_requests WHERE id = ?', theirs)).toEqual({ used_at: null })
  })

  it('an unused release expires with the approval, opens nothing, and the purge deletes it', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.51' })
    const { caseId, files } = await workerFiles([{ name: 'a.pdf', bytes: fixture('maria-lopez-garcia.pdf') }])
    const { monitor, custodian } = await people()
    const request = await approved(actor(monitor, 'monitor'), actor(custodian, 'custodian'), caseId, files[0]!.id)
    const released = await release(rt, request)
    expect(released.expiresAt).toBe(rt.clock.now() + rt.deps.config.accessApprovalDays * DAY_MS)
    expect(await count('evidence_releases')).toBe(1)

    rt.clock.advance(rt.deps.config.accessApprovalDays * DAY_MS + 1)
    const m = await login(rt, monitor)
    expect((await postForm(rt, `/console/cases/${caseId}/evidence/${files[0]!.id}/open`, m, {})).status).toBe(403)
    await expect(release(rt, request)).rejects.toThrow(/expired/)
    await purgeExpired(rt.deps)
    expect(await count('evidence_releases')).toBe(0)
    expect(await count('evidence')).toBe(1) // the file itself stays, sealed
  })

  it('an asker with an older approval still waiting opens with the one the custodian released', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.53' })
    const { caseId, files } = await workerFiles([{ name: 'a.jpg', bytes: fixture('photo-gps.jpg') }])
    const { monitor, custodian } = await people()
    const older = await approved(actor(monitor, 'monitor'), actor(custodian, 'custodian'), caseId, files[0]!.id)
    rt.clock.advance(60_000)
    const newer = await approved(actor(monitor, 'monitor'), actor(custodian, 'custodian'), caseId, files[0]!.id)
    await release(rt, newer)
    const m = await login(rt, monitor)
    expect((await postForm(rt, `/console/cases/${caseId}/evidence/${files[0]!.id}/open`, m, {})).status).toBe(200)
    const used = await rt.deps.sql.all<{ id: string; used: number }>('SELECT id, used_at IS NOT NULL AS used FROM access_requests ORDER BY requested_at')
    expect(used).toEqual([{ id: older, used: 0 }, { id: newer, used: 1 }])
    expect(await count('evidence_releases')).toBe(0)
  })

  it('after the whole flow, nothing stored holds a file key or a key the server can open', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.52' })
    const { caseId, files } = await workerFiles([
      { name: 'a.jpg', bytes: fixture('photo-gps.jpg') },
      { name: 'b.pdf', bytes: fixture('maria-lopez-garcia.pdf') },
    ])
    const { monitor, colleague, custodian } = await people()
    const m = await login(rt, monitor)
    const priv = custodianPrivateKey(rt)
    const sealedKeyOf = async (id: string) => {
      const r = await rt.deps.sql.get<{ key_sealed: Uint8Array }>('SELECT key_sealed FROM evidence WHERE id = ?', id)
      return Buffer.from(openSealed(rt.sodium, r!.key_sealed, custodianPublicKeyOf(rt.sodium, priv), priv))
    }
    for (const f of files) {
      const request = await approved(actor(monitor, 'monitor'), actor(custodian, 'custodian'), caseId, f.id)
      await release(rt, request)
      // A control for the scan below: while released, the key is there under the release's AAD.
      const [held] = await rt.deps.sql.all<{ key_wrapped: Uint8Array }>('SELECT key_wrapped FROM evidence_releases')
      expect(Buffer.from(rt.deps.crypto.decrypt(held!.key_wrapped, releaseAad(request, monitor.id, f.id))).equals(await sealedKeyOf(f.id))).toBe(true)
      expect((await postForm(rt, `/console/cases/${caseId}/evidence/${f.id}/open`, m, {})).status).toBe(200)
    }
    // One more approval, never released: it leaves no key behind.
    await approved(actor(colleague, 'monitor'), actor(custodian, 'custodian'), caseId, files[0]!.id)

    // Every reporter file's key, as the custodian alone can read it.
    const rows = await rt.deps.sql.all<{ id: string; key_sealed: Uint8Array; key_enc: Uint8Array | null; source: string }>(
      'SELECT id, key_sealed, key_enc, source FROM evidence',
    )
    expect(rows.map((r) => [r.source, r.key_enc])).toEqual([['reporter', null], ['reporter', null]])
    const keys = rows.map((r) => Buffer.from(openSealed(rt.sodium, r.key_sealed, custodianPublicKeyOf(rt.sodium, priv), priv)))
    expect(keys.every((k) => k.length === 32)).toBe(true)
    const written = everythingWritten(rt)
    for (const k of keys) {
      for (const form of [k, Buffer.from(k.toString('hex')), Buffer.from(k.toString('base64')), k.subarray(0, 16), k.subarray(16)]) {
        expect(written.includes(form)).toBe(false)
      }
    }
    expect(await count('evidence_releases')).toBe(0)

    // Nothing in any table decrypts, under any AAD the server uses for file keys, to anything.
    const requests = await rt.deps.sql.all<{ id: string; requested_by: string; item: string }>(
      "SELECT id, requested_by, item FROM access_requests WHERE what = 'evidence'",
    )
    const aads = [
      undefined,
      ...rows.map((r) => `evidence-key:${r.id}`),
      ...requests.flatMap((q) => rows.map((r) => releaseAad(q.id, q.requested_by, r.id))),
    ]
    const tables = await rt.deps.sql.all<{ name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )
    let blobs = 0
    for (const { name } of tables) {
      for (const row of await rt.deps.sql.all<Record<string, unknown>>(`SELECT * FROM "${name}"`)) {
        for (const v of Object.values(row)) {
          if (!(v instanceof Uint8Array)) continue
          blobs++
          for (const aad of aads) {
            let opened: Uint8Array | undefined
            try {
              opened = rt.deps.crypto.decrypt(v, aad)
            } catch {
              opened = undefined
            }
            expect(opened && keys.some((k) => k.equals(Buffer.from(opened!))), `${name} opens under ${aad}`).toBeFalsy()
          }
        }
      }
    }
    expect(blobs).toBeGreaterThan(2) // the scan saw the sealed keys and other encrypted columns
  })
})
