/**
 * @module store/case-reads
 * Read markers (`case_reads`): how many of a case's messages from the reporter a staff member
 * has seen. A count, never a time: it only grows, and a case is unread while it holds more
 * messages from the reporter than the count (store/queue.ts computes that for the queue).
 */
import type { Sql } from './port.js'

/** Mark every message from the reporter on the case as seen by this staff member. */
export function markSeen(sql: Sql, staffId: string, caseId: string): Promise<unknown> {
  return sql.run(
    `INSERT INTO case_reads (staff_id, case_id, seen)
     SELECT ?, ?, COUNT(*) FROM case_messages WHERE case_id = ? AND direction = 'from_reporter'
     ON CONFLICT (staff_id, case_id) DO UPDATE SET seen = MAX(case_reads.seen, excluded.seen)`,
    staffId,
    caseId,
    caseId,
  )
}

/** Mark the case unread again for this staff member (its newest reporter message unseen). */
export function markUnread(sql: Sql, staffId: string, caseId: string): Promise<unknown> {
  return sql.run(
    `INSERT INTO case_reads (staff_id, case_id, seen)
     SELECT ?, ?, MAX(COUNT(*) - 1, 0) FROM case_messages WHERE case_id = ? AND direction = 'from_reporter'
     ON CONFLICT (staff_id, case_id) DO UPDATE SET seen = excluded.seen`,
    staffId,
    caseId,
    caseId,
  )
}
