import { RECEIPT_FAILURES_NETWORK } from '../src/privacy/rate-limit.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addStaffMessage } from '../src/cases/reporter.js'
import { decodeBase64 } from '../src/config.js'
import { openIdentity } from '../src/privacy/crypto.js'
import { purgeExpired } from '../src/privacy/retention.js'
import { makeRuntime, postJson, custodianKey, type TestRuntime } from './helpers/runtime.js'

const base = {
  language: 'es',
  country: 'MX',
  sector: 'auto_parts',
  employer: 'Autopartes del Bajío SA de CV',
  facility: 'Planta 2',
  location: 'Silao, Guanajuato',
  description: 'Nos despidieron a 12 compañeros por apoyar al sindicato independiente. Nunca votamos el contrato.',
  rights: ['freedom_of_association'],
}

describe('POST /api/v1/reports', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime({ remoteAddress: '203.0.113.7' })
  })
  afterEach(() => rt.close())

  it('files a report and returns a 16-digit receipt and a reference', async () => {
    const res = await postJson(rt, '/api/v1/reports', base)
    expect(res.status).toBe(201)
    const body = (await res.json()) as { receipt: string; reference: string }
    expect(body.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    expect(body.reference).toMatch(/^HL-[0-9A-Z]{4}-[0-9A-Z]{4}$/)
    const row = await rt.deps.sql.get<{ commitments: string; rights: string; channel: string }>(
      'SELECT commitments, rights, channel FROM cases',
    )
    expect(row?.channel).toBe('api')
    expect(JSON.parse(row!.rights)).toContain('freedom_of_association')
    expect(JSON.parse(row!.commitments)).toEqual(
      expect.arrayContaining(['usmca.23.3.1.a', 'usmca.31a.dor']),
    )
  })

  it('answers bad input with translated per-field errors and stores nothing', async () => {
    const res = await postJson(rt, '/api/v1/reports', {
      language: 'fr',
      country: 'ZZ',
      employer: '',
      description: 'x'.repeat(25_001),
      contact: { email: 'not-an-email' },
      surprise: 1,
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } }
    expect(body.error.code).toBe('validation')
    expect(body.error.fields.country).toBe('Choisissez un pays dans la liste.')
    expect(body.error.fields.employer).toBe('Merci de remplir ce champ.')
    expect(body.error.fields.description).toMatch(/25000/)
    expect(body.error.fields['contact.email']).toMatch(/adresse e-mail/)
    expect(body.error.fields.surprise).toBe('Nous ne connaissons pas ce champ.')
    const n = await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases')
    expect(n?.n).toBe(0)
  })

  it('names a value of the wrong type as such, not as missing', async () => {
    const res = await postJson(rt, '/api/v1/reports', { ...base, language: 'en', workersAffected: 'many' })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { fields: Record<string, string> } }
    expect(body.error.fields).toEqual({ workersAffected: 'Write a whole number, for example 40.' })
  })

  it('refuses contact details without consent', async () => {
    const res = await postJson(rt, '/api/v1/reports', { ...base, language: 'en', contact: { phone: '+52 1 477 123 4567' } })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { fields: Record<string, string> } }
    expect(Object.keys(body.error.fields)).toEqual(['consentToContact'])
  })

  it('refuses malformed JSON (400) and oversized bodies (413), translated', async () => {
    const bad = await rt.app.request('/api/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'es-MX,es;q=0.9' },
      body: '{nope',
    })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe('No pudimos leer lo que envió.')
    const big = await postJson(rt, '/api/v1/reports', { ...base, description: 'a'.repeat(70_000) })
    expect(big.status).toBe(413)
  })
})

