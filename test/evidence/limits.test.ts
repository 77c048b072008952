/**
 * Evidence limits (issue 21): an oversized file, too many files, a file of the wrong type and a
 * truncated file each get a translated 4xx, on the web form, web follow-up and the API, and store
 * nothing (no evidence row, no object, no case from the form). Uploads count against the
 * per-source limit.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { EVIDENCE_PER_SOURCE, MAX_FILE_BYTES } from '../../src/evidence/limits.js'
import { tFor } from '../../src/i18n/index.js'
import { getForm, postForm, tokenIn, VALID_REPORT, unescape } from '../helpers/forms.js'
import { makeRuntime, postJson, type TestRuntime } from '../helpers/runtime.js'
import { fixture, multipart, postMultipart, storedObjects } from './helpers.js'

let rt: TestRuntime
afterEach(() => rt?.close())

const photo = fixture('photo-gps.jpg')
const es = tFor('es')

/** A file that starts like a JPEG and is 1 byte over the limit. */
const oversized = () => {
  const b = new Uint8Array(MAX_FILE_BYTES + 1)
  b.set(photo.subarray(0, 64))
  return b
}
const GIF = new TextEncoder().encode('GIF89a\x01\x00\x01\x00\x00\x00\x00;')
const ZIP = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8])

const BAD: { what: string; files: () => { name: string; bytes: Uint8Array }[]; status: number; message: string }[] = [
  { what: 'oversized', files: () => [{ name: 'a.jpg', bytes: oversized() }], status: 413, message: es('web:attachments.tooLarge', { mb: 10 }) },
  { what: 'too many', files: () => [1, 2, 3, 4].map((i) => ({ name: `${i}.jpg`, bytes: photo })), status: 400, message: es('web:attachments.tooMany', { max: 3 }) },
  { what: 'wrong type (GIF)', files: () => [{ name: 'a.jpg', bytes: GIF }], status: 415, message: es('web:attachments.wrongType') },
  { what: 'wrong type (ZIP named .pdf)', files: () => [{ name: 'a.pdf', bytes: ZIP }], status: 415, message: es('web:attachments.wrongType') },
  { what: 'truncated JPEG', files: () => [{ name: 'a.jpg', bytes: photo.subarray(0, photo.length - 200) }], status: 400, message: es('web:attachments.unreadable') },
  { what: 'truncated PDF', files: () => [{ name: 'a.pdf', bytes: fixture('maria-lopez-garcia.pdf').subarray(0, 3000) }], status: 400, message: es('web:attachments.unreadable') },
  { what: 'one good, one truncated WAV', files: () => [{ name: 'a.jpg', bytes: photo }, { name: 'b.wav', bytes: fixture('voice-note.wav').subarray(0, 5000) }], status: 400, message: es('web:attachments.unreadable') },
]

async function nothingStored() {
  const [{ n }] = (await rt.deps.sql.all<{ n: number }>('SELECT COUNT(*) AS n FROM evidence')) as [{ n: number }]
  expect(n).toBe(0)
  expect(storedObjects(rt)).toEqual([])
}

async function apiCase(): Promise<string> {
  const res = await postJson(rt, '/api/v1/reports', {
    language: 'es', country: 'MX', employer: 'Autopartes del Bajío', description: 'No pagan las horas extra.', consentToContact: false,
  })
  return ((await res.json()) as { receipt: string }).receipt
}

