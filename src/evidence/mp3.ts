/**
 * @module evidence/mp3
 * MP3 tag removal: ID3v2 tags in front go, then the MPEG audio frames are walked one by one and
 * only they are kept, so that whatever follows the last frame (ID3v1, APEv2, Lyrics3, an ID3v2
 * appended at the end) goes too. The walk also gives the duration. A file whose last frame is cut
 * short is refused as truncated.
 */
import { need, UnreadableFile } from './bytes.js'

// kbit/s by [version][layer][index]; version 1 = MPEG-1, 2 = MPEG-2 and 2.5.
const BITRATES: Record<string, number[]> = {
  '1-1': [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  '1-2': [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  '1-3': [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  '2-1': [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  '2-2': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  '2-3': [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
}
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }

interface Frame {
  length: number
  samples: number
  rate: number
}

/** The MPEG audio frame header at `at`, or undefined. */
export function frameAt(b: Uint8Array, at: number): Frame | undefined {
  if (at + 4 > b.length || b[at] !== 0xff || (b[at + 1]! & 0xe0) !== 0xe0) return undefined
  const versionBits = (b[at + 1]! >> 3) & 3
  const layerBits = (b[at + 1]! >> 1) & 3
  const bitrateIndex = b[at + 2]! >> 4
  const rateIndex = (b[at + 2]! >> 2) & 3
  const padding = (b[at + 2]! >> 1) & 1
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return undefined
  const layer = 4 - layerBits
  const v = versionBits === 3 ? 1 : 2
  const kbps = BITRATES[`${v}-${layer}`]![bitrateIndex]!
  const rate = RATES[versionBits]![rateIndex]!
  const bps = kbps * 1000
  const length =
    layer === 1
      ? (Math.floor((12 * bps) / rate) + padding) * 4
      : Math.floor(((layer === 3 && v === 2 ? 72 : 144) * bps) / rate) + padding
  const samples = layer === 1 ? 384 : layer === 3 && v === 2 ? 576 : 1152
  return { length, samples, rate }
}

/** Where the audio starts: after every ID3v2 tag in front (each with its optional footer). */
function afterId3v2(b: Uint8Array): number {
  let at = 0
  while (at + 10 <= b.length && b[at] === 0x49 && b[at + 1] === 0x44 && b[at + 2] === 0x33) {
    const s = b.subarray(at + 6, at + 10)
    need(s.every((x) => x < 0x80), 'mp3: bad ID3 size')
    const size = (s[0]! << 21) | (s[1]! << 14) | (s[2]! << 7) | s[3]!
    const footer = b[at + 5]! & 0x10 ? 10 : 0
    at += 10 + size + footer
    need(at <= b.length, 'mp3: truncated ID3 tag')
  }
  return at
}

/** A file that starts with an ID3v2 tag or two consecutive MPEG audio frames. */
export function looksLikeMp3(b: Uint8Array): boolean {
  if (b.length >= 3 && b[0] === 0x49 && b[1] === 0x44 && b[2] === 0x33) return true
  const f = frameAt(b, 0)
  return f !== undefined && frameAt(b, f.length) !== undefined
}

/** The frames alone, and the duration in seconds. Throws UnreadableFile. */
export function stripMp3(src: Uint8Array): { bytes: Uint8Array; durationS: number } {
  const start = afterId3v2(src)
  let at = start
  let seconds = 0
  let frames = 0
  for (;;) {
    const f = frameAt(src, at)
    if (!f) break
    need(at + f.length <= src.length, 'mp3: truncated frame')
    seconds += f.samples / f.rate
    frames++
    at += f.length
  }
  if (frames < 2) throw new UnreadableFile('mp3: no audio frames')
  return { bytes: src.slice(start, at), durationS: Math.round(seconds) }
}
