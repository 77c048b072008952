/**
 * Prints how long the evidence pipeline takes for one file of each kind at the size limit
 * (10 MB), on this machine: stripping (by format), per-file encryption (secretstream), and the
 * keyed hash; plus the peak heap growth of handling one file. `npm run bench:evidence`.
 * Run it on an idle machine: the numbers are the machine's, not a guarantee.
 */
import sharp from 'sharp'
import { PDFDocument } from 'pdf-lib'
import { createCrypto, generateKeys } from '../src/privacy/crypto.js'
import { loadSodium } from '../src/privacy/sodium.js'
import { stripMetadata } from '../src/evidence/strip.js'
import { MAX_FILE_BYTES } from '../src/evidence/limits.js'

const sodium = await loadSodium()
const keys = generateKeys(sodium)
const c = createCrypto(sodium, keys.dataKey, keys.custodianPublicKey)

/** A JPEG of noise close to the limit (noise does not compress). */
async function bigJpeg(): Promise<Uint8Array> {
  const side = 2600
  const raw = Buffer.alloc(side * side * 3)
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24
  return new Uint8Array(await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).jpeg({ quality: 98 }).toBuffer())
}

function bigWav(): Uint8Array {
  const data = MAX_FILE_BYTES - 44
  const b = Buffer.alloc(44 + data)
  b.write('RIFF', 0)
  b.writeUInt32LE(36 + data, 4)
  b.write('WAVEfmt ', 8)
  b.writeUInt32LE(16, 16)
  b.writeUInt16LE(1, 20)
  b.writeUInt16LE(1, 22)
  b.writeUInt32LE(16000, 24)
  b.writeUInt32LE(32000, 28)
  b.writeUInt16LE(2, 32)
  b.writeUInt16LE(16, 34)
  b.write('data', 36)
  b.writeUInt32LE(data, 40)
  return new Uint8Array(b)
}

async function bigPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setAuthor('Someone')
  const jpeg = await doc.embedJpg(await bigJpeg())
  for (let i = 0; i < 3; i++) doc.addPage([600, 800]).drawImage(jpeg, { x: 0, y: 0, width: 600, height: 800 })
  return doc.save()
}

async function time(name: string, file: Uint8Array) {
  const heap = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers
  let t = performance.now()
  const r = await stripMetadata(file)
  const strip = performance.now() - t
  if (!r.ok) throw new Error(`${name}: ${r.problem}`)
  t = performance.now()
  const { blob } = c.encryptFile(r.file.bytes, 'evidence:bench')
  const encrypt = performance.now() - t
  t = performance.now()
  c.fileHash(r.file.bytes)
  const hash = performance.now() - t
  const grew = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heap
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1)
  console.log(
    `${name.padEnd(6)} ${mb(file.length).padStart(5)} MB  strip ${strip.toFixed(0).padStart(5)} ms  encrypt ${encrypt.toFixed(0).padStart(4)} ms  hash ${hash.toFixed(0).padStart(3)} ms  (+${mb(grew)} MB held, ciphertext ${mb(blob.length)} MB)`,
  )
}

console.log(`evidence benchmark (node ${process.version})`)
await time('jpeg', await bigJpeg())
await time('wav', bigWav())
await time('pdf', await bigPdf())
