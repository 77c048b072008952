/**
 * @module evidence/pdf
 * PDF metadata removal with pdf-lib (pure JavaScript: runs on Node and in workerd). The document
 * is parsed whole and written out anew (never an incremental update, which would keep the old
 * objects after the new ones): the Info dictionary (author, creator, producer, dates) and every
 * XMP metadata stream go, and so do annotation authors and dates, page-piece data, and every
 * object nothing reachable from the catalog uses any more (an earlier revision's Info dictionary
 * stays in a file that was edited). Encrypted PDFs are refused: they cannot be checked.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRef,
  PDFStream,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib'
import { ascii, UnreadableFile } from './bytes.js'

export const isPdf = (b: Uint8Array) => b.length >= 5 && ascii(b, 0, 5) === '%PDF-'

const METADATA = PDFName.of('Metadata')
/** Keys dropped from every dictionary: metadata streams, application data, Info-style fields. */
const DROP_KEYS = ['Metadata', 'PieceInfo', 'LastModified', 'Author', 'Creator', 'Producer', 'CreationDate', 'ModDate'].map((k) =>
  PDFName.of(k),
)
const XML = PDFName.of('XML')
const ANNOT_KEYS = ['T', 'M', 'CreationDate'].map((k) => PDFName.of(k))

/** Drop the metadata keys of a dictionary (any dictionary: direct or indirect). */
function clean(dict: PDFDict) {
  for (const k of DROP_KEYS) dict.delete(k)
  if (dict.get(PDFName.of('Type')) === PDFName.of('Annot')) for (const k of ANNOT_KEYS) dict.delete(k)
}

/** Every indirect object reachable from the trailer's catalog; every dictionary met is cleaned. */
function reachable(context: PDFContext, root: PDFRef): Set<string> {
  const seen = new Set<string>()
  const stack: PDFObject[] = [root]
  while (stack.length > 0) {
    const o = stack.pop()!
    if (o instanceof PDFRef) {
      if (seen.has(o.tag)) continue
      seen.add(o.tag)
      const target = context.lookup(o)
      if (target) stack.push(target)
    } else if (o instanceof PDFDict) {
      clean(o)
      for (const [, v] of o.entries()) stack.push(v)
    } else if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) stack.push(o.get(i))
    } else if (o instanceof PDFStream) {
      stack.push(o.dict)
    }
  }
  return seen
}

/** The stripped PDF and its page count. Throws UnreadableFile. */
export async function stripPdf(src: Uint8Array): Promise<{ bytes: Uint8Array; pages: number }> {
  // A file cut short loses its final %%EOF; pdf-lib would repair it silently.
  if (!ascii(src, Math.max(0, src.length - 1024), 1024).includes('%%EOF')) {
    throw new UnreadableFile('pdf: truncated')
  }
  let doc: PDFDocument
  try {
    doc = await PDFDocument.load(src, { updateMetadata: false, throwOnInvalidObject: true })
  } catch (err) {
    throw new UnreadableFile(`pdf: ${(err as Error)?.name ?? 'unreadable'}`)
  }
  if (doc.isEncrypted) throw new UnreadableFile('pdf: encrypted')
  const { context } = doc
  context.trailerInfo.Info = undefined
  for (const [ref, obj] of context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFStream ? obj.dict : obj instanceof PDFDict ? obj : undefined
    if (!dict) continue
    // An XMP stream goes however it is reached (a damaged key may no longer say /Metadata).
    if (obj instanceof PDFStream && (dict.get(PDFName.of('Type')) === METADATA || dict.get(PDFName.of('Subtype')) === XML)) {
      context.delete(ref)
      continue
    }
    clean(dict)
  }
  doc.catalog.delete(METADATA)
  const root = context.trailerInfo.Root
  if (!(root instanceof PDFRef)) throw new UnreadableFile('pdf: no catalog')
  const keep = reachable(context, root)
  for (const [ref] of context.enumerateIndirectObjects()) if (!keep.has(ref.tag)) context.delete(ref)
  const pages = doc.getPageCount()
  if (pages < 1) throw new UnreadableFile('pdf: no pages')
  const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false, addDefaultPage: false })
  // A damaged file can parse and still be written out as one that does not: read it back.
  let check: PDFDocument
  try {
    check = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true })
  } catch {
    throw new UnreadableFile('pdf: damaged')
  }
  if (check.getPageCount() !== pages) throw new UnreadableFile('pdf: damaged')
  return { bytes, pages }
}