describe('POST /api/v1/reports with an Idempotency-Key', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime({ remoteAddress: '203.0.113.8' })
  })
  afterEach(() => rt.close())

  const KEY = '5f0c2a4e-9b1d-4c3e-8a7f-2d6b1e0c9a33'
  const post = (body: unknown, key: string = KEY) =>
    postJson(rt, '/api/v1/reports', body, { 'idempotency-key': key })
  const countCases = async () =>
    (await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM cases'))!.n

  it('answers a retry with the same receipt and reference, and files one case', async () => {
    const first = await post(base)
    expect(first.status).toBe(201)
    expect(first.headers.get('idempotent-replayed')).toBeNull()
    const filed = (await first.json()) as { receipt: string; reference: string }
    expect(filed.receipt).toMatch(/^\d{4} \d{4} \d{4} \d{4}$/)
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(base).reverse())
    for (const body of [base, reordered]) {
      const again = await post(body)
      expect(again.status).toBe(201)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
      expect(again.headers.get('cache-control')).toBe('no-store')
      expect(await again.json()).toEqual(filed)
    }
    expect(await countCases()).toBe(1)
    // Remembered encrypted, under a keyed hash: neither the receipt nor the key is written.
    const written = rt.writtenBytes().toString('latin1')
    for (const needle of [filed.receipt, KEY]) expect(written.includes(needle)).toBe(false)
  })

  it('answers two retries racing each other with one case and the same answer', async () => {
    const answers = await Promise.all([post(base), post(base)])
    expect(answers.map((r) => r.status)).toEqual([201, 201])
    const [a, b] = await Promise.all(answers.map((r) => r.json()))
    expect(b).toEqual(a)
    expect(await countCases()).toBe(1)
  })

  it('refuses the same key with another body (409), and files nothing more', async () => {
    expect((await post(base)).status).toBe(201)
    const other = await post({ ...base, employer: 'Otra empresa SA' })
    expect(other.status).toBe(409)
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('conflict')
    expect(await countCases()).toBe(1)
  })

  it('remembers nothing for a refused request: corrected, it files under the key', async () => {
    const bad = await post({ ...base, country: 'ZZ' })
    expect(bad.status).toBe(400)
    expect((await post(base)).status).toBe(201)
    expect(await countCases()).toBe(1)
  })

  it('keys are separate: another key files another case', async () => {
    expect((await post(base)).status).toBe(201)
    expect((await post(base, 'retry-2')).status).toBe(201)
    expect((await postJson(rt, '/api/v1/reports', base)).status).toBe(201)
    expect(await countCases()).toBe(3)
  })

  it('refuses a key reused after its answer was purged (409), and files nothing more', async () => {
    expect((await post(base)).status).toBe(201)
    rt.clock.advance(24 * 3_600_000 + 1)
    await purgeExpired(rt.deps)
    expect((await post(base)).status).toBe(409)
    expect(await countCases()).toBe(1)
  })

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'two words'],
    ['with a control character', 'a\tb'],
  ])('refuses a malformed key (%s) with a translated field error', async (_, key) => {
    const res = await post({ ...base, language: 'fr' }, key)
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } }
    expect(body.error.code).toBe('validation')
    expect(body.error.fields).toEqual({ 'Idempotency-Key': "Cette valeur n'est pas valable." })
    expect(await countCases()).toBe(0)
  })

  it('takes a key of 128 visible characters', async () => {
    expect((await post(base, '~!'.repeat(64))).status).toBe(201)
  })
})

describe('privacy: nothing about the reporter is written in plaintext', () => {
  it('scans the database, its WAL and the log after intake and follow-up, then opens the identity', async () => {
    const rt = await makeRuntime({ remoteAddress: '198.51.100.23' })
    try {
      const name = 'Guadalupe Hernández Ríos'
      const phone = '+52 1 477 555 0199'
      const email = 'lupita.hr@correo-ejemplo.mx'
      const res = await postJson(rt, '/api/v1/reports', {
        ...base,
        description: `${base.description} Pueden escribirme a ${email} o al ${phone}.`,
        contact: { name, phone, email },
        consentToContact: true,
      })
      expect(res.status).toBe(201)
      const { receipt } = (await res.json()) as { receipt: string }
      const kase = await rt.deps.sql.get<{ id: string; identity_sealed: Uint8Array }>('SELECT id, identity_sealed FROM cases')
      await addStaffMessage(rt.deps, kase!.id, null, '¿Cuántas personas despidieron?')
      const fu = await postJson(rt, '/api/v1/follow-up', { receipt })
      expect(fu.status).toBe(200)
      const reply = await postJson(rt, '/api/v1/follow-up/messages', {
        receipt,
        body: `Doce. Soy ${name}, mi cel ${phone}`,
      })
      expect(reply.status).toBe(201)

      const written = rt.writtenBytes().toString('latin1') + rt.writtenBytes().toString('utf8')
      const digits = phone.replace(/\D/g, '')
      for (const needle of [name, 'Guadalupe', 'Hernández', email, 'lupita.hr', phone, digits, digits.slice(-10), '477 555 0199', receipt, receipt.replace(/ /g, ''), '198.51.100.23']) {
        expect(written.includes(needle), `found ${needle}`).toBe(false)
      }

      const { sodium } = rt
      const identity = openIdentity(
        sodium,
        kase!.identity_sealed,
        rt.config.custodianPublicKey,
        decodeBase64(custodianKey(rt))!,
      )
      expect(identity).toMatchObject({ name, phone, email })
    } finally {
      rt.close()
    }
  })
})

