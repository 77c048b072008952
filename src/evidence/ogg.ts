/**
 * @module evidence/ogg
 * Ogg Opus and Ogg Vorbis tag removal: the comment header (OpusTags, or Vorbis's comment packet:
 * title, artist, encoder, and whatever a recorder app writes) is replaced by an empty one, the
 * header pages are laid out again, and every audio page is copied as it is with its sequence
 * number and checksum set again. Every page's checksum is checked first; a cut file (a page
 * shorter than its header says) or a file with several streams is refused.
 */
import { ascii, concat, need, u32le } from './bytes.js'
import { oggCrc } from './crc32.js'

export const isOgg = (b: Uint8Array) => b.length >= 4 && ascii(b, 0, 4) === 'OggS'

interface Page {
  start: number
  end: number
  flags: number
  granule: bigint
  serial: number
  segments: number[]
  dataStart: number
}

function readPages(src: Uint8Array): Page[] {
  const pages: Page[] = []
  let at = 0
  while (at < src.length) {
    need(at + 27 <= src.length && ascii(src, at, 4) === 'OggS' && src[at + 4] === 0, 'ogg: bad page')
    const n = src[at + 26]!
    need(at + 27 + n <= src.length, 'ogg: truncated page')
    const segments = Array.from(src.subarray(at + 27, at + 27 + n))
    const dataStart = at + 27 + n
    const end = dataStart + segments.reduce((a, b) => a + b, 0)
    need(end <= src.length, 'ogg: truncated page')
    const page = src.slice(at, end)
    const crc = u32le(page, 22)
    page.fill(0, 22, 26)
    need(oggCrc(page) === crc, 'ogg: bad checksum')
    const view = new DataView(src.buffer, src.byteOffset + at)
    pages.push({
      start: at,
      end,
      flags: src[at + 5]!,
      granule: view.getBigInt64(6, true),
      serial: view.getUint32(14, true),
      segments,
      dataStart,
    })
    at = end
  }
  need(pages.length >= 2, 'ogg: too short')
  need(pages.every((p) => p.serial === pages[0]!.serial), 'ogg: several streams')
  need((pages[pages.length - 1]!.flags & 4) !== 0, 'ogg: truncated (no end of stream)')
  return pages
}

/** One Ogg page from its parts, with its checksum. */
function page(flags: number, granule: bigint, serial: number, seq: number, segments: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(27 + segments.length + data.length)
  out.set([0x4f, 0x67, 0x67, 0x53, 0, flags])
  const view = new DataView(out.buffer)
  view.setBigInt64(6, granule, true)
  view.setUint32(14, serial, true)
  view.setUint32(18, seq, true)
  out[26] = segments.length
  out.set(segments, 27)
  out.set(data, 27 + segments.length)
  view.setUint32(22, oggCrc(out), true)
  return out
}

/** Lay packets out on pages (granule 0: header pages), the last page ending with the last packet. */
function headerPages(packets: Uint8Array[], serial: number, firstSeq: number): Uint8Array[] {
  const lacing: number[] = []
  for (const p of packets) {
    for (let n = p.length; ; n -= 255) {
      lacing.push(Math.min(n, 255))
      if (n < 255) break
    }
  }
  const data = concat(packets)
  const out: Uint8Array[] = []
  let used = 0
  let continued = false
  for (let i = 0; i < lacing.length; i += 255) {
    const segs = lacing.slice(i, i + 255)
    const len = segs.reduce((a, b) => a + b, 0)
    out.push(page(continued ? 1 : 0, 0n, serial, firstSeq + out.length, segs, data.subarray(used, used + len)))
    used += len
    continued = segs[segs.length - 1] === 255
  }
  return out
}

/** The stripped file and its duration in seconds. Throws UnreadableFile. */
export function stripOgg(src: Uint8Array): { bytes: Uint8Array; durationS: number; codec: 'opus' | 'vorbis' } {
  const pages = readPages(src)
  // Reassemble the header packets: Opus has 2 (head, tags), Vorbis 3 (id, comment, setup).
  const packets: Uint8Array[] = []
  let current: Uint8Array[] = []
  let wanted = 3
  let lastHeaderPage = -1
  for (let i = 0; i < pages.length && lastHeaderPage < 0; i++) {
    const p = pages[i]!
    let at = p.dataStart
    for (const seg of p.segments) {
      current.push(src.subarray(at, at + seg))
      at += seg
      if (seg < 255) {
        packets.push(concat(current))
        current = []
        if (packets.length === 1) {
          const first = packets[0]!
          if (ascii(first, 0, 8) === 'OpusHead') wanted = 2
          else need(first[0] === 1 && ascii(first, 1, 6) === 'vorbis', 'ogg: neither Opus nor Vorbis')
        }
        if (packets.length === wanted) {
          need(at === p.end, 'ogg: audio shares a page with the headers')
          lastHeaderPage = i
          break
        }
      }
    }
  }
  need(lastHeaderPage >= 0, 'ogg: headers incomplete')
  const opus = wanted === 2
  const serial = pages[0]!.serial
  const emptyTags = opus
    ? concat([new TextEncoder().encode('OpusTags'), new Uint8Array(8)])
    : concat([new Uint8Array([3]), new TextEncoder().encode('vorbis'), new Uint8Array(8), new Uint8Array([1])])
  need(opus ? ascii(packets[1]!, 0, 8) === 'OpusTags' : packets[1]![0] === 3, 'ogg: no comment header')
  const out: Uint8Array[] = [page(2, 0n, serial, 0, [packets[0]!.length], packets[0]!)]
  need(packets[0]!.length < 255, 'ogg: unexpected identification header')
  out.push(...headerPages(opus ? [emptyTags] : [emptyTags, packets[2]!], serial, 1))
  let seq = out.length
  for (const p of pages.slice(lastHeaderPage + 1)) {
    const copy = src.slice(p.start, p.end)
    const view = new DataView(copy.buffer)
    view.setUint32(18, seq++, true)
    view.setUint32(22, 0, true)
    view.setUint32(22, oggCrc(copy), true)
    out.push(copy)
  }
  const last = pages[pages.length - 1]!.granule
  const head = packets[0]!
  const durationS = opus
    ? Number(last - BigInt(head[10]! | (head[11]! << 8))) / 48000
    : Number(last) / u32le(head, 12)
  return { bytes: concat(out), durationS: Math.max(0, Math.round(durationS)), codec: opus ? 'opus' : 'vorbis' }
}
