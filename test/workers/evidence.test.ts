/**
 * @module test/workers/evidence.test
 * Evidence on Workers (issue 21), inside workerd with D1 and a local R2 (binding EVIDENCE): a
 * JPEG with GPS EXIF sent on the web form through the Worker; no D1 row and no R2 object holds its
 * GPS values, device, file name or any 24 bytes of the original; after the custodian approves, the
 * server still cannot open it; once the custodian releases its key (the private key of the test
 * config, in workerd), it opens once as a JPEG with no EXIF, the same bytes the Node side serves,
 * and the release is gone from D1; no D1 row or R2 object then holds the file key in the clear,
 * and the worker's row keeps no server-openable key; a PDF with an author
 * loses it (pdf-lib in workerd); limits answer translated 4xx and store nothing; the purge deletes
 * the R2 objects with the rows.
 */
import { env, exports } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { DAY_MS, systemClock } from '../../src/clock.js'
import { DEFAULT_RETENTION, parseConfig } from '../../src/config.js'
import { buildDeps, type Deps } from '../../src/deps.js'
import { openEvidence, requestEvidenceAccess } from '../../src/evidence/access.js'
import { releaseEvidence } from '../../src/evidence/release.js'
import { custodianPublicKeyOf, openSealed } from '../../src/privacy/crypto.js'
import { loadSodium } from '../../src/privacy/sodium.js'
import { listEvidence } from '../../src/evidence/list.js'
import { stripMetadata } from '../../src/evidence/strip.js'
import { tFor } from '../../src/i18n/index.js'
import { purgeExpired } from '../../src/privacy/retention.js'
import { addStaff, parseScope } from '../../src/staff/accounts.js'
import { d1Sql } from '../../src/store/d1.js'
import { blobR2 } from '../../src/workers/blob-r2.js'
import * as fx from './evidence-fixtures.js'

const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))
const photo = bytes(fx.photoGps)
const pdf = bytes(fx.pdf)
const es = tFor('es')
const SECRETS = ['HLDEVICE7', 'Xiaomi', 'Maria Lopez', 'Maria_Lopez', 'maria-lopez', 'HLCOMMENT', 'HLCREATOR', 'HLPRODUCER', 'Exif\0\0']
const GPS = ['00000013000000010000001900000001', '00008c1c00000271', '00000063000000010000000700000001', '0000ed83000003fd']
/** The private key whose public key vitest.workers.config.ts gives the Worker. */
const CUSTODIAN_PRIVATE_KEY = new Uint8Array(32).fill(3)
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('')

let deps: Deps | undefined
async function testDeps(): Promise<Deps> {
  const vars: Record<string, string> = {}
  for (const [k, v] of Object.entries(env)) if (typeof v === 'string') vars[k] = v
  deps ??= await buildDeps({
    sql: d1Sql(env.DB),
    config: parseConfig(vars),
    clock: systemClock,
    log: { info() {}, warn() {}, error() {} },
    blobs: blobR2(env.EVIDENCE!),
  })
  return deps
}

/** Every R2 object and every D1 row (blobs as hex, text as hex of its UTF-8), as one hex string. */
async function everythingWrittenHex(): Promise<string> {
  const parts: string[] = []
  const listed = await env.EVIDENCE!.list()
  for (const o of listed.objects) parts.push(hex(new Uint8Array(await (await env.EVIDENCE!.get(o.key))!.arrayBuffer())))
  const tables = await env.DB.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all<{ name: string }>()
  for (const { name } of tables.results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>()
    for (const r of rows.results) {
      for (const v of Object.values(r)) {
        if (v instanceof ArrayBuffer) parts.push(hex(new Uint8Array(v)))
        else if (Array.isArray(v)) parts.push(hex(Uint8Array.from(v as number[])))
        else if (v !== null) parts.push(hex(new TextEncoder().encode(String(v))))
      }
    }
  }
  return parts.join('|')
}

const found = (haystackHex: string, needles: (string | Uint8Array)[]) =>
  needles.filter((n) => haystackHex.includes(typeof n === 'string' ? hex(new TextEncoder().encode(n)) : hex(n)))
const windows = (b: Uint8Array) => {
  const out: Uint8Array[] = []
  // Distinctive windows only: padding (runs of spaces or zeros) matches any such run elsewhere.
  for (let i = 0; i + 24 <= b.length; i += 16) if (new Set(b.subarray(i, i + 24)).size >= 6) out.push(b.subarray(i, i + 24))
  return out
}

async function formToken(): Promise<string> {
  const html = await (await exports.default.fetch('http://hotline.test/es/report')).text()
  return /name="token" value="([^"]+)"/.exec(html)![1]!
}

