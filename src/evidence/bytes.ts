/**
 * @module evidence/bytes
 * Small helpers for the format parsers: big/little-endian reads, concatenation, and the one error
 * every parser throws on a file it cannot read whole (truncated, or not what its magic bytes say).
 */

/** A file that does not parse as the type its magic bytes claim (truncated, corrupt). */
export class UnreadableFile extends Error {
  constructor(why: string) {
    super(why)
    this.name = 'UnreadableFile'
  }
}

/** Throw UnreadableFile unless `ok`. */
export function need(ok: boolean, why: string): asserts ok {
  if (!ok) throw new UnreadableFile(why)
}

export const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!
export const u32be = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!
export const u16le = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8)
export const u32le = (b: Uint8Array, at: number) => (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16)) + ((b[at + 3]! << 24) >>> 0)

export function putU32be(b: Uint8Array, at: number, v: number) {
  b[at] = (v >>> 24) & 0xff
  b[at + 1] = (v >>> 16) & 0xff
  b[at + 2] = (v >>> 8) & 0xff
  b[at + 3] = v & 0xff
}

export function putU32le(b: Uint8Array, at: number, v: number) {
  b[at] = v & 0xff
  b[at + 1] = (v >>> 8) & 0xff
  b[at + 2] = (v >>> 16) & 0xff
  b[at + 3] = (v >>> 24) & 0xff
}

/** The ASCII text of `n` bytes at `at` (chunk and box types). */
export const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n))

/** One array from parts. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
