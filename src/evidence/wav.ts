/**
 * @module evidence/wav
 * WAV tag removal by RIFF chunk: only `fmt `, `fact` and `data` stay (LIST/INFO with its artist
 * and software, id3, bext with the recorder's name and time, iXML… go); sizes are set again.
 */
import { ascii, concat, need, putU32le, u32le } from './bytes.js'

const KEEP = new Set(['fmt ', 'fact', 'data'])

export const isWav = (b: Uint8Array) => b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE'

/** The stripped WAV and its duration in seconds. Throws UnreadableFile on a truncated file. */
export function stripWav(src: Uint8Array): { bytes: Uint8Array; durationS: number } {
  need(isWav(src), 'wav: no header')
  const riffEnd = 8 + u32le(src, 4)
  need(riffEnd <= src.length, 'wav: truncated')
  const keep: Uint8Array[] = []
  let byteRate = 0
  let dataBytes = -1
  let at = 12
  while (at + 8 <= riffEnd) {
    const type = ascii(src, at, 4)
    const len = u32le(src, at + 4)
    need(at + 8 + len <= riffEnd, 'wav: truncated chunk')
    const padded = Math.min(len + (len & 1), riffEnd - at - 8)
    if (KEEP.has(type)) keep.push(src.subarray(at, at + 8 + padded))
    if (type === 'fmt ') {
      need(len >= 16, 'wav: short fmt chunk')
      byteRate = u32le(src, at + 16)
    }
    if (type === 'data') dataBytes = len
    at += 8 + padded
  }
  need(byteRate > 0 && dataBytes >= 0, 'wav: no fmt or data chunk')
  const body = concat(keep)
  const head = new Uint8Array(12)
  head.set(src.subarray(0, 12))
  putU32le(head, 4, 4 + body.length)
  return { bytes: concat([head, body]), durationS: Math.round(dataBytes / byteRate) }
}
