/**
 * @module channels/whatsapp/ogg
 * WhatsApp voice notes are Ogg Opus (`audio/ogg; codecs=opus`). Two small things about them:
 * how long one lasts (the last page's granule position, less the stream's pre-skip, at Opus's
 * fixed 48 kHz: RFC 7845 §4), read before the audio is sealed so that monitors see its length;
 * and, for the development phone simulator and tests, a short silent voice note built from
 * scratch (RFC 3533 pages, one-byte Opus packets that decode as silence: RFC 6716 §3.2.1).
 * Pure: runs on Node and Workers.
 */

const OPUS_RATE = 48_000
const te = new TextEncoder()

/** The bytes at `at` spell `tag`. */
function startsWith(bytes: Uint8Array, at: number, tag: string): boolean {
  if (at + tag.length > bytes.length) return false
  for (let i = 0; i < tag.length; i++) if (bytes[at + i] !== tag.charCodeAt(i)) return false
  return true
}

/** Seconds of an Ogg Opus stream, rounded; undefined when the bytes are not Ogg Opus. */
export function oggOpusSeconds(bytes: Uint8Array): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let at = 0
  let preSkip: number | undefined
  let granule = -1n
  while (startsWith(bytes, at, 'OggS') && at + 27 <= bytes.length) {
    const segments = bytes[at + 26]!
    const headerEnd = at + 27 + segments
    if (headerEnd > bytes.length) break
    let size = 0
    for (let i = 0; i < segments; i++) size += bytes[at + 27 + i]!
    if (preSkip === undefined) {
      if (!startsWith(bytes, headerEnd, 'OpusHead') || headerEnd + 12 > bytes.length) return undefined
      preSkip = view.getUint16(headerEnd + 10, true)
    }
    const g = view.getBigInt64(at + 6, true)
    if (g > granule) granule = g
    at = headerEnd + size
  }
  if (preSkip === undefined || granule < 0n) return undefined
  return Math.max(0, Math.round(Number(granule - BigInt(preSkip)) / OPUS_RATE))
}

// ---- building a silent voice note

let CRC_TABLE: Uint32Array | undefined
/** Ogg's CRC-32: polynomial 0x04c11db7, not reflected, initial value 0. */
function oggCrc(bytes: Uint8Array): number {
  if (!CRC_TABLE) {
    CRC_TABLE = new Uint32Array(256)
    for (let i = 0; i < 256; i++) {
      let r = i << 24
      for (let j = 0; j < 8; j++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
      CRC_TABLE[i] = r >>> 0
    }
  }
  let crc = 0
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0
  return crc
}

/** One Ogg page holding whole packets (each under 255 bytes). */
function page(packets: Uint8Array[], granule: bigint, seq: number, type: number): Uint8Array {
  const body = packets.reduce((n, p) => n + p.length, 0)
  const out = new Uint8Array(27 + packets.length + body)
  const view = new DataView(out.buffer)
  out.set(te.encode('OggS'), 0)
  out[5] = type
  view.setBigInt64(6, granule, true)
  view.setUint32(14, 0x766f6963, true) // stream serial number ("voic")
  view.setUint32(18, seq, true)
  out[26] = packets.length
  let at = 27
  for (const p of packets) out[at++] = p.length
  for (const p of packets) (out.set(p, at), (at += p.length))
  view.setUint32(22, oggCrc(out), true)
  return out
}

/** A silent mono Ogg Opus voice note of `seconds` seconds (20 ms packets, 50 to a page). */
export function silentVoiceNote(seconds: number): Uint8Array {
  const preSkip = 312
  const head = new Uint8Array(19)
  head.set(te.encode('OpusHead'))
  head[8] = 1 // version
  head[9] = 1 // one channel
  new DataView(head.buffer).setUint16(10, preSkip, true)
  new DataView(head.buffer).setUint32(12, OPUS_RATE, true)
  const vendor = te.encode('hotline dev phone')
  const tags = new Uint8Array(8 + 4 + vendor.length + 4)
  tags.set(te.encode('OpusTags'))
  new DataView(tags.buffer).setUint32(8, vendor.length, true)
  tags.set(vendor, 12)
  const pages = [page([head], 0n, 0, 0x02), page([tags], 0n, 1, 0)]
  // TOC 0xF8: CELT, full band, 20 ms, mono, one frame of zero bytes (decodes as silence).
  const silence = new Uint8Array([0xf8])
  const total = Math.max(1, Math.round(seconds * 50))
  let granule = BigInt(preSkip)
  for (let done = 0; done < total; ) {
    const n = Math.min(50, total - done)
    done += n
    granule += BigInt(n * 960)
    pages.push(page(Array(n).fill(silence), granule, pages.length, done === total ? 0x04 : 0))
  }
  const out = new Uint8Array(pages.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of pages) (out.set(p, at), (at += p.length))
  return out
}
