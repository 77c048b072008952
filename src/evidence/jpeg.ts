/**
 * @module evidence/jpeg
 * JPEG metadata removal by segment, without re-encoding (the pixels stay byte for byte): every
 * APPn segment goes (EXIF with its GPS and thumbnail in APP1, XMP in APP1, ICC in APP2, MPF
 * with its second picture's offsets in APP2, IPTC/Photoshop in APP13, maker segments), except a
 * plain JFIF APP0 (no thumbnail) and Adobe's APP14 (it says how the colours are coded: without
 * it some files decode with wrong colours; only its standard 12 bytes). COM (comments) go. An
 * unknown marker (a damaged file) is refused rather than kept. Anything after the end-of-image
 * marker goes too: phones append a second picture or a maker's trailer there, with their own EXIF.
 */
import { concat, need, u16be, UnreadableFile } from './bytes.js'

const SOI = 0xd8
const EOI = 0xd9
const SOS = 0xda
const APP0 = 0xe0
const APP14 = 0xee
const COM = 0xfe

/** Frame, table and scan segments: SOF0–SOF15 with DHT (C4), JPG (C8), DAC (CC); DQT, DNL, DRI, DHP, EXP, SOS. */
const STRUCTURAL = new Set([...Array.from({ length: 16 }, (_, i) => 0xc0 + i), 0xdb, 0xdc, 0xdd, 0xde, 0xdf, SOS])

/** Adobe's APP14: "Adobe", version, two flag words and the colour transform (12 bytes). */
const isAdobe = (seg: Uint8Array) =>
  seg.length === 16 && String.fromCharCode(...seg.subarray(4, 9)) === 'Adobe'

/** A JFIF APP0 without a thumbnail: "JFIF\0", version, units, densities, thumbnail 0×0. */
function isPlainJfif(seg: Uint8Array): boolean {
  const body = seg.subarray(4)
  return (
    body.length >= 14 &&
    body[0] === 0x4a && body[1] === 0x46 && body[2] === 0x49 && body[3] === 0x46 && body[4] === 0 &&
    body[12] === 0 && body[13] === 0
  )
}

/** The stripped JPEG. Throws UnreadableFile on a truncated or malformed file. */
export function stripJpeg(src: Uint8Array): Uint8Array {
  need(src.length >= 4 && src[0] === 0xff && src[1] === SOI, 'jpeg: no start of image')
  const keep: Uint8Array[] = [src.subarray(0, 2)]
  let at = 2
  let frames = 0
  for (;;) {
    need(at + 2 <= src.length, 'jpeg: truncated before end of image')
    need(src[at] === 0xff, 'jpeg: marker expected')
    let marker = src[at + 1]!
    while (marker === 0xff) {
      // Fill bytes before a marker.
      at++
      need(at + 2 <= src.length, 'jpeg: truncated')
      marker = src[at + 1]!
    }
    if (marker === EOI) {
      need(frames > 0, 'jpeg: no image data')
      keep.push(src.subarray(at, at + 2))
      return concat(keep)
    }
    if (marker === SOI || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      throw new UnreadableFile('jpeg: unexpected marker')
    }
    need(at + 4 <= src.length, 'jpeg: truncated segment')
    const len = u16be(src, at + 2)
    need(len >= 2 && at + 2 + len <= src.length, 'jpeg: truncated segment')
    const seg = src.subarray(at, at + 2 + len)
    const app = marker >= APP0 && marker <= 0xef
    // Kept: the segments that draw the picture, a plain JFIF header and Adobe's colour note.
    // Any other marker means a damaged file (it could hide a tag segment): refused.
    if (!app && marker !== COM && !STRUCTURAL.has(marker)) throw new UnreadableFile('jpeg: unknown marker')
    const keepApp = (marker === APP0 && isPlainJfif(seg)) || (marker === APP14 && isAdobe(seg))
    if (!app && marker !== COM) keep.push(seg)
    else if (keepApp) keep.push(seg)
    at += 2 + len
    if (marker === SOS) {
      frames++
      // Entropy-coded data: runs to the next marker that is not a stuffed 0xFF00 or a restart.
      const start = at
      for (;;) {
        need(at + 1 < src.length, 'jpeg: truncated image data')
        if (src[at] === 0xff) {
          const next = src[at + 1]!
          if (next !== 0 && !(next >= 0xd0 && next <= 0xd7) && next !== 0xff) break
        }
        at++
      }
      keep.push(src.subarray(start, at))
    }
  }
}
