/**
 * Evidence end to end on Node (issue 21): a phone photo with GPS, device and author tags is sent
 * on the web form under a file name that is the worker's name; nothing the server wrote (SQLite
 * file, WAL, evidence folder, log) holds the GPS values, the device, the name or any 24 bytes of
 * the original file; a monitor asks to open it, the custodian approves (the server still cannot
 * open it) and releases its key, the console serves a JPEG that decodes to the same pixels and
 * carries no EXIF, once. A PDF with an author sent by
 * API follow-up keeps neither the author nor its name.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { PDFDocument } from 'pdf-lib'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { stripMetadata } from '../../src/evidence/strip.js'
import { listEvidence } from '../../src/evidence/list.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { getForm, VALID_REPORT } from '../helpers/forms.js'
import { login, makeStaff, postForm as postConsole } from '../console/setup.js'
import { everythingWritten, findsNone, fixture, multipart, originalWindows, postMultipart, release, SECRETS, storedObjects } from './helpers.js'

let rt: TestRuntime
afterEach(() => rt?.close())

/** GPSLatitude and GPSLongitude as the fixture's EXIF stores them (big-endian rationals, exiftool -v3). */
const GPS = [
  Buffer.from('00000013000000010000001900000001', 'hex'),
  Buffer.from('00008c1c00000271', 'hex'),
  Buffer.from('00000063000000010000000700000001', 'hex'),
  Buffer.from('0000ed83000003fd', 'hex'),
]
const GPS_TEXT = ['19.432608', '99.133209', '19 deg', '35868/625']

async function fileReportWithPhoto() {
  const { token } = await getForm(rt, '/es/report')
  const photo = fixture('photo-gps.jpg')
  const res = await postMultipart(
    rt,
    '/es/report',
    multipart({ ...VALID_REPORT, token }, [{ name: 'Maria_Lopez_Garcia_nomina.jpg', bytes: photo, type: 'image/jpeg' }]),
  )
  return { res, photo }
}

