/**
 * @module store/replies
 * Answers already given to deliveries that may be repeated (`webhook_replies`), under a keyed
 * hash of the delivery id, encrypted (intake/replay.ts). Purged after a day.
 */
import { stmt, type Sql, type Statement } from './port.js'

export function get(sql: Sql, key: string): Promise<{ reply_enc: Uint8Array; created_at: number } | undefined> {
  return sql.get('SELECT reply_enc, created_at FROM webhook_replies WHERE key = ?', key)
}

/** Remember a reply (the first one stays). */
export function remember(key: string, replyEnc: Uint8Array, at: number): Statement {
  return stmt('INSERT OR IGNORE INTO webhook_replies (key, reply_enc, created_at) VALUES (?, ?, ?)', key, replyEnc, at)
}
