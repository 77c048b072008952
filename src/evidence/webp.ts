/**
 * @module evidence/webp
 * WebP metadata removal by RIFF chunk, without re-encoding: EXIF, XMP and ICCP chunks (and any
 * unknown chunk) go, the VP8X header's flags for them are cleared, and the RIFF size is set again.
 */
import { ascii, concat, need, putU32le, u32le } from './bytes.js'

const KEEP = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF'])

export const isWebp = (b: Uint8Array) => b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP'

/** The stripped WebP. Throws UnreadableFile on a truncated file. */
export function stripWebp(src: Uint8Array): Uint8Array {
  need(isWebp(src), 'webp: no header')
  const riffEnd = 8 + u32le(src, 4)
  need(riffEnd <= src.length, 'webp: truncated')
  const keep: Uint8Array[] = []
  let at = 12
  let images = 0
  while (at < riffEnd) {
    need(at + 8 <= riffEnd, 'webp: truncated chunk')
    const type = ascii(src, at, 4)
    const len = u32le(src, at + 4)
    const padded = len + (len & 1)
    need(at + 8 + len <= riffEnd, 'webp: truncated chunk')
    if (KEEP.has(type)) {
      const chunk = src.slice(at, Math.min(at + 8 + padded, riffEnd))
      // VP8X flags: bit 5 ICC, bit 3 EXIF, bit 2 XMP.
      if (type === 'VP8X' && len >= 1) chunk[8] = chunk[8]! & ~(0x20 | 0x08 | 0x04)
      keep.push(chunk)
      if (type === 'VP8 ' || type === 'VP8L' || type === 'ANMF') images++
    }
    at += 8 + padded
  }
  need(images > 0, 'webp: no image data')
  const body = concat(keep)
  const head = new Uint8Array(12)
  head.set(src.subarray(0, 12))
  putU32le(head, 4, 4 + body.length)
  return concat([head, body])
}
