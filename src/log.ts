/**
 * @module log
 * Structured, minimal logging. Callers pass only what is safe to write: never a phone number,
 * a message body, a receipt, an IP address or a name. `redactLogValue` is a last guard.
 */
export interface Logger {
  info(event: string, data?: Record<string, string | number | boolean | undefined>): void
  warn(event: string, data?: Record<string, string | number | boolean | undefined>): void
  error(event: string, data?: Record<string, string | number | boolean | undefined>): void
}

/** A logger that writes JSON lines through `write` (stdout on Node, console on Workers). */
export function jsonLogger(write: (line: string) => void): Logger {
  const emit = (level: string) => (event: string, data: Record<string, unknown> = {}) => {
    const safe: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(data)) safe[k] = typeof v === 'string' ? redactLogValue(v) : v
    write(JSON.stringify({ t: new Date().toISOString(), level, event, ...safe }))
  }
  return { info: emit('info'), warn: emit('warn'), error: emit('error') }
}

/** Mask digit runs and e-mail-like strings: a guard in case a caller passes something unsafe. */
export function redactLogValue(v: string): string {
  return v.replace(/[^\s@]+@[^\s@]+/g, '[email]').replace(/\+?\d[\d\s().-]{5,}\d/g, '[digits]')
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} }