describe('evidence on the web form (Node)', () => {
  it('a JPEG with GPS EXIF: stored stripped and encrypted; nothing written holds its tags, name or bytes', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.7' })
    const { res, photo } = await fileReportWithPhoto()
    expect(res.status).toBe(200)
    expect(await res.text()).toMatch(/\d{4} \d{4} \d{4} \d{4}/)
    const [kase] = await rt.deps.sql.all<{ id: string }>('SELECT id FROM cases')
    const listed = await listEvidence(rt.deps.sql, kase!.id)
    expect(listed).toHaveLength(1)
    expect(listed[0]).toMatchObject({ kind: 'image', mime: 'image/jpeg', source: 'reporter' })
    expect(listed[0]!.size).toBeLessThan(photo.length)
    expect(listed[0]!.hash).toMatch(/^[0-9a-f]{64}$/)

    const written = everythingWritten(rt)
    // The scan sees the row and the stored object (a control), and none of what must not be there.
    expect(findsNone(written, ['image/jpeg', listed[0]!.hash])).toHaveLength(2)
    expect(findsNone(written, [...SECRETS, ...GPS_TEXT, ...GPS, 'Exif\0\0', 'http://ns.adobe.com/xap'])).toEqual([])
    expect(findsNone(written, originalWindows(photo))).toEqual([])
    // Not even the stripped image's bytes are stored in the clear.
    const stripped = await stripMetadata(photo)
    if (!stripped.ok) throw new Error('fixture does not strip')
    expect(findsNone(written, originalWindows(stripped.file.bytes))).toEqual([])

    const objects = storedObjects(rt)
    expect(objects).toHaveLength(1)
    expect(statSync(join(rt.dir, 'evidence')).mode & 0o777).toBe(0o700)
    expect(statSync(join(rt.dir, 'evidence', objects[0]!)).mode & 0o777).toBe(0o600)
  })

  it('after the custodian approves and releases it, the console serves a JPEG with no EXIF, once', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.7' })
    const { photo } = await fileReportWithPhoto()
    const [kase] = await rt.deps.sql.all<{ id: string }>('SELECT id FROM cases')
    const [ev] = await listEvidence(rt.deps.sql, kase!.id)
    const monitor = await makeStaff(rt, 'monitor', 'monitor@example.org', { scopes: ['right:*@MX'] })
    const custodian = await makeStaff(rt, 'custodian', 'custodian@example.org')
    const m = await login(rt, monitor)
    const open = () => postConsole(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, m, {})

    // The case page says the file exists (kind, size), sealed.
    const page = await (await rt.app.request(`/console/cases/${kase!.id}`, { headers: { cookie: m.cookie } })).text()
    expect(page).toContain(`id="evidence-${ev!.id}"`)
    expect(page).toContain('image/jpeg')
    expect((await open()).status).toBe(403)

    const asked = await postConsole(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/access`, m, {
      reason: 'The photo shows the notice of dismissal.',
    })
    expect(asked.status).toBe(303)
    const [request] = await rt.deps.sql.all<{ id: string; item: string }>("SELECT id, item FROM access_requests WHERE what = 'evidence'")
    expect(request!.item).toBe(ev!.id)
    rt.clock.advance(30_000)
    const c = await login(rt, custodian)
    const decided = await postConsole(rt, `/console/custodian/requests/${request!.id}`, c, {
      decision: 'approved',
      reason: 'Needed to verify the notice.',
    })
    expect(decided.status).toBe(303)

    // Approved, but the server holds no key it can open a worker's file with: 403, nothing spent.
    expect((await open()).status).toBe(403)
    expect(await rt.deps.sql.get('SELECT used_at FROM access_requests WHERE id = ?', request!.id)).toEqual({ used_at: null })
    await release(rt, request!.id)

    // The approval is for the monitor who asked: a colleague in the same scope cannot use it.
    const colleague = await makeStaff(rt, 'monitor', 'colleague@example.org', { scopes: ['right:*@MX'] })
    rt.clock.advance(30_000)
    const other = await login(rt, colleague)
    expect((await postConsole(rt, `/console/cases/${kase!.id}/evidence/${ev!.id}/open`, other, {})).status).toBe(403)

    const res = await open()
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="evidence-[^"]+\.jpg"$/)
    expect(res.headers.get('content-disposition')).not.toMatch(/Maria/i)
    const served = new Uint8Array(await res.arrayBuffer())
    const meta = await sharp(served).metadata()
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 96, 64])
    expect(meta.exif).toBeUndefined()
    expect(meta.xmp).toBeUndefined()
    expect(meta.iptc).toBeUndefined()
    // Not re-encoded: the same pixels as the worker's photo.
    expect((await sharp(served).raw().toBuffer()).equals(await sharp(photo).raw().toBuffer())).toBe(true)
    expect(findsNone(Buffer.from(served), [...SECRETS, ...GPS, 'Exif\0\0'])).toEqual([])

    // Single use, audited.
    expect((await open()).status).toBe(403)
    const audit = await rt.deps.sql.all<{ action: string }>("SELECT action FROM audit_log WHERE action = 'access_opened'")
    expect(audit).toHaveLength(1)
  })

  it('a PDF with an author, named after the worker, sent by API follow-up keeps neither', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.7' })
    const filed = await rt.app.request('/api/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Autopartes del Bajío', description: 'No pagan las horas extra desde marzo.', consentToContact: false }),
    })
    const { receipt } = (await filed.json()) as { receipt: string }
    const pdf = fixture('maria-lopez-garcia.pdf')
    expect(Buffer.from(pdf).includes(Buffer.from('Maria Lopez Garcia'))).toBe(true)
    const res = await postMultipart(
      rt,
      '/api/v1/follow-up/attachments',
      multipart({ receipt }, [{ name: 'maria-lopez-garcia.pdf', bytes: pdf, type: 'application/pdf' }]),
    )
    expect(res.status).toBe(201)
    const body = (await res.json()) as { evidence: { id: string; kind: string; pages: number }[] }
    expect(body.evidence).toEqual([expect.objectContaining({ kind: 'document', mime: 'application/pdf', pages: 2 })])
    const written = everythingWritten(rt)
    expect(findsNone(written, SECRETS)).toEqual([])
    expect(findsNone(written, originalWindows(pdf))).toEqual([])

    // What would be served: no Info dictionary, no XMP, no author anywhere in the bytes.
    const stripped = await stripMetadata(pdf)
    if (!stripped.ok) throw new Error('fixture does not strip')
    const text = Buffer.from(stripped.file.bytes).toString('latin1')
    expect(text).not.toMatch(/Maria|\/Author|\/Info|\/Metadata|HLCREATOR|HLPRODUCER|x:xmpmeta/)
    const doc = await PDFDocument.load(stripped.file.bytes, { updateMetadata: false })
    expect([doc.getPageCount(), doc.getAuthor(), doc.getCreator(), doc.getTitle()]).toEqual([2, undefined, undefined, undefined])
  })
})
