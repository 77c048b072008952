/**
 * @module test/workers/notifications.test
 * Staff notifications inside workerd with D1: intake and a reporter's reply through the Worker
 * write their outbox rows in the event's batch; the Cron fans them out by scope and sends them
 * with worker-mailer over cloudflare:sockets to a real SMTP server on loopback (started by
 * vitest.workers.config.ts); a refusing server leaves the delivery for a retry and intake works.
 */
import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { createWorker } from '../../src/workers/entry.js'

const SMTP = { SMTP_URL: env.TEST_SMTP_URL, SMTP_FROM: 'Hotline <hotline@example.org>' }
const report = {
  language: 'es',
  country: 'MX',
  employer: 'Autopartes Zacatecana',
  description: 'Despidieron a Rigoberta Quispe por apoyar al sindicato. Su número es 477 555 0199.',
  rights: ['freedom_of_association'],
}

interface Mail {
  to: string[]
  raw: string
  subject: string
  text: string
}
const inbox = async (): Promise<Mail[]> => (await env.SMTP_INBOX.fetch('http://inbox/')).json()
const refuse = (code: number) => env.SMTP_INBOX.fetch(`http://inbox/?refuse=${code}`, { method: 'POST' })

const rows = async (table: string) => (await env.DB.prepare(`SELECT * FROM ${table}`).all()).results

async function post(worker: ReturnType<typeof createWorker>, vars: Record<string, string>, path: string, body: unknown) {
  return worker.fetch(
    new Request(`http://hotline.test${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.77' },
      body: JSON.stringify(body),
    }),
    { ...env, ...vars },
    { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext,
  )
}

describe('staff notifications on Workers', () => {
  beforeEach(async () => {
    await refuse(0)
    await env.DB.batch([
      env.DB.prepare('DELETE FROM notify_outbox'),
      env.DB.prepare('DELETE FROM notify_deliveries'),
      env.DB.prepare('DELETE FROM staff_notify'),
      env.DB.prepare("DELETE FROM staff_scopes WHERE staff_id LIKE 'n-%'"),
      env.DB.prepare("DELETE FROM staff WHERE id LIKE 'n-%'"),
      env.DB.prepare("INSERT INTO staff (id, email, role, created_at) VALUES ('n-mx', 'n-mx@example.org', 'monitor', 0)"),
      env.DB.prepare(
        "INSERT INTO staff_scopes (staff_id, kind, value, country, sector) VALUES ('n-mx', 'right', 'freedom_of_association', 'MX', '*')",
      ),
      env.DB.prepare("INSERT INTO staff_notify (staff_id, new_cases, replies, lang, updated_at) VALUES ('n-mx', 'each', 'each', 'fr', 0)"),
    ])
  })

  it('writes the outbox row with the case and with the reply, and sends over cloudflare:sockets', async () => {
    const worker = createWorker()
    const before = (await inbox()).length
    const res = await post(worker, SMTP, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    const { receipt, reference } = (await res.json()) as { receipt: string; reference: string }
    const caseId = ((await env.DB.prepare('SELECT id FROM cases WHERE reference = ?').bind(reference).first()) as { id: string }).id
    expect(await rows('notify_outbox')).toEqual([
      { id: `new:${caseId}`, kind: 'new_case', case_id: caseId, actor_id: null, created_at: expect.any(Number) },
    ])
    const reply = await post(worker, SMTP, '/api/v1/follow-up/messages', { receipt, body: 'Me llamo Rigoberta Quispe.' })
    expect(reply.status).toBe(201)
    expect((await rows('notify_outbox')).map((r) => r.kind).sort()).toEqual(['new_case', 'reply'])

    await worker.scheduled(createScheduledController({ cron: '*/5 * * * *' }), { ...env, ...SMTP })
    expect(await rows('notify_outbox')).toEqual([])
    expect(await rows('notify_deliveries')).toEqual([])
    const mails = (await inbox()).slice(before)
    expect(mails.map((m) => m.to)).toEqual([['n-mx@example.org']])
    expect(mails[0]!.subject).toContain('Nouveaux dossiers et réponses')
    expect(mails[0]!.text).toContain('Nouveaux dossiers à traiter\u202f: 1.')
    for (const s of ['Rigoberta', 'Quispe', '477 555', 'Zacatecana', 'sindicato', reference, receipt]) {
      expect(mails[0]!.raw).not.toContain(s)
    }
  })

  it('keeps the delivery for a retry when the server refuses; intake is not touched', async () => {
    await refuse(451)
    const worker = createWorker()
    const res = await post(worker, SMTP, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    await worker.scheduled(createScheduledController({ cron: '*/5 * * * *' }), { ...env, ...SMTP })
    const [d] = (await rows('notify_deliveries')) as { attempts: number; sending_until: number | null; last_error: string }[]
    expect(d).toMatchObject({ attempts: 1, sending_until: null })
    expect(d!.last_error).toBe('smtp 451') // the code only: the server's words may name an address
  })

  it('writes nothing when SMTP is not configured', async () => {
    const res = await post(createWorker(), {}, '/api/v1/reports', report)
    expect(res.status).toBe(201)
    expect(await rows('notify_outbox')).toEqual([])
  })
})