describe('evidence limits', () => {
  it.each(BAD)('API follow-up, $what → translated $status, nothing stored', async ({ files, status, message }) => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.20' })
    const receipt = await apiCase()
    const res = await postMultipart(rt, '/api/v1/follow-up/attachments', multipart({ receipt, language: 'es' }, files()))
    expect(res.status).toBe(status)
    const body = (await res.json()) as { error: { fields?: { file?: string } } }
    expect(body.error.fields?.file).toBe(message)
    await nothingStored()
  })

  it.each(BAD)('web form, $what → the form again with a translated $status, no case, nothing stored', async ({ files, status, message }) => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.21' })
    const { token } = await getForm(rt, '/es/report')
    const res = await postMultipart(rt, '/es/report', multipart({ ...VALID_REPORT, token }, files()))
    expect(res.status).toBe(status)
    const html = unescape(await res.text())
    expect(html).toContain(message)
    expect(html).toContain('enctype="multipart/form-data"')
    expect(html).toContain(String(VALID_REPORT.description)) // what the worker wrote is kept
    expect(await rt.deps.sql.all('SELECT id FROM cases')).toEqual([])
    await nothingStored()
  })

  it.each(BAD.slice(0, 3))('web follow-up, $what → the case page with a translated $status, nothing stored', async ({ files, status, message }) => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.22' })
    const receipt = await apiCase()
    const start = await getForm(rt, '/es/follow-up')
    const page = await postForm(rt, '/es/follow-up', { receipt, token: start.token }) // follows the 303 to the case page
    const token = tokenIn(await page.text(), '/es/follow-up/attachments')
    const res = await postMultipart(rt, '/es/follow-up/attachments', multipart({ receipt, token }, files()))
    expect(res.status).toBe(status)
    expect(unescape(await res.text())).toContain(message)
    await nothingStored()
  })

  it('web form with a field error: the file is checked too, and the worker told to choose it again', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.25' })
    const { token } = await getForm(rt, '/es/report')
    const good = await postMultipart(rt, '/es/report', multipart({ ...VALID_REPORT, description: '', token }, [{ name: 'a.jpg', bytes: photo }]))
    expect(good.status).toBe(400)
    expect(unescape(await good.text())).toContain(es('web:attachments.again'))
    const bad = await postMultipart(rt, '/es/report', multipart({ ...VALID_REPORT, description: '', token }, [{ name: 'a.jpg', bytes: GIF }]))
    expect(unescape(await bad.text())).toContain(es('web:attachments.wrongType'))
    expect(await rt.deps.sql.all('SELECT id FROM cases')).toEqual([])
    await nothingStored()
  })

  it('web follow-up takes a file and says so; the API refuses a wrong receipt with a 404', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.23' })
    const receipt = await apiCase()
    const start = await getForm(rt, '/es/follow-up')
    const page = await postForm(rt, '/es/follow-up', { receipt, token: start.token }) // follows the 303 to the case page
    const token = tokenIn(await page.text(), '/es/follow-up/attachments')
    const res = await postMultipart(rt, '/es/follow-up/attachments', multipart({ receipt, token }, [{ name: 'x.wav', bytes: fixture('voice-note.wav') }]))
    expect(res.status).toBe(200)
    expect(await res.text()).toContain(es('web:attachments.sent'))
    expect(storedObjects(rt)).toHaveLength(1)
    const wrong = await postMultipart(rt, '/api/v1/follow-up/attachments', multipart({ receipt: '1111 2222 3333 4444' }, [{ name: 'x.jpg', bytes: photo }]))
    expect(wrong.status).toBe(404)
    expect(storedObjects(rt)).toHaveLength(1)
  })

  it('uploads count against the per-source hourly limit (429 past it, nothing more stored)', async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.24' })
    const receipts: string[] = []
    for (let i = 0; i < 11; i++) receipts.push(await apiCase())
    // Different files (the same file twice on a case is stored once): the PNG, WAV and PDF fixtures.
    const three = [fixture('photo.png'), fixture('voice-note.wav'), fixture('maria-lopez-garcia.pdf')].map((bytes, i) => ({ name: `${i}`, bytes }))
    let stored = 0
    let last = 0
    for (const receipt of receipts) {
      const res = await postMultipart(rt, '/api/v1/follow-up/attachments', multipart({ receipt }, three))
      last = res.status
      if (res.status === 201) stored += 3
      else break
    }
    expect(stored).toBe(EVIDENCE_PER_SOURCE.max)
    expect(last).toBe(429)
    expect(storedObjects(rt)).toHaveLength(EVIDENCE_PER_SOURCE.max)
  })
})
