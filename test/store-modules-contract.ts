/**
 * @module test/store-modules-contract
 * The store modules' key functions (src/store/*.ts), run on both adapters from
 * test/store-contract.ts: better-sqlite3 on a file, and D1 inside workerd. What matters most is
 * what D1 could do differently: compare-and-swap guards inside a batch (`changes()`, NOT NULL
 * aborts), `RETURNING`, `json_each` in the scope rule, and row order.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import * as accessRequests from '../src/store/access-requests.js'
import * as audit from '../src/store/audit.js'
import * as cases from '../src/store/cases.js'
import * as events from '../src/store/events.js'
import * as jobs from '../src/store/jobs.js'
import * as messages from '../src/store/messages.js'
import { stmt, type Sql } from '../src/store/port.js'
import * as queue from '../src/store/queue.js'
import * as rateLimits from '../src/store/rate-limits.js'
import * as replies from '../src/store/replies.js'
import * as sms from '../src/store/sms.js'
import * as staff from '../src/store/staff.js'
import * as voice from '../src/store/voice.js'
import { newCase, uniq } from './store-fixtures.js'


/** Register the store modules' contract for one adapter (`makeSql` opens a database with the schema). */
export function runStoreModulesContract(adapter: string, makeSql: () => Promise<Sql>): void {
  describe(`store modules (${adapter})`, () => {
    let sql: Sql
    beforeAll(async () => {
      sql = await makeSql()
    })

    it('cases: insert, then found by receipt hash, idempotency key, reference or id', async () => {
      const c = newCase({ idempotencyKey: uniq('idem') })
      await sql.batch([cases.insert(c)])
      expect(await cases.byReceiptHash(sql, c.receiptHash)).toMatchObject({ id: c.id, status: 'new', language: 'es' })
      expect(await cases.byIdempotencyKey(sql, c.idempotencyKey!)).toEqual({ id: c.id, reference: c.reference })
      expect(await cases.referenceOf(sql, c.id)).toBe(c.reference)
      expect(await cases.byReferenceOrId(sql, c.reference, 'none')).toEqual({ id: c.id, merged_into: null })
      expect(await cases.byReceiptHash(sql, uniq('wrong'))).toBeUndefined()
    })

    it('cases and events: a status compare-and-swap writes its event only while it holds', async () => {
      const c = newCase()
      await sql.batch([cases.insert(c)])
      const change = (from: string, to: string) => {
        const when = cases.hasStatus(c.id, from)
        return sql.batch([
          events.append({ id: uniq('ev'), caseId: c.id, at: 1, kind: 'status', data: { from, to } }, when),
          cases.setStatus(c.id, from, to, null, 1),
        ])
      }
      const won = await change('new', 'triaging')
      expect(won[0]).toEqual({ changes: 1 })
      // The port counts the UPDATE's own row, not those the queue's triggers rewrite (0013).
      expect(won[1]).toEqual({ changes: 1 })
      expect(await change('new', 'closed')).toEqual([{ changes: 0 }, { changes: 0 }])
      const note = uniq('note')
      await sql.batch([
        events.append({ id: note, caseId: c.id, at: 1, kind: 'note', actorId: 'a', dataEnc: new Uint8Array([9]) }),
      ])
      const timeline = await events.forCase(sql, c.id)
      expect(timeline.map((e) => e.kind)).toEqual(['status', 'note'])
      expect(JSON.parse(timeline[0]!.data)).toEqual({ from: 'new', to: 'triaging' })
      expect(timeline[1]).toMatchObject({ id: note, actor_id: 'a', data: '{}', data_enc: new Uint8Array([9]) })
    })

    it('messages: both directions, in order; idempotency key; the reporter originals only', async () => {
      const c = newCase()
      const key = uniq('msgkey')
      const [q, r] = [uniq('q'), uniq('r')]
      await sql.batch([
        cases.insert(c),
        messages.insertToReporter({ id: q, caseId: c.id, authorId: null, body: 'question', at: 5 }),
        messages.insertFromReporter({
          id: r,
          caseId: c.id,
          channel: 'sms',
          bodyRedacted: 'answer',
          bodyEnc: new Uint8Array([7]),
          idempotencyKey: key,
          at: 5,
        }),
      ])
      expect((await messages.forCase(sql, c.id)).map((m) => [m.id, m.direction])).toEqual([
        [q, 'to_reporter'],
        [r, 'from_reporter'],
      ])
      expect(await messages.idByIdempotencyKey(sql, key)).toBe(r)
      expect((await messages.reporterOriginals(sql, c.id)).map((m) => m.id)).toEqual([r])
    })

    it('queue: the scope rule (json_each) decides what a monitor sees and who gets a case', async () => {
      const monitor = uniq('mon')
      await sql.batch([
        staff.insert({ id: monitor, email: `${monitor}@x.org`, name: null, role: 'monitor', passwordHash: null, at: 1 }),
        staff.insertScope(monitor, { kind: 'right', value: 'wages', country: 'GT', sector: '*' }),
      ])
      const inScope = newCase({ country: 'GT', rights: '["wages","safety_health"]' })
      const outOfScope = newCase({ country: 'GT', rights: '["child_labor"]' })
      await sql.batch([cases.insert(inScope), cases.insert(outOfScope)])
      const viewer = { id: monitor, role: 'monitor' }
      expect(await queue.visibleCase(sql, viewer, inScope.id)).toMatchObject({ employer: inScope.employer })
      expect(await queue.visibleCase(sql, viewer, outOfScope.id)).toBeUndefined()
      const rows = await queue.queueChunk(sql, viewer, { statuses: ['new'], country: 'GT' }, undefined, 10)
      expect(rows.map((r) => r.id)).toEqual([inScope.id])
      const terms = { country: 'GT', sector: '', commitments: '[]', rights: '["wages"]', employerKey: uniq('emp') }
      expect(await queue.pickMonitor(sql, terms, ['new'])).toBeDefined()
      await sql.batch([staff.insertExclusion(monitor, terms.employerKey)])
      const picked = await queue.pickMonitor(sql, terms, ['new'])
      expect(picked).not.toBe(monitor)
    })

    it('audit: rows and head; a writer that read an old head fails its whole batch', async () => {
      // The log is shared by every test on this database: continue from what is there.
      const start = (await audit.head(sql)) ?? (await audit.lastRow(sql))
      const row = (seq: number, hash: string, prev: string): audit.AuditRow => ({
        seq,
        at: 1,
        actor_id: null,
        action: 'contract',
        case_id: null,
        data: '{}',
        prev_hash: prev,
        hash,
      })
      const seq = (start?.seq ?? 0) + 1
      const h1 = uniq('h1')
      await sql.batch([audit.insertRow(row(seq, h1, start?.hash ?? '0')), audit.moveHead(start, { seq, hash: h1 })])
      expect(await audit.head(sql)).toEqual({ seq, hash: h1 })
      expect(await audit.lastRow(sql)).toEqual({ seq, hash: h1 })
      expect(await audit.hashAt(sql, seq)).toBe(h1)
      expect((await audit.page(sql, seq, 10)).map((r) => r.hash)).toEqual([h1])
      // A second writer still holding the old head: its batch fails, nothing is written.
      const stale = sql.batch([
        audit.insertRow(row(seq + 1, uniq('h2'), h1)),
        audit.moveHead(start ?? { seq: 0, hash: '0' }, { seq: seq + 1, hash: 'x' }),
      ])
      const err = await stale.then(() => undefined, (e: unknown) => e)
      expect(audit.isConflict(err)).toBe(true)
      expect(await audit.lastRow(sql)).toEqual({ seq, hash: h1 })
      expect(await audit.strayRow(sql)).toBeUndefined()
    })

    it('sms: sessions are compare-and-swap inside a batch (changes() guard); opt-outs', async () => {
      const sender = uniq('sender')
      const write = (enc: number[], at: number): sms.SessionWrite => ({
        sender,
        language: 'es',
        step: 'describe',
        stateEnc: new Uint8Array(enc),
        at,
        expiresAt: at + 1000,
      })
      await sql.batch(sms.createSession(write([1], 10)))
      expect(await sms.liveSession(sql, sender, 10)).toEqual({ state_enc: new Uint8Array([1]) })
      // A second "create" for a live conversation loses the race: the batch fails whole.
      const marker = uniq('marker')
      await expect(
        sql.batch([
          stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, 0)', marker),
          ...sms.createSession(write([2], 11)),
        ]),
      ).rejects.toThrow()
      expect(await sql.get('SELECT key FROM rate_limits WHERE key = ?', marker)).toBeUndefined()
      await sql.batch(sms.replaceSession(write([3], 12), new Uint8Array([1])))
      await expect(sql.batch(sms.replaceSession(write([4], 13), new Uint8Array([1])))).rejects.toThrow()
      await expect(sql.batch(sms.endSession(sender, new Uint8Array([1])))).rejects.toThrow()
      await sql.batch(sms.endSession(sender, new Uint8Array([3])))
      expect(await sms.liveSession(sql, sender, 12)).toBeUndefined()
      await sql.batch([sms.optOut(sender, 'fr', 1)])
      expect(await sms.optOutOf(sql, sender)).toEqual({ language: 'fr' })
      await sql.batch([sms.optIn(sender)])
      expect(await sms.optOutOf(sql, sender)).toBeUndefined()
    })

    it('rate limits: count (RETURNING), give back, restart after the window', async () => {
      const key = uniq('rl')
      expect(await rateLimits.countOne(sql, key, 100, 0)).toBe(1)
      expect(await rateLimits.countOne(sql, key, 100, 1)).toBe(2)
      await rateLimits.giveBack(sql, key, 2)
      await rateLimits.add(sql, key, 100, 3)
      expect(await rateLimits.countOne(sql, key, 100, 4)).toBe(3)
      expect(await rateLimits.countOne(sql, key, 500, 100)).toBe(1) // expired: starts again
    })

    it('replies: the first reply stays', async () => {
      const key = uniq('reply')
      await sql.batch([replies.remember(key, new Uint8Array([1]), 5), replies.remember(key, new Uint8Array([2]), 6)])
      expect(await replies.get(sql, key)).toEqual({ reply_enc: new Uint8Array([1]), created_at: 5 })
    })

    it('staff: sessions and tokens only for enabled accounts; disabling ends both at once', async () => {
      const id = uniq('st')
      const email = `${id}@x.org`
      await sql.batch([staff.insert({ id, email, name: null, role: 'ngo', passwordHash: 'h', at: 1 })])
      await expect(
        sql.batch([staff.insert({ id: uniq('st'), email, name: null, role: 'ngo', passwordHash: null, at: 1 })]),
      ).rejects.toSatisfy(staff.isDuplicateEmail)
      const session = uniq('sess')
      const token = uniq('tok')
      await staff.insertSession(sql, { tokenHash: session, staffId: id, csrf: 'c', at: 1, expiresAt: 100 })
      await staff.insertToken(sql, { tokenHash: token, staffId: id, label: null, at: 1 })
      expect(await staff.sessionAccount(sql, session, 50)).toEqual({ id, role: 'ngo', email, csrf: 'c' })
      expect(await staff.tokenAccount(sql, token)).toEqual({ id, role: 'ngo', email })
      const enabled = staff.isEnabled(id, true)
      expect((await sql.batch(staff.disable(id, 60, enabled))).map((r) => r.changes)).toEqual([1, 1, 1])
      expect((await sql.batch(staff.disable(id, 61, enabled))).map((r) => r.changes)).toEqual([0, 0, 0])
      expect(await staff.sessionAccount(sql, session, 50)).toBeUndefined()
      expect(await staff.tokenAccount(sql, token)).toBeUndefined()
      expect((await staff.tokensByPrefix(sql, token.slice(0, 12))).map((t) => t.revoked_at)).toEqual([60])
    })

    it('access requests: decided once; an approval is used once', async () => {
      const c = newCase()
      const id = uniq('req')
      await sql.batch([
        cases.insert(c),
        accessRequests.insert({ id, caseId: c.id, what: 'identity', reason: 'because', requestedBy: 'm', at: 1 }),
      ])
      const decide = () =>
        sql.batch([
          accessRequests.decide({ id, decision: 'approved', reason: 'ok', decidedBy: 'k', at: 2, expiresAt: 100 }),
        ])
      expect((await decide())[0]!.changes).toBe(1)
      expect((await decide())[0]!.changes).toBe(0)
      expect(await accessRequests.usable(sql, c.id, 'identity', 50)).toEqual({ id })
      expect(await accessRequests.usable(sql, c.id, 'identity', 100)).toBeUndefined()
      const use = () => sql.batch([accessRequests.markUsed(id, c.id, 'identity', 50)])
      expect((await use())[0]!.changes).toBe(1)
      expect((await use())[0]!.changes).toBe(0)
      expect(await accessRequests.latestApproval(sql, c.id, 'identity')).toEqual({ id, used_at: 50, expires: 100 })
    })

    it('voice: calls, and a recording stored in parts read back in id order', async () => {
      const c = newCase()
      const call = uniq('call')
      await sql.batch([
        cases.insert(c),
        voice.saveCall({ callHash: call, language: 'fr', step: 'menu', stateEnc: new Uint8Array([1]), caseId: null, at: 1, expiresAt: 10 }),
        voice.saveCall({ callHash: call, language: null, step: 'problem', stateEnc: new Uint8Array([2]), caseId: c.id, at: 2, expiresAt: 20 }),
      ])
      expect(await voice.liveCall(sql, call, 5)).toEqual({ step: 'problem', state_enc: new Uint8Array([2]), case_id: c.id })
      await sql.batch([voice.dropCall(call)])
      expect(await voice.liveCall(sql, call, 5)).toBeUndefined()
      const rec = uniq('rec')
      await sql.batch([voice.insertRecording({ id: rec, caseId: c.id, purpose: 'statement', durationS: 30, at: 3 })])
      expect(await voice.recordingHead(sql, rec)).toEqual({ case_id: c.id, purpose: 'statement', stored: 0 })
      const parts = [new Uint8Array([1]), new Uint8Array([2]), new Uint8Array([3])]
      await sql.batch(voice.storeAudio(rec, 'statement', parts, 4))
      // A second run of the same job: the part rows exist already, so its batch fails whole.
      await expect(sql.batch(voice.storeAudio(rec, 'statement', parts, 4))).rejects.toThrow()
      const rows = await voice.recordingRows(sql, c.id)
      expect(rows.map((r) => [r.id, r.purpose, Array.from(r.audio_sealed ?? [])])).toEqual([
        [rec, 'statement', [1]],
        [`${rec}.001`, 'statement.part', [2]],
        [`${rec}.002`, 'statement.part', [3]],
      ])
      expect(await voice.recordingSummaries(sql, c.id)).toEqual([
        { purpose: 'statement', duration_s: 30, created_at: 3, stored: 1 },
      ])
      await sql.batch([voice.deleteRecording(rec)])
      expect(await voice.recordingRows(sql, c.id)).toEqual([])
    })

    it('jobs: cancel and hurry only what is not done (hurry: never leased)', async () => {
      const [a, b, done] = [uniq('ja'), uniq('jb'), uniq('jd')]
      const insert = (id: string, attempts: number, doneAt: number | null) =>
        stmt(
          'INSERT INTO jobs (id, kind, payload_enc, attempts, run_at, done_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
          id,
          'twilio.delete',
          new Uint8Array([0]),
          attempts,
          1000,
          doneAt,
          1,
        )
      await sql.batch([insert(a, 0, null), insert(b, 1, null), insert(done, 0, 5)])
      expect((await sql.batch([jobs.hurry([a, b, done], 7)]))[0]!.changes).toBe(1)
      expect(await sql.get('SELECT run_at FROM jobs WHERE id = ?', a)).toEqual({ run_at: 7 })
      expect((await sql.batch([jobs.cancel([a, b, done])]))[0]!.changes).toBe(2)
      expect(await sql.get('SELECT id FROM jobs WHERE id = ?', done)).toEqual({ id: done })
    })
  })
}
