/**
 * @module evidence/png
 * PNG metadata removal by chunk, without re-encoding: only the chunks needed to draw the picture
 * faithfully are kept (IHDR, PLTE, IDAT, IEND, transparency, gamma, chromaticities, sRGB,
 * significant bits, background, pixel size, animation). Text (tEXt, zTXt, iTXt: XMP lives there),
 * eXIf, tIME, iCCP (an ICC profile can carry a device's name) and every unknown chunk go, and so
 * does anything after IEND. Chunk CRCs are checked: a damaged file is refused.
 */
import { ascii, concat, need, u32be } from './bytes.js'
import { crc32 } from './crc32.js'

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs', 'acTL', 'fcTL', 'fdAT'])

export const isPng = (b: Uint8Array) => SIGNATURE.every((x, i) => b[i] === x)

/** The stripped PNG. Throws UnreadableFile on a truncated or damaged file. */
export function stripPng(src: Uint8Array): Uint8Array {
  need(src.length >= 8 && isPng(src), 'png: no signature')
  const keep: Uint8Array[] = [src.subarray(0, 8)]
  let at = 8
  let first = true
  let images = 0
  for (;;) {
    need(at + 12 <= src.length, 'png: truncated')
    const len = u32be(src, at)
    need(len <= 0x7fffffff && at + 12 + len <= src.length, 'png: truncated chunk')
    const type = ascii(src, at + 4, 4)
    need(/^[A-Za-z]{4}$/.test(type), 'png: bad chunk type')
    need(!first || type === 'IHDR', 'png: IHDR must come first')
    first = false
    const crc = u32be(src, at + 8 + len)
    need(crc32(src.subarray(at + 4, at + 8 + len)) === crc, 'png: bad checksum')
    if (KEEP.has(type)) keep.push(src.subarray(at, at + 12 + len))
    if (type === 'IDAT') images++
    at += 12 + len
    if (type === 'IEND') {
      need(images > 0, 'png: no image data')
      return concat(keep)
    }
  }
}
