/**
 * @module evidence/multipart
 * Reading an upload: the text fields (strictly, as every form) and the files sent under `file`,
 * as bytes. The name and type the browser sent are dropped here: a file's name is often the
 * worker's name, and its type is decided by its bytes (evidence/strip.ts).
 */
import type { Context } from 'hono'
import { AppError } from '../errors.js'
import { formFields, type FormFields } from '../middleware/body.js'

export interface UploadForm {
  fields: FormFields
  /** The files, in order; empty file inputs (nothing chosen) are left out. */
  files: Blob[]
}

export async function readUpload(c: Context): Promise<UploadForm> {
  const fields = await formFields(c) // a malformed body is a 400; parses and caches the body
  let parsed: Record<string, unknown>
  try {
    parsed = await c.req.parseBody({ all: true })
  } catch {
    throw new AppError('bad_request')
  }
  const sent = parsed['file']
  const files = (Array.isArray(sent) ? sent : sent === undefined ? [] : [sent]).filter(
    (f): f is Blob => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as Blob).size > 0,
  )
  return { fields, files }
}
