/**
 * Organisations and evidence (issue 21): an organisation attaches to a case it filed (API, bearer
 * token) and opens its own upload in the console without the custodian; another organisation's
 * staff, and a monitor without an approval, cannot open it; a case outside the caller's scope
 * answers 404. The organisation's upload keeps a key the server opens (the organisation had the
 * file; migration 0015), so a monitor's approval needs no release by the custodian; a monitor's
 * own upload keeps none. Retention: the purge removes the rows and the stored objects with the
 * identity.
 */
import { PDFDocument } from 'pdf-lib'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION } from '../../src/config.js'
import { DAY_MS } from '../../src/clock.js'
import { purgeExpired } from '../../src/privacy/retention.js'
import { decideAccess } from '../../src/cases/access.js'
import { requestEvidenceAccess } from '../../src/evidence/access.js'
import { api, insertCase, login, makeStaff, postForm } from '../console/setup.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { everythingWritten, findsNone, fixture, multipart, release, SECRETS, storedObjects } from './helpers.js'

let rt: TestRuntime
afterEach(() => rt?.close())

const REPORT = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Norte',
  description: 'En la asamblea nos dijeron que quien vote por el sindicato será despedido.',
  consentToContact: false,
  consent: { disclose: ['redacted'], recipients: ['us_dol'], until: '2027-06-30', method: 'oral' },
}

const upload = (path: string, token: string, files: { name: string; bytes: Uint8Array }[]) =>
  rt.app.request(path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: multipart({}, files) })

describe('evidence from organisations', () => {
  it('the organisation opens its own upload; others need the custodian; out of scope is 404', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.30' })
    const ngo = await makeStaff(rt, 'ngo', 'ngo@sindicato.example', { org: 'Sindicato Norte' })
    const other = await makeStaff(rt, 'ngo', 'ngo@otra.example', { org: 'Otra Org' })
    const monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:*@MX'] })
    const filed = await api(rt, 'POST', '/api/v1/ngo/reports', ngo.token, REPORT)
    expect(filed.status).toBe(201)
    const [kase] = await rt.deps.sql.all<{ id: string }>('SELECT id FROM cases')
    const pdf = fixture('maria-lopez-garcia.pdf')
    const res = await upload(`/api/v1/cases/${kase!.id}/attachments`, ngo.token, [{ name: 'maria-lopez-garcia.pdf', bytes: pdf }])
    expect(res.status).toBe(201)
    const [ev] = ((await res.json()) as { evidence: { id: string }[] }).evidence

    // Another organisation cannot see the case at all.
    expect((await upload(`/api/v1/cases/${kase!.id}/attachments`, other.token, [{ name: 'x', bytes: pdf }])).status).toBe(404)
    const listed = await api(rt, 'GET', `/api/v1/cases/${kase!.id}/attachments`, ngo.token)
    expect(((await listed.json()) as { evidence: unknown[] }).evidence).toEqual([
      expect.objectContaining({ id: ev!.id, kind: 'document', pages: 2, source: 'ngo', own: true, access: 'none' }),
    ])

    const s = await login(rt, ngo)
    const opened = await postForm(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, s, {})
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toBe('application/pdf')
    const bytes = new Uint8Array(await opened.arrayBuffer())
    expect(findsNone(Buffer.from(bytes), SECRETS)).toEqual([])
    const doc = await PDFDocument.load(bytes, { updateMetadata: false })
    expect([doc.getPageCount(), doc.getAuthor()]).toEqual([2, undefined])
    // Its own: it opens again (audited each time), with no approval involved.
    expect((await postForm(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, s, {})).status).toBe(200)
    const audit = await rt.deps.sql.all("SELECT seq FROM audit_log WHERE action = 'evidence_opened'")
    expect(audit).toHaveLength(2)

    // A monitor in scope sees it exists but cannot open it without an approval.
    rt.clock.advance(30_000)
    const m = await login(rt, monitor)
    expect((await postForm(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, m, {})).status).toBe(403)
    expect(findsNone(everythingWritten(rt), SECRETS)).toEqual([])

    // With an approval it opens once: no release needed, the server keeps the organisation's key.
    const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    const asker = { id: monitor.id, role: 'monitor' as const, email: monitor.email, via: 'token' as const }
    const request = await requestEvidenceAccess(rt.deps, asker, kase!.id, ev!.id, 'To read the minutes of the meeting.')
    await decideAccess(rt.deps, { id: custodian.id, role: 'custodian', email: custodian.email, via: 'token' }, request, 'approved', 'Needed.')
    expect(await release(rt, request)).toMatchObject({ notNeeded: true })
    expect(await rt.deps.sql.all('SELECT request_id FROM evidence_releases')).toEqual([])
    expect((await postForm(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, m, {})).status).toBe(200)
    expect((await postForm(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, m, {})).status).toBe(403)
    // The organisation's row keeps key_enc; a monitor's own upload (below) keeps none.
    const up = await upload(`/api/v1/cases/${kase!.id}/attachments`, monitor.token, [{ name: 'a.jpg', bytes: fixture('photo-gps.jpg') }])
    expect(up.status).toBe(201)
    expect(await rt.deps.sql.all('SELECT source, key_enc IS NOT NULL AS server_key FROM evidence ORDER BY rowid')).toEqual([
      { source: 'ngo', server_key: 1 },
      { source: 'staff', server_key: 0 },
    ])
  })

  it('the purge removes evidence rows and stored objects with the identity', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.31' })
    const monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:*@MX'] })
    const old = await insertCase(rt)
    const kept = await insertCase(rt)
    for (const k of [old, kept]) {
      const res = await upload(`/api/v1/cases/${k.id}/attachments`, monitor.token, [{ name: 'a.jpg', bytes: fixture('photo-gps.jpg') }])
      expect(res.status).toBe(201)
    }
    expect(storedObjects(rt)).toHaveLength(2)
    await rt.deps.sql.run("UPDATE cases SET status = 'closed', updated_at = ? WHERE id = ?", rt.clock.now() - DEFAULT_RETENTION.closed * DAY_MS - 1, old.id)
    const result = await purgeExpired(rt.deps)
    expect(result.cases).toBe(1)
    expect(await rt.deps.sql.all('SELECT case_id FROM evidence')).toEqual([{ case_id: kept.id }])
    expect(storedObjects(rt)).toHaveLength(1)
  })
})
