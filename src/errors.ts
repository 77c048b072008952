/**
 * @module errors
 * One error type for the whole app, handled in one place (`app.onError`). Messages are i18n keys,
 * translated for the visitor; internal details never reach a response or a log line.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** A field-level validation message: an i18n key and its parameters. */
export interface FieldError {
  key: string
  params?: Record<string, string | number>
}

export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'not_found'
  | 'receipt_not_found'
  | 'forbidden'
  | 'unauthorized'
  | 'too_large'
  | 'unsupported_type'
  | 'rate_limited'
  | 'conflict'
  | 'server'

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  bad_request: 400,
  validation: 400,
  not_found: 404,
  receipt_not_found: 404,
  forbidden: 403,
  unauthorized: 401,
  too_large: 413,
  unsupported_type: 415,
  rate_limited: 429,
  conflict: 409,
  server: 500,
}

/** The i18n key of each code's general message. */
export const MESSAGE_KEY: Record<ErrorCode, string> = {
  bad_request: 'common:errors.badRequest',
  validation: 'common:errors.badRequest',
  not_found: 'common:errors.notFound',
  receipt_not_found: 'common:errors.receiptNotFound',
  forbidden: 'common:errors.forbidden',
  unauthorized: 'common:errors.forbidden',
  too_large: 'common:errors.tooLarge',
  unsupported_type: 'common:errors.unsupportedType',
  rate_limited: 'common:errors.rateLimited',
  conflict: 'common:errors.badRequest',
  server: 'common:errors.server',
}

export class AppError extends Error {
  readonly status: ContentfulStatusCode
  constructor(
    readonly code: ErrorCode,
    readonly fields?: Record<string, FieldError>,
  ) {
    super(code)
    this.name = 'AppError'
    this.status = STATUS[code]
  }
}
