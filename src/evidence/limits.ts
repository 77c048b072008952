/**
 * @module evidence/limits
 * How much evidence the hotline takes: up to 3 files of at most 10 MB each per sending (the US
 * Department of Labor's USMCA hotline takes 3 of 25 MB; 10 MB keeps a worker's phone upload and
 * a Worker's memory reasonable), at most 12 per case, and per network source at most 30 files an
 * hour (reporters only: staff are signed in).
 */
import type { Limit } from '../privacy/rate-limit.js'

export const MAX_FILES = 3
export const MAX_FILE_BYTES = 10 * 1024 * 1024
export const MAX_PER_CASE = 12
export const EVIDENCE_PER_SOURCE: Limit = { bucket: 'evidence', max: 30, windowMs: 3_600_000 }

/** A multipart body with the most files allowed, plus room for the text fields and part headers. */
export const UPLOAD_BODY_MAX = MAX_FILES * MAX_FILE_BYTES + 256 * 1024
