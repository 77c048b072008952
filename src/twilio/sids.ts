/**
 * @module twilio/sids
 * What a Twilio resource id looks like: two capital letters naming the resource (SM/MM message,
 * CA call, RE recording, ME media) followed by 32 lowercase hex digits.
 */
const SID = /^([A-Z]{2})[0-9a-f]{32}$/

/** True when `value` is a well-formed sid, of one of `prefixes` when given. */
export function isSid(value: string | undefined, ...prefixes: string[]): value is string {
  const m = value ? SID.exec(value) : null
  return m !== null && (prefixes.length === 0 || prefixes.includes(m[1]!))
}
