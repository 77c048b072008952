/**
 * @module evidence/strip
 * What a file is, decided by its first bytes only (never by its name or the type the browser
 * claims), and the file without its metadata. Accepted: JPEG, PNG, WebP, PDF, Ogg (Opus,
 * Vorbis), MP3, M4A, WAV. Anything else is `unsupported`; a file that starts right but does not
 * parse to its end is `unreadable` (truncated or damaged). Pure TypeScript and pdf-lib: the same
 * code runs on Node and in workerd.
 */
import { stripJpeg } from './jpeg.js'
import { isMp4, stripM4a } from './m4a.js'
import { looksLikeMp3, stripMp3 } from './mp3.js'
import { isOgg, stripOgg } from './ogg.js'
import { isPdf, stripPdf } from './pdf.js'
import { isPng, stripPng } from './png.js'
import { isWav, stripWav } from './wav.js'
import { isWebp, stripWebp } from './webp.js'

export type EvidenceKind = 'image' | 'document' | 'audio'

export interface StrippedFile {
  bytes: Uint8Array
  kind: EvidenceKind
  mime: string
  pages?: number
  durationS?: number
}

export type Sniffed = 'jpeg' | 'png' | 'webp' | 'pdf' | 'ogg' | 'mp3' | 'm4a' | 'wav'

/** The accepted type the bytes start with, or undefined. */
export function sniff(b: Uint8Array): Sniffed | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg'
  if (isPng(b)) return 'png'
  if (isWebp(b)) return 'webp'
  if (isPdf(b)) return 'pdf'
  if (isOgg(b)) return 'ogg'
  if (isWav(b)) return 'wav'
  if (isMp4(b)) return 'm4a'
  if (looksLikeMp3(b)) return 'mp3'
  return undefined
}

export type StripResult = { ok: true; file: StrippedFile } | { ok: false; problem: 'unsupported' | 'unreadable' }

/** Sniff and strip. Never throws for a bad file: says `unsupported` or `unreadable`. */
export async function stripMetadata(src: Uint8Array): Promise<StripResult> {
  const type = sniff(src)
  if (!type) return { ok: false, problem: 'unsupported' }
  try {
    return { ok: true, file: await stripAs(type, src) }
  } catch {
    // UnreadableFile from our parsers, or whatever a library throws on a hostile file: either
    // way the file is refused, never a 500.
    return { ok: false, problem: 'unreadable' }
  }
}

async function stripAs(type: Sniffed, src: Uint8Array): Promise<StrippedFile> {
  switch (type) {
    case 'jpeg':
      return { bytes: stripJpeg(src), kind: 'image', mime: 'image/jpeg' }
    case 'png':
      return { bytes: stripPng(src), kind: 'image', mime: 'image/png' }
    case 'webp':
      return { bytes: stripWebp(src), kind: 'image', mime: 'image/webp' }
    case 'pdf': {
      const r = await stripPdf(src)
      return { bytes: r.bytes, kind: 'document', mime: 'application/pdf', pages: r.pages }
    }
    case 'ogg': {
      const r = stripOgg(src)
      return { bytes: r.bytes, kind: 'audio', mime: r.codec === 'opus' ? 'audio/ogg; codecs=opus' : 'audio/ogg', durationS: r.durationS }
    }
    case 'mp3': {
      const r = stripMp3(src)
      return { bytes: r.bytes, kind: 'audio', mime: 'audio/mpeg', durationS: r.durationS }
    }
    case 'm4a': {
      const r = stripM4a(src)
      return { bytes: r.bytes, kind: 'audio', mime: 'audio/mp4', durationS: r.durationS }
    }
    case 'wav': {
      const r = stripWav(src)
      return { bytes: r.bytes, kind: 'audio', mime: 'audio/wav', durationS: r.durationS }
    }
  }
}
