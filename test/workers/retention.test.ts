/**
 * @module test/workers/retention.test
 * The purge against real local D1 inside workerd: batches pass their ids as one JSON parameter
 * (D1 binds at most 100), the Cron run purges due cases whole, and a run stops at its budget.
 */
import { createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.js'
import { parseConfig } from '../../src/config.js'
import { buildDeps } from '../../src/deps.js'
import { silentLogger } from '../../src/log.js'
import { PURGE_BATCH, purgeExpired } from '../../src/privacy/retention.js'
import { d1Sql } from '../../src/store/d1.js'
import { createWorker } from '../../src/workers/entry.js'

const vars = env as unknown as Record<string, string>

/** `n` cases closed long ago (due), each with a message from the reporter and an encrypted note. */
async function seedDue(prefix: string, n: number) {
  const statements: D1PreparedStatement[] = []
  for (let i = 0; i < n; i++) {
    const id = `${prefix}-${i}`
    statements.push(
      env.DB.prepare(
        `INSERT INTO cases (id, reference, receipt_hash, channel, language, country, employer, description_redacted,
           original_enc, identity_sealed, status, created_at, updated_at, ack_due_at)
         VALUES (?, ?, ?, 'web', 'es', 'MX', 'E', 'D', X'0102', X'0304', 'closed', 0, 0, 0)`,
      ).bind(id, `HL-${prefix}-${i}`, `hash-${id}`),
      env.DB.prepare(
        `INSERT INTO case_messages (id, case_id, direction, channel, body_redacted, body_enc, created_at)
         VALUES (?, ?, 'from_reporter', 'web', 'x', X'05', 0)`,
      ).bind(`m-${id}`, id),
      env.DB.prepare(`INSERT INTO case_events (id, case_id, at, kind, data_enc) VALUES (?, ?, 0, 'note', X'06')`).bind(`e-${id}`, id),
    )
  }
  await env.DB.batch(statements)
}

async function left(prefix: string) {
  return env.DB.prepare(
    `SELECT
       (SELECT count(*) FROM cases WHERE id LIKE ?1 AND purged_at IS NULL) AS unpurged,
       (SELECT count(*) FROM cases WHERE id LIKE ?1 AND (original_enc IS NOT NULL OR identity_sealed IS NOT NULL)) AS sealed,
       (SELECT count(*) FROM case_messages WHERE case_id LIKE ?1) AS messages,
       (SELECT count(*) FROM case_events WHERE case_id LIKE ?1 AND data_enc IS NOT NULL) AS notes`,
  )
    .bind(`${prefix}-%`)
    .first<{ unpurged: number; sealed: number; messages: number; notes: number }>()
}

describe('the purge on D1', () => {
  it('the Cron run purges due cases whole, across batches', async () => {
    await seedDue('cron', PURGE_BATCH + 30)
    await createWorker().scheduled(createScheduledController({ cron: '*/5 * * * *' }), env)
    expect(await left('cron')).toEqual({ unpurged: 0, sealed: 0, messages: 0, notes: 0 })
  })

  it('stops at its case budget and finishes on the next run', async () => {
    await seedDue('budget', 150)
    const deps = await buildDeps({ sql: d1Sql(env.DB), config: parseConfig(vars), clock: systemClock, log: silentLogger })
    expect(await purgeExpired(deps, undefined, { maxCases: 120 })).toMatchObject({ cases: 120, complete: false })
    expect(await left('budget')).toMatchObject({ unpurged: 30, messages: 30 })
    expect(await purgeExpired(deps)).toMatchObject({ cases: 30, complete: true })
    expect(await left('budget')).toEqual({ unpurged: 0, sealed: 0, messages: 0, notes: 0 })
  })
})
