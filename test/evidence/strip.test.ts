/**
 * Metadata stripping, format by format (evidence/strip.ts). Real files for JPEG, PNG, PDF and WAV
 * (test/fixtures/evidence, made by scripts/make-evidence-fixtures.sh); MP3, Ogg Opus, M4A and WebP
 * are built here byte by byte with their tags. Every tag goes, the media stays (same pixels, same
 * frames), a cut file is `unreadable`, anything else `unsupported`.
 */
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { oggCrc } from '../../src/evidence/crc32.js'
import { sniff, stripMetadata } from '../../src/evidence/strip.js'
import { fixture } from './helpers.js'

const enc = (s: string) => new TextEncoder().encode(s)
const cat = (...parts: (Uint8Array | number[] | string)[]) => {
  const bs = parts.map((p) => (typeof p === 'string' ? enc(p) : p instanceof Uint8Array ? p : new Uint8Array(p)))
  const out = new Uint8Array(bs.reduce((n, b) => n + b.length, 0))
  let at = 0
  for (const b of bs) {
    out.set(b, at)
    at += b.length
  }
  return out
}
const be32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]
const le32 = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255]
const has = (b: Uint8Array, s: string) => Buffer.from(b).includes(Buffer.from(s))

async function stripped(src: Uint8Array) {
  const r = await stripMetadata(src)
  if (!r.ok) throw new Error(`not stripped: ${r.problem}`)
  return r.file
}
const problem = async (src: Uint8Array) => {
  const r = await stripMetadata(src)
  return r.ok ? 'ok' : r.problem
}

// MP3: ID3v2 (title, artist), 40 MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz: 417 bytes each), ID3v1.
function mp3() {
  const frame = new Uint8Array(417)
  frame.set([0xff, 0xfb, 0x90, 0x00])
  const frames = cat(...Array.from({ length: 40 }, (_, i) => (frame.fill(i + 1, 4), frame.slice())))
  const tit2 = cat('TPE1', be32(19), [0, 0], [0], 'Maria Lopez Garcia')
  const id3 = cat('ID3', [3, 0, 0], [0, 0, 0, tit2.length], tit2)
  const v1 = cat('TAG', 'Maria Lopez Garcia'.padEnd(125, '\0'))
  return { file: cat(id3, frames, v1), frames }
}

// Ogg Opus: OpusHead, OpusTags (vendor and ARTIST), 50 audio pages of one 20 ms packet, EOS.
function oggPage(flags: number, granule: number, seq: number, packet: Uint8Array) {
  const segs: number[] = []
  for (let n = packet.length; ; n -= 255) {
    segs.push(Math.min(n, 255))
    if (n < 255) break
  }
  const page = cat('OggS', [0, flags], [...le32(granule), 0, 0, 0, 0], le32(0x1234), le32(seq), [0, 0, 0, 0], [segs.length], segs, packet)
  new DataView(page.buffer).setUint32(22, oggCrc(page), true)
  return page
}
function opus() {
  const head = cat('OpusHead', [1, 1], [0x38, 0x01], le32(48000), [0, 0, 0])
  const tags = cat('OpusTags', le32(10), 'HLRECORDER', le32(1), le32(24), 'ARTIST=Maria Lopez Garcia'.slice(0, 24))
  const audio = Array.from({ length: 50 }, (_, i) => oggPage(i === 49 ? 4 : 0, 312 + (i + 1) * 960, i + 2, new Uint8Array(60).fill(i + 1)))
  return cat(oggPage(2, 0, 0, head), oggPage(0, 0, 1, tags), ...audio)
}

// M4A: ftyp, moov (mvhd with times, one sound track with stco, udta/meta/ilst with the artist), mdat.
function box(type: string, ...body: (Uint8Array | number[] | string)[]) {
  const b = cat(...body)
  return cat(be32(8 + b.length), type, b)
}
function m4a() {
  const mvhd = box('mvhd', [0, 0, 0, 0], be32(0x7b000000), be32(0x7b000001), be32(1000), be32(2000), new Uint8Array(80))
  const stbl = (offset: number) => box('stbl', box('stco', [0, 0, 0, 0], be32(1), be32(offset)))
  const trak = (offset: number) =>
    box('trak', box('tkhd', [0, 0, 0, 7], be32(0x7b000000), be32(0x7b000000), new Uint8Array(72)),
      box('mdia', box('mdhd', [0, 0, 0, 0], be32(0x7b000000), be32(0x7b000000), be32(44100), be32(88200), [0, 0, 0, 0]),
        box('hdlr', [0, 0, 0, 0], [0, 0, 0, 0], 'soun', new Uint8Array(12), 'SoundHandler\0'),
        box('minf', stbl(offset))))
  const udta = box('udta', box('meta', [0, 0, 0, 0], box('ilst', box('\xa9ART', box('data', [0, 0, 0, 1, 0, 0, 0, 0], 'Maria Lopez Garcia')))))
  const ftyp = box('ftyp', 'M4A ', be32(0), 'M4A isom')
  const data = enc('AUDIO-SAMPLES-0123456789')
  const moovLen = box('moov', mvhd, trak(0), udta).length
  const offset = ftyp.length + moovLen + 8
  return { file: cat(ftyp, box('moov', mvhd, trak(offset), udta), box('mdat', data)), data }
}

