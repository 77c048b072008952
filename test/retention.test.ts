import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addReporterMessage, addStaffMessage, caseByReceipt } from '../src/cases/reporter.js'
import { DAY_MS } from '../src/clock.js'
import { DEFAULT_RETENTION } from '../src/config.js'
import { purgeExpired } from '../src/privacy/retention.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

const report = {
  language: 'en',
  country: 'US',
  employer: 'Valley Packing Co.',
  description: 'We work 14 hours with no overtime pay.',
  contact: { phone: '+1 559 555 0142' },
  consentToContact: true,
}

async function file(rt: TestRuntime) {
  const res = await postJson(rt, '/api/v1/reports', report)
  const { receipt } = (await res.json()) as { receipt: string }
  const kase = await caseByReceipt(rt.deps, receipt)
  return { receipt, id: kase!.id }
}

describe('retention purge (fake clock)', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('purges exactly the cases past their status TTL, and nothing else', async () => {
    const closedOld = await file(rt)
    const openOld = await file(rt)
    rt.clock.advance(DAY_MS)
    const closedRecent = await file(rt)
    await rt.deps.sql.run("UPDATE cases SET status = 'closed' WHERE id IN (?, ?)", closedOld.id, closedRecent.id)
    for (const c of [closedOld, openOld, closedRecent]) {
      await addStaffMessage(rt.deps, c.id, null, 'Question?')
      await addReporterMessage(rt.deps, (await caseByReceipt(rt.deps, c.receipt))!, 'Answer.', 'api')
    }
    // Move to one day past the 'closed' TTL of the oldest case (measured from its last update).
    rt.clock.advance((DEFAULT_RETENTION.closed - 1) * DAY_MS + 1)
    await rt.deps.sql.run('UPDATE cases SET updated_at = ? WHERE id = ?', rt.clock.now() - DAY_MS, closedRecent.id)
    await rt.deps.sql.run('UPDATE cases SET updated_at = ? WHERE id IN (?, ?)', rt.clock.now() - DEFAULT_RETENTION.closed * DAY_MS - 1, closedOld.id, openOld.id)
    // An SMS conversation idle for more than its TTL, and one still active.
    const now = rt.clock.now()
    await rt.deps.sql.run("INSERT INTO sms_sessions (sender_hash, step, updated_at, expires_at) VALUES ('old', 'menu', ?, ?)", now - 2 * DAY_MS, now - DAY_MS)
    await rt.deps.sql.run("INSERT INTO sms_sessions (sender_hash, step, updated_at, expires_at) VALUES ('new', 'menu', ?, ?)", now, now + DAY_MS)

    const result = await purgeExpired(rt.deps)
    expect(result.cases).toBe(1)
    expect(result.conversations).toBe(1)

    const rows = await rt.deps.sql.all<{ id: string; identity_sealed: unknown; original_enc: unknown; purged_at: number | null; description_redacted: string }>(
      'SELECT id, identity_sealed, original_enc, purged_at, description_redacted FROM cases',
    )
    const byId = new Map(rows.map((r) => [r.id, r]))
    expect(byId.get(closedOld.id)).toMatchObject({ identity_sealed: null, original_enc: null })
    expect(byId.get(closedOld.id)!.purged_at).not.toBeNull()
    expect(byId.get(closedOld.id)!.description_redacted).toMatch(/overtime/) // the redacted case stays
    for (const kept of [openOld.id, closedRecent.id]) {
      expect(byId.get(kept)!.identity_sealed).not.toBeNull()
      expect(byId.get(kept)!.original_enc).not.toBeNull()
      expect(byId.get(kept)!.purged_at).toBeNull()
    }
    const threads = await rt.deps.sql.all<{ case_id: string }>('SELECT case_id FROM case_messages')
    expect(new Set(threads.map((t) => t.case_id))).toEqual(new Set([openOld.id, closedRecent.id]))
    expect(await caseByReceipt(rt.deps, closedOld.receipt)).toBeUndefined()
    expect(await caseByReceipt(rt.deps, openOld.receipt)).toBeDefined()
    const sessions = await rt.deps.sql.all<{ sender_hash: string }>('SELECT sender_hash FROM sms_sessions')
    expect(sessions.map((s) => s.sender_hash)).toEqual(['new'])
  })

  it('uses the configured TTLs', async () => {
    const c = await file(rt)
    rt.clock.advance(3 * DAY_MS)
    expect((await purgeExpired(rt.deps, { ...DEFAULT_RETENTION, new: 2 })).cases).toBe(1)
    expect(await caseByReceipt(rt.deps, c.receipt)).toBeUndefined()
  })
})
