/**
 * @module privacy/redact/types
 * Shapes shared by the redaction detectors.
 */

/** What a redacted span was: one placeholder family per kind. */
export type Kind = 'name' | 'phone' | 'email' | 'id' | 'address' | 'url' | 'handle'

import type { Lang } from '../../i18n/languages.js'

export type { Lang }

/** One detected identifier, as offsets in the original text. */
export interface Span {
  kind: Kind
  start: number
  end: number
  /** Identity within one text: equal keys get the same placeholder. */
  key: string
}

/** The text seen by every detector. */
export interface Input {
  /** Original text. */
  text: string
  /** `fold(text)`: same length, lower case, no accents. */
  folded: string
  lang: Lang
  /** Mostly upper case: capitalisation says nothing about names. */
  caps: boolean
}