function reportForm(token: string, files: { name: string; bytes: Uint8Array }[]) {
  const body = new FormData()
  const fields: Record<string, string> = {
    token, country: 'MX', sector: 'auto_parts', employer: 'Autopartes del Bajío',
    description: 'Despidieron a 12 compañeros por apoyar al sindicato independiente.', occurredOn: 'earlier',
  }
  for (const [k, v] of Object.entries(fields)) body.append(k, v)
  for (const f of files) body.append('file', new File([f.bytes as Uint8Array<ArrayBuffer>], f.name, { type: 'image/jpeg' }))
  return body
}

const objectCount = async () => (await env.EVIDENCE!.list()).objects.length

describe('evidence (Workers, D1 + R2)', () => {
  it('a JPEG with GPS EXIF on the web form: stored stripped and encrypted in R2; opened once after approval', async () => {
    const res = await exports.default.fetch('http://hotline.test/es/report', {
      method: 'POST',
      body: reportForm(await formToken(), [{ name: 'Maria_Lopez_Garcia.jpg', bytes: photo }]),
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/\d{4} \d{4} \d{4} \d{4}/)
    const kase = await env.DB.prepare('SELECT id FROM cases ORDER BY rowid DESC LIMIT 1').first<{ id: string }>()
    const d = await testDeps()
    const [ev, ...more] = await listEvidence(d.sql, kase!.id)
    expect(more).toEqual([])
    expect(ev).toMatchObject({ kind: 'image', mime: 'image/jpeg', source: 'reporter' })

    const written = await everythingWrittenHex()
    // The scan sees the rows and the object (a control), and none of what must not be there.
    expect(found(written, ['image/jpeg', ev!.hash])).toHaveLength(2)
    const [object] = (await env.EVIDENCE!.list()).objects
    expect(written).toContain(hex(new Uint8Array(await (await env.EVIDENCE!.get(object!.key))!.arrayBuffer())))
    expect(found(written, SECRETS)).toEqual([])
    expect(GPS.filter((g) => written.includes(g))).toEqual([])
    expect(found(written, windows(photo))).toEqual([])

    const monitorId = await addStaff(d, { email: `m${Date.now()}@example.org`, role: 'monitor', scopes: [parseScope('right:*@MX')] })
    const custodianId = await addStaff(d, { email: `c${Date.now()}@example.org`, role: 'custodian' })
    const monitor: Actor = { id: monitorId, role: 'monitor', email: 'm', via: 'token' }
    const custodian: Actor = { id: custodianId, role: 'custodian', email: 'c', via: 'token' }
    await expect(openEvidence(d, monitor, kase!.id, ev!.id)).rejects.toMatchObject({ code: 'forbidden' })
    const request = await requestEvidenceAccess(d, monitor, kase!.id, ev!.id, 'The photo shows the notice of dismissal.')
    await decideAccess(d, custodian, request, 'approved', 'Needed to verify the notice.')
    // Approved, not released: the Worker holds no key it can open a worker's file with.
    await expect(openEvidence(d, monitor, kase!.id, ev!.id)).rejects.toMatchObject({ code: 'forbidden' })
    const row = await env.DB.prepare('SELECT key_sealed, key_enc FROM evidence WHERE id = ?').bind(ev!.id).first<{ key_sealed: ArrayBuffer; key_enc: unknown }>()
    expect(row!.key_enc).toBeNull()
    const sodium = await loadSodium()
    const fileKey = openSealed(sodium, new Uint8Array(row!.key_sealed), custodianPublicKeyOf(sodium, CUSTODIAN_PRIVATE_KEY), CUSTODIAN_PRIVATE_KEY)
    await releaseEvidence(d, sodium, CUSTODIAN_PRIVATE_KEY, request)
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_releases').first<{ n: number }>())!.n).toBe(1)
    const opened = await openEvidence(d, monitor, kase!.id, ev!.id)
    expect(opened.mime).toBe('image/jpeg')
    const expected = await stripMetadata(photo)
    if (!expected.ok) throw new Error('fixture does not strip')
    expect(hex(opened.bytes)).toBe(hex(expected.file.bytes))
    expect(opened.bytes.subarray(0, 2)).toEqual(new Uint8Array([0xff, 0xd8]))
    expect(found(hex(opened.bytes), [...SECRETS, 'http://ns.adobe.com'])).toEqual([])
    await expect(openEvidence(d, monitor, kase!.id, ev!.id)).rejects.toMatchObject({ code: 'forbidden' })
    // Used once: the release is gone, and nothing stored holds the file key in the clear.
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_releases').first<{ n: number }>())!.n).toBe(0)
    expect(fileKey.length).toBe(32)
    const after = await everythingWrittenHex()
    expect(after.includes(hex(fileKey))).toBe(false)
    expect(after.includes(hex(fileKey.subarray(0, 16)))).toBe(false)
    expect(after.includes(hex(new TextEncoder().encode(btoa(String.fromCharCode(...fileKey)))))).toBe(false)
  })

  it('a PDF with an author, named after the worker, by API follow-up: pdf-lib strips it in workerd', async () => {
    const filed = await exports.default.fetch('http://hotline.test/api/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Autopartes', description: 'No pagan las horas extra.', consentToContact: false }),
    })
    const { receipt } = (await filed.json()) as { receipt: string }
    const body = new FormData()
    body.append('receipt', receipt)
    body.append('file', new File([pdf as Uint8Array<ArrayBuffer>], 'maria-lopez-garcia.pdf', { type: 'application/pdf' }))
    const res = await exports.default.fetch('http://hotline.test/api/v1/follow-up/attachments', { method: 'POST', body })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { evidence: unknown[] }).evidence).toEqual([expect.objectContaining({ kind: 'document', pages: 2 })])
    expect(found(await everythingWrittenHex(), SECRETS)).toEqual([])
    const stripped = await stripMetadata(pdf)
    if (!stripped.ok) throw new Error('fixture does not strip')
    const text = new TextDecoder('latin1').decode(stripped.file.bytes)
    expect(text).not.toMatch(/Maria|\/Author|\/Info|\/Metadata|xmpmeta|HLCREATOR|HLPRODUCER/)
  })

  it('oversized, too many, wrong type and truncated files: translated 4xx, nothing stored', async () => {
    const before = await objectCount()
    const rows = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence').first<{ n: number }>())!.n
    const rowsBefore = await rows()
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(photo.subarray(0, 64))
    const bad = [
      { files: [{ name: 'a.jpg', bytes: big }], status: 413, message: es('web:attachments.tooLarge', { mb: 10 }) },
      { files: [1, 2, 3, 4].map((i) => ({ name: `${i}.jpg`, bytes: photo })), status: 400, message: es('web:attachments.tooMany', { max: 3 }) },
      { files: [{ name: 'a.jpg', bytes: new TextEncoder().encode('GIF89a\x01\x00\x01\x00') }], status: 415, message: es('web:attachments.wrongType') },
      { files: [{ name: 'a.jpg', bytes: photo.subarray(0, photo.length - 200) }], status: 400, message: es('web:attachments.unreadable') },
    ]
    for (const b of bad) {
      const res = await exports.default.fetch('http://hotline.test/es/report', { method: 'POST', body: reportForm(await formToken(), b.files) })
      expect(res.status).toBe(b.status)
      expect((await res.text()).replace(/&#39;/g, "'")).toContain(b.message)
    }
    expect(await objectCount()).toBe(before)
    expect(await rows()).toBe(rowsBefore)
  })

  it('the purge deletes the R2 objects with the rows', async () => {
    const res = await exports.default.fetch('http://hotline.test/es/report', {
      method: 'POST',
      body: reportForm(await formToken(), [{ name: 'x.jpg', bytes: photo }]),
    })
    expect(res.status).toBe(200)
    const d = await testDeps()
    // A release nobody used expires with the approval: the purge deletes it from D1 (a clock 8 days on).
    const kase = await env.DB.prepare('SELECT id FROM cases ORDER BY rowid DESC LIMIT 1').first<{ id: string }>()
    const [ev] = await listEvidence(d.sql, kase!.id)
    const monitor: Actor = { id: await addStaff(d, { email: `pm${Date.now()}@example.org`, role: 'monitor', scopes: [parseScope('right:*@MX')] }), role: 'monitor', email: 'm', via: 'token' }
    const custodian: Actor = { id: await addStaff(d, { email: `pc${Date.now()}@example.org`, role: 'custodian' }), role: 'custodian', email: 'c', via: 'token' }
    const request = await requestEvidenceAccess(d, monitor, kase!.id, ev!.id, 'The photo shows the notice of dismissal.')
    await decideAccess(d, custodian, request, 'approved', 'Needed to verify the notice.')
    await releaseEvidence(d, await loadSodium(), CUSTODIAN_PRIVATE_KEY, request)
    const releases = async () => (await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence_releases').first<{ n: number }>())!.n
    expect(await releases()).toBe(1)
    const later = await buildDeps({ sql: d.sql, config: d.config, log: d.log, blobs: d.blobs, clock: { now: () => Date.now() + 8 * DAY_MS } })
    await expect(openEvidence(later, monitor, kase!.id, ev!.id)).rejects.toMatchObject({ code: 'forbidden' })
    await purgeExpired(later)
    expect(await releases()).toBe(0)
    expect(await listEvidence(d.sql, kase!.id)).toHaveLength(1)
    const before = await objectCount()
    expect(before).toBeGreaterThan(0)
    await env.DB.prepare("UPDATE cases SET status = 'closed', updated_at = ?").bind(Date.now() - DEFAULT_RETENTION.closed * DAY_MS - 1).run()
    await purgeExpired(d)
    expect(await objectCount()).toBe(0)
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM evidence').first<{ n: number }>())!.n).toBe(0)
  })
})
