/**
 * The fixtures exiftool then tags (scripts/make-evidence-fixtures.sh): a 96×64 JPEG and its
 * 32×24 thumbnail, a two-page PDF with an author, a one-second WAV with a LIST/INFO chunk.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { PDFDocument } from 'pdf-lib'

const out = process.argv[2]!
const raw = Buffer.alloc(96 * 64 * 3)
for (let y = 0; y < 64; y++) for (let x = 0; x < 96; x++) raw.set([x * 2, y * 3, 128], (y * 96 + x) * 3)
const image = sharp(raw, { raw: { width: 96, height: 64, channels: 3 } })
writeFileSync(join(out, 'photo-gps.jpg'), await image.clone().jpeg({ quality: 80 }).toBuffer())
writeFileSync(join(out, 'thumb.jpg'), await image.clone().resize(32, 24).jpeg().toBuffer())
writeFileSync(join(out, 'photo.png'), await image.clone().png().withMetadata({ exif: { IFD0: { Artist: 'Maria Lopez Garcia' } } }).toBuffer())

const pdf = await PDFDocument.create()
pdf.setAuthor('Maria Lopez Garcia')
pdf.setTitle('Recibo de nomina de Maria Lopez Garcia')
pdf.setCreator('HLCREATOR scanner app')
for (let i = 0; i < 2; i++) pdf.addPage([300, 400]).drawText(`Pagina ${i + 1}`, { x: 40, y: 300, size: 18 })
writeFileSync(join(out, 'maria-lopez-garcia.pdf'), await pdf.save())

// WAV: 1 s of 8 kHz 8-bit mono, then a LIST/INFO chunk naming the artist and the software.
const data = Buffer.alloc(8000, 128)
const info = Buffer.concat([Buffer.from('INFO'), tag('IART', 'Maria Lopez Garcia'), tag('ISFT', 'HLRECORDER 2.1')])
const list = Buffer.concat([Buffer.from('LIST'), u32(info.length), info])
const fmt = Buffer.concat([Buffer.from('fmt '), u32(16), u16(1), u16(1), u32(8000), u32(8000), u16(1), u16(8)])
const body = Buffer.concat([Buffer.from('WAVE'), fmt, Buffer.from('data'), u32(data.length), data, list])
writeFileSync(join(out, 'voice-note.wav'), Buffer.concat([Buffer.from('RIFF'), u32(body.length), body]))

function tag(id: string, text: string) {
  const t = Buffer.from(text + '\0')
  const padded = t.length % 2 ? Buffer.concat([t, Buffer.from([0])]) : t
  return Buffer.concat([Buffer.from(id), u32(t.length), padded])
}
function u32(n: number) {
  const b = Buffer.alloc(4)
  b.writeUInt32LE(n)
  return b
}
function u16(n: number) {
  const b = Buffer.alloc(2)
  b.writeUInt16LE(n)
  return b
}
