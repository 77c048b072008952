/**
 * @module intake/replay
 * Idempotency for deliveries that may be repeated: the answer given to a delivery (a Twilio
 * MessageSid or CallSid + step, a web form's nonce, an API Idempotency-Key) is kept, encrypted
 * (it may carry a receipt), under a keyed hash of the delivery id. A repeated delivery gets the
 * same answer and changes nothing. Answers are purged after a day (`privacy/retention`).
 */
import { minuteOf } from '../clock.js'
import type { Deps } from '../deps.js'
import type { Statement } from '../store/port.js'
import * as replies from '../store/replies.js'

// The `webhook:` domain predates the web and API callers; it stays so that stored keys still match.
const keyOf = (deps: Deps, deliveryId: string) =>
  deps.crypto.blindIndex('token', `webhook:${deliveryId}`)

/** The reply already given to this delivery, if any, and not older than `maxAgeMs`. */
export async function replayFor(
  deps: Deps,
  deliveryId: string,
  maxAgeMs = Number.POSITIVE_INFINITY,
): Promise<string | undefined> {
  const key = keyOf(deps, deliveryId)
  const row = await replies.get(deps.sql, key)
  if (!row || deps.clock.now() - row.created_at > maxAgeMs) return undefined
  return deps.crypto.decryptText(row.reply_enc, `reply:${key}`)
}

/**
 * A statement recording the reply to this delivery; put it in the same batch as the state
 * change it answers, so that a retry either sees both or neither.
 */
export function rememberReply(deps: Deps, deliveryId: string, reply: string): Statement {
  const key = keyOf(deps, deliveryId)
  return replies.remember(
    key,
    deps.crypto.encrypt(reply, `reply:${key}`),
    minuteOf(deps.clock.now()), // lives a day (retention.ts REPLY_TTL_MS)
  )
}
