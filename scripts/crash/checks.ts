/**
 * @module scripts/crash/checks
 * After the last round: every acknowledged receipt still opens its case (the reporter's real
 * follow-up API), and the database holds nothing half-written.
 */
import Database from 'better-sqlite3'
import type { DriveContext, Tally } from './drivers.js'

/** Receipts acknowledged to a reporter that no longer open a case. */
export async function lostReceipts(ctx: DriveContext, tally: Tally): Promise<string[]> {
  const lost: string[] = []
  const queue = [...tally.receipts]
  const worker = async () => {
    for (let r = queue.shift(); r; r = queue.shift()) {
      const res = await fetch(`${ctx.origin}/api/v1/follow-up`, {
        method: 'POST',
        // Each check from its own source: wrong receipts are limited per source.
        headers: { 'content-type': 'application/json', 'x-test-source': `check-${ctx.next()}` },
        body: JSON.stringify({ receipt: r.receipt }),
        signal: AbortSignal.timeout(30_000),
      })
      await res.arrayBuffer()
      if (res.status !== 200) lost.push(`${r.channel} receipt: follow-up HTTP ${res.status}`)
    }
  }
  await Promise.all(Array.from({ length: 8 }, worker))
  return lost
}

/** One line per problem found in the database file (none when all is well). */
export function databaseProblems(path: string): { problems: string[]; cases: number; notes: number } {
  const db = new Database(path)
  const problems: string[] = []
  const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n
  const expectNone = (what: string, sql: string) => {
    const n = count(sql)
    if (n > 0) problems.push(`${n} ${what}`)
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') problems.push(`PRAGMA integrity_check: ${String(integrity)}`)
    const fk = db.pragma('foreign_key_check') as unknown[]
    if (fk.length > 0) problems.push(`${fk.length} rows whose parent row is gone (PRAGMA foreign_key_check)`)
    expectNone(
      "case(s) without their 'created' event",
      `SELECT COUNT(*) AS n FROM cases c WHERE NOT EXISTS
         (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.kind = 'created')`,
    )
    expectNone(
      'case(s) missing a field every filed case has',
      `SELECT COUNT(*) AS n FROM cases WHERE original_enc IS NULL OR length(original_enc) < 40
         OR description_redacted = '' OR employer = '' OR length(receipt_hash) <> 64
         OR NOT json_valid(rights) OR rights = '[]' OR NOT json_valid(commitments)
         OR created_at IS NULL OR ack_due_at <= created_at`,
    )
    for (const table of ['case_events', 'case_messages', 'voice_recordings', 'access_requests', 'case_grants']) {
      expectNone(
        `${table} row(s) of a case that does not exist`,
        `SELECT COUNT(*) AS n FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.id = t.case_id)`,
      )
    }
    // A note and its audit row are one batch: the two counts can only differ if a batch was torn.
    const notes = count(`SELECT COUNT(*) AS n FROM case_events WHERE kind = 'note'`)
    const noteRows = count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'case_note'`)
    if (notes !== noteRows) problems.push(`${notes} notes but ${noteRows} 'case_note' audit rows`)
    const head = db.prepare('SELECT seq FROM audit_head').get() as { seq: number } | undefined
    const last = count('SELECT COALESCE(MAX(seq), 0) AS n FROM audit_log')
    if ((head?.seq ?? 0) !== last) problems.push(`audit head #${head?.seq ?? 'none'} but last row #${last}`)
    return { problems, cases: count('SELECT COUNT(*) AS n FROM cases'), notes }
  } finally {
    db.close()
  }
}
