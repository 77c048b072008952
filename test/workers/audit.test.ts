/**
 * @module test/workers/audit.test
 * The audit chain and its head on real local D1, inside workerd, where a `batch()` is the only
 * transaction: concurrent appends neither fork the chain nor lose the head, deleting the newest
 * rows fails verify, and appends afterwards keep the gap.
 */
import { env } from 'cloudflare:workers'
import { beforeEach, describe, expect, it } from 'vitest'
import { checkCheckpoint, checkpointLine } from '../../src/audit/checkpoint.js'
import { append, withAudit } from '../../src/audit/log.js'
import { verify } from '../../src/audit/verify.js'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config.js'
import { buildDeps, type Deps } from '../../src/deps.js'
import { silentLogger } from '../../src/log.js'
import { d1Sql } from '../../src/store/d1.js'
import { stmt } from '../../src/store/port.js'

let deps: Deps
beforeEach(async () => {
  deps = await buildDeps({
    sql: d1Sql(env.DB),
    config: parseConfig(env as unknown as Record<string, string>),
    clock: systemClock,
    log: silentLogger,
  })
  await env.DB.batch([env.DB.prepare('DELETE FROM audit_log'), env.DB.prepare('DELETE FROM audit_head')])
})

describe('audit log on D1', () => {
  it('concurrent appends keep one chain and the head on its last row', async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2
          ? append(deps, { actorId: null, action: 'race', data: { i } })
          : withAudit(deps, { actorId: null, action: 'race', data: { i } }, [
              stmt('INSERT INTO rate_limits (key, count, expires_at) VALUES (?, 1, 0)', `audit-${i}-${Date.now()}`),
            ]),
      ),
    )
    const r = await verify(deps)
    expect(r).toMatchObject({ ok: true, count: 12 })
    expect(r.storedHead).toEqual(r.head)
  })

  it('deleting the newest rows fails verify; appends after it keep the gap; a checkpoint shows it', async () => {
    for (let i = 0; i < 30; i++) await append(deps, { actorId: 'a', action: 'test', data: { i } })
    const line = checkpointLine(deps, (await verify(deps)).head!)
    await env.DB.prepare('DELETE FROM audit_log WHERE seq > 5').run()
    expect(await verify(deps)).toMatchObject({ ok: false, problem: 'truncated', brokenSeq: 6 })
    expect(await checkCheckpoint(deps, line)).toMatchObject({ ok: false, problem: 'missing' })
    await append(deps, { actorId: 'b', action: 'after' })
    expect(await verify(deps)).toMatchObject({ ok: false, problem: 'missing', brokenSeq: 6 })
    const { results } = await env.DB.prepare('SELECT seq FROM audit_log WHERE seq > 5').all()
    expect(results).toEqual([{ seq: 31 }])
  })
})