// WebP (extended): VP8X with the EXIF and XMP flags, a lossless image chunk, EXIF and XMP chunks.
function webp() {
  const chunk = (type: string, body: Uint8Array) => cat(type, le32(body.length), body, body.length % 2 ? [0] : [])
  const body = cat(
    chunk('VP8X', new Uint8Array([0x2c, 0, 0, 0, 9, 0, 0, 9, 0, 0])),
    chunk('VP8L', new Uint8Array([0x2f, 9, 0x40, 2, 0, 1, 2, 3, 4])),
    chunk('EXIF', enc('MM\0*Maria Lopez Garcia HLDEVICE7')),
    chunk('XMP ', enc('<x:xmpmeta>Maria</x:xmpmeta>')),
  )
  return cat('RIFF', le32(4 + body.length), 'WEBP', body)
}

describe('stripping metadata', () => {
  it('JPEG: EXIF (GPS, device, thumbnail), XMP, IPTC, comment gone; the same pixels; a trailer after the image gone', async () => {
    const src = fixture('photo-gps.jpg')
    const f = await stripped(cat(src, 'Maria Lopez Garcia trailer'))
    expect(f).toMatchObject({ kind: 'image', mime: 'image/jpeg' })
    for (const s of ['Exif', 'HLDEVICE7', 'Xiaomi', 'Maria', 'HLCOMMENT', 'xmpmeta', 'Photoshop']) expect(has(f.bytes, s), s).toBe(false)
    const meta = await sharp(f.bytes).metadata()
    expect([meta.exif, meta.xmp, meta.iptc, meta.icc]).toEqual([undefined, undefined, undefined, undefined])
    expect((await sharp(f.bytes).raw().toBuffer()).equals(await sharp(src).raw().toBuffer())).toBe(true)
    expect(await problem(src.subarray(0, src.length - 100))).toBe('unreadable')
    expect(await problem(src.subarray(0, 200))).toBe('unreadable')
  })

  it('PNG: eXIf and text chunks gone, the same pixels', async () => {
    const src = fixture('photo.png')
    expect(has(src, 'eXIf')).toBe(true)
    const f = await stripped(src)
    for (const s of ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'Maria', 'iCCP']) expect(has(f.bytes, s), s).toBe(false)
    expect((await sharp(f.bytes).raw().toBuffer()).equals(await sharp(src).raw().toBuffer())).toBe(true)
    expect(await problem(src.subarray(0, src.length - 20))).toBe('unreadable')
  })

  it('WebP: EXIF and XMP chunks and their flags gone, the RIFF size right', async () => {
    const f = await stripped(webp())
    expect(f.mime).toBe('image/webp')
    for (const s of ['EXIF', 'XMP ', 'Maria', 'HLDEVICE7']) expect(has(f.bytes, s), s).toBe(false)
    expect(f.bytes[20]! & 0x2c).toBe(0)
    expect(new DataView(f.bytes.buffer).getUint32(4, true)).toBe(f.bytes.length - 8)
    expect(await problem(webp().subarray(0, 40))).toBe('unreadable')
  })

  it('PDF: Info dictionary and XMP gone (also the earlier revision exiftool left), pages kept', async () => {
    const src = fixture('maria-lopez-garcia.pdf')
    expect(Buffer.from(src).toString('latin1').match(/\/Info/g)!.length).toBeGreaterThan(1) // an incremental update
    const f = await stripped(src)
    expect(f).toMatchObject({ kind: 'document', pages: 2 })
    const text = Buffer.from(f.bytes).toString('latin1')
    for (const s of ['Maria', '/Author', '/Info', '/Metadata', 'xmpmeta', 'HLCREATOR', 'HLPRODUCER', '/Producer', '/Prev']) expect(text.includes(s), s).toBe(false)
    expect(await problem(src.subarray(0, src.length - 30))).toBe('unreadable')
  })

  it('WAV: LIST/INFO gone, fmt and data kept, duration', async () => {
    const src = fixture('voice-note.wav')
    const f = await stripped(src)
    expect(f).toMatchObject({ kind: 'audio', mime: 'audio/wav', durationS: 1 })
    for (const s of ['LIST', 'INFO', 'Maria', 'HLRECORDER']) expect(has(f.bytes, s), s).toBe(false)
    expect(f.bytes.length).toBe(12 + 24 + 8 + 8000)
  })

  it('MP3: ID3v2 and ID3v1 gone, every frame kept, duration', async () => {
    const { file, frames } = mp3()
    const f = await stripped(file)
    expect(f).toMatchObject({ kind: 'audio', mime: 'audio/mpeg', durationS: 1 })
    expect(Buffer.from(f.bytes).equals(Buffer.from(frames))).toBe(true)
    expect(await problem(file.subarray(0, 2000))).toBe('unreadable')
  })

  it('Ogg Opus: OpusTags emptied, pages renumbered with valid checksums, duration', async () => {
    const src = opus()
    const f = await stripped(src)
    expect(f).toMatchObject({ kind: 'audio', mime: 'audio/ogg; codecs=opus', durationS: 1 })
    for (const s of ['Maria', 'HLRECORDER', 'ARTIST']) expect(has(f.bytes, s), s).toBe(false)
    expect(has(f.bytes, 'OpusTags')).toBe(true)
    // The output is itself a valid file (checksums, sequence) with the same audio packets.
    const again = await stripped(f.bytes)
    expect(Buffer.from(again.bytes).equals(Buffer.from(f.bytes))).toBe(true)
    expect(await problem(src.subarray(0, src.length - 10))).toBe('unreadable')
    const corrupt = src.slice()
    corrupt[200] = corrupt[200]! ^ 1
    expect(await problem(corrupt)).toBe('unreadable')
  })

  it('M4A: udta/meta gone, times zeroed, chunk offsets moved to the same samples, duration', async () => {
    const { file, data } = m4a()
    const f = await stripped(file)
    expect(f).toMatchObject({ kind: 'audio', mime: 'audio/mp4', durationS: 2 })
    for (const s of ['Maria', 'udta', 'ilst', 'meta']) expect(has(f.bytes, s), s).toBe(false)
    const b = Buffer.from(f.bytes)
    const stco = b.indexOf('stco')
    const offset = b.readUInt32BE(stco + 12)
    expect(b.subarray(offset, offset + data.length).equals(Buffer.from(data))).toBe(true)
    const mvhd = b.indexOf('mvhd')
    expect(b.readUInt32BE(mvhd + 8)).toBe(0) // creation time
    expect(await problem(file.subarray(0, file.length - 5))).toBe('unreadable')
  })

  it('a damaged file never lets a tag through: every single-byte change of each fixture', { timeout: 120_000 }, async () => {
    const SECRETS = ['HLDEVICE7', 'Xiaomi', 'Maria', 'HLCOMMENT', 'HLCREATOR', 'HLPRODUCER', 'HLRECORDER', 'xmpmeta', 'Exif']
    // Every byte of the JPEG (its tags fill most of it); of the PNG and WAV, every byte of the
    // first and last 1,024 (where their tag chunks are) and every 17th of the pixels or samples
    // between; every 29th byte of the PDF (pdf-lib parses it twice).
    const all = [0x01, 0x10, 0x80, 0xff]
    const plan = [['photo-gps.jpg', 1, all], ['photo.png', 17, all], ['voice-note.wav', 17, all], ['maria-lopez-garcia.pdf', 29, [0x01, 0x80]]] as const
    for (const [name, step, xors] of plan) {
      const src = fixture(name)
      const leaks: string[] = []
      const near = (i: number) => step !== 29 && (i < 1024 || i >= src.length - 1024)
      for (let i = 0; i < src.length; i += near(i) ? 1 : step) {
        for (const x of xors) {
          const c = src.slice()
          c[i] = c[i]! ^ x
          const r = await stripMetadata(c)
          if (!r.ok) continue
          const out = Buffer.from(r.file.bytes)
          for (const s of SECRETS) if (out.includes(Buffer.from(s))) leaks.push(`${name}@${i}^${x}: ${s}`)
        }
      }
      expect(leaks).toEqual([])
    }
  })

  it('anything else is unsupported: by its bytes, never its name', async () => {
    expect(sniff(enc('GIF89a'))).toBeUndefined()
    expect(await problem(enc('GIF89a\x01\x00'))).toBe('unsupported')
    expect(await problem(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0]))).toBe('unsupported')
    expect(await problem(enc('<html><script>alert(1)</script>'))).toBe('unsupported')
    expect(await problem(enc('RIFF\x04\x00\x00\x00AVI '))).toBe('unsupported')
    expect(await problem(new Uint8Array(0))).toBe('unsupported')
  })
})