describe('follow-up', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime({ remoteAddress: '192.0.2.10' })
  })
  afterEach(() => rt.close())

  it('shows status and the monitor question, and takes an answer', async () => {
    const { receipt } = (await (await postJson(rt, '/api/v1/reports', { ...base, language: 'en' })).json()) as { receipt: string }
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    await addStaffMessage(rt.deps, kase!.id, null, 'Which shift were you on?')
    const res = await postJson(rt, '/api/v1/follow-up', { receipt: receipt.replace(/ /g, '-') })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; statusLabel: string; messages: { direction: string; body: string }[] }
    expect(body.status).toBe('new')
    expect(body.statusLabel).toMatch(/monitor/)
    expect(body.messages).toEqual([expect.objectContaining({ direction: 'to_reporter', body: 'Which shift were you on?' })])
    const answer = await postJson(rt, '/api/v1/follow-up/messages', { receipt, body: 'Night shift.' })
    expect(answer.status).toBe(201)
    const empty = await postJson(rt, '/api/v1/follow-up/messages', { receipt, body: '   ', language: 'es' })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { error: { fields: Record<string, string> } }).error.fields.body).toBe('Por favor, llene este dato.')
  })

  it('lets no burst of parallel wrong receipts past the limit', async () => {
    const { max } = RECEIPT_FAILURES_NETWORK
    const tries = await Promise.all(
      Array.from({ length: max + 15 }, (_, i) => postJson(rt, '/api/v1/follow-up', { receipt: `9999 0000 0000 ${String(i).padStart(4, '0')}` })),
    )
    const statuses = tries.map((r) => r.status)
    expect(statuses.filter((s) => s === 404)).toHaveLength(max)
    expect(statuses.filter((s) => s === 429)).toHaveLength(15)
  })

  it('does not count receipts that open a case', async () => {
    const { receipt } = (await (await postJson(rt, '/api/v1/reports', { ...base, language: 'en' })).json()) as { receipt: string }
    for (let i = 0; i < 15; i++) expect((await postJson(rt, '/api/v1/follow-up', { receipt })).status).toBe(200)
  })

  it('answers a wrong receipt with 404, and the one past the hourly budget with 429', async () => {
    for (let i = 0; i < RECEIPT_FAILURES_NETWORK.max; i++) {
      const res = await postJson(rt, '/api/v1/follow-up', { receipt: `0000 0000 0000 00${String(i).padStart(2, '0')}` })
      expect(res.status).toBe(404)
    }
    const eleventh = await postJson(rt, '/api/v1/follow-up', { receipt: '1111 2222 3333 4444' })
    expect(eleventh.status).toBe(429)
    rt.clock.advance(3_600_001)
    const later = await postJson(rt, '/api/v1/follow-up', { receipt: '1111 2222 3333 4444' })
    expect(later.status).toBe(404)
    expect(rt.logs.join('\n')).not.toMatch(/1111|0000 0000/)
    const stored = await rt.deps.sql.all<{ key: string }>('SELECT key FROM rate_limits')
    expect(stored.every((r) => !r.key.includes('192.0.2.10'))).toBe(true)
  })
})
