/**
 * @module evidence/m4a
 * M4A (MPEG-4 audio) tag removal by box, without re-encoding: `udta` and `meta` (iTunes tags,
 * the recorder's name, a location) and `uuid` boxes go wherever they sit in `moov`; at the top
 * level only `ftyp`, `moov` and `mdat` stay. The creation and modification times in mvhd, tkhd
 * and mdhd are zeroed. Chunk offsets (stco/co64) are moved by however much the boxes before the
 * audio shrank. Only audio is accepted (every track's handler is `soun`); fragmented files are
 * refused.
 */
import { ascii, concat, need, putU32be, u32be, UnreadableFile } from './bytes.js'

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'edts', 'dinf'])
const DROP = new Set(['udta', 'meta', 'uuid'])
const TIMED = new Set(['mvhd', 'tkhd', 'mdhd'])

export const isMp4 = (b: Uint8Array) => b.length >= 12 && ascii(b, 4, 4) === 'ftyp'

interface Box {
  type: string
  start: number
  header: number
  end: number
}

function boxes(b: Uint8Array, from: number, to: number): Box[] {
  const out: Box[] = []
  let at = from
  while (at < to) {
    need(at + 8 <= to, 'm4a: truncated box')
    let size = u32be(b, at)
    let header = 8
    if (size === 1) {
      need(at + 16 <= to, 'm4a: truncated box')
      need(u32be(b, at + 8) === 0, 'm4a: box too large')
      size = u32be(b, at + 12)
      header = 16
    } else if (size === 0) size = to - at
    need(size >= header && at + size <= to, 'm4a: truncated box')
    out.push({ type: ascii(b, at + 4, 4), start: at, header, end: at + size })
    at += size
  }
  return out
}

/** A cleaned copy of a container box (recursively), and the handler types of its tracks. */
function clean(b: Uint8Array, box: Box, handlers: string[]): Uint8Array {
  const kids: Uint8Array[] = []
  for (const k of boxes(b, box.start + box.header, box.end)) {
    if (DROP.has(k.type)) continue
    if (CONTAINERS.has(k.type)) {
      kids.push(clean(b, k, handlers))
      continue
    }
    const copy = b.slice(k.start, k.end)
    if (TIMED.has(k.type)) {
      const v1 = copy[k.header] === 1
      copy.fill(0, k.header + 4, k.header + 4 + (v1 ? 16 : 8))
    }
    if (k.type === 'hdlr') {
      need(copy.length >= k.header + 12, 'm4a: short hdlr')
      handlers.push(ascii(copy, k.header + 8, 4))
    }
    kids.push(copy)
  }
  const body = concat(kids)
  const head = new Uint8Array(8)
  putU32be(head, 0, 8 + body.length)
  head.set(b.subarray(box.start + 4, box.start + 8), 4)
  return concat([head, body])
}

/** Patch every chunk offset of a cleaned moov, in place. */
function moveOffsets(moov: Uint8Array, move: (offset: number) => number) {
  const walk = (from: number, to: number) => {
    for (const k of boxes(moov, from, to)) {
      if (CONTAINERS.has(k.type)) walk(k.start + k.header, k.end)
      else if (k.type === 'stco' || k.type === 'co64') {
        const wide = k.type === 'co64'
        const n = u32be(moov, k.start + k.header + 4)
        const first = k.start + k.header + 8
        need(first + n * (wide ? 8 : 4) <= k.end, 'm4a: short chunk table')
        for (let i = 0; i < n; i++) {
          const at = first + i * (wide ? 8 : 4)
          if (wide) need(u32be(moov, at) === 0, 'm4a: offset too large')
          const pos = wide ? at + 4 : at
          putU32be(moov, pos, move(u32be(moov, pos)))
        }
      }
    }
  }
  walk(8, moov.length)
}

/** The stripped file and its duration in seconds. Throws UnreadableFile. */
export function stripM4a(src: Uint8Array): { bytes: Uint8Array; durationS: number } {
  need(isMp4(src), 'm4a: no ftyp')
  const top = boxes(src, 0, src.length)
  if (top.some((x) => x.type === 'moof')) throw new UnreadableFile('m4a: fragmented')
  const moovBox = top.find((x) => x.type === 'moov')
  need(moovBox !== undefined && top.some((x) => x.type === 'mdat'), 'm4a: no moov or mdat')
  const handlers: string[] = []
  const moov = clean(src, moovBox, handlers)
  need(handlers.length > 0 && handlers.every((h) => h === 'soun' || h === 'alis' || h === 'url '), 'm4a: not audio only')
  // Lay the kept boxes out and note where each mdat moves.
  const kept = top.filter((x) => x.type === 'ftyp' || x.type === 'moov' || x.type === 'mdat')
  const moves: { from: number; to: number; size: number }[] = []
  let at = 0
  for (const x of kept) {
    const size = x.type === 'moov' ? moov.length : x.end - x.start
    if (x.type === 'mdat') moves.push({ from: x.start, to: at, size })
    at += size
  }
  moveOffsets(moov, (o) => {
    const m = moves.find((x) => o >= x.from && o < x.from + x.size)
    need(m !== undefined, 'm4a: chunk outside the audio data')
    return o - m.from + m.to
  })
  const mvhd = boxes(moov, 8, moov.length).find((x) => x.type === 'mvhd')
  need(mvhd !== undefined, 'm4a: no mvhd')
  const v1 = moov[mvhd.start + mvhd.header] === 1
  const base = mvhd.start + mvhd.header + 4 + (v1 ? 16 : 8)
  const timescale = u32be(moov, base)
  const duration = v1 ? u32be(moov, base + 4) * 2 ** 32 + u32be(moov, base + 8) : u32be(moov, base + 4)
  const out = concat(kept.map((x) => (x.type === 'moov' ? moov : src.subarray(x.start, x.end))))
  return { bytes: out, durationS: timescale > 0 ? Math.round(duration / timescale) : 0 }
}
