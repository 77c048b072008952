/**
 * @module partners/consent
 * What a worker's consent says, and its validation: what may be disclosed (the redacted
 * account, the original words, the identity), to whom (the forums and parties below), until
 * which day, and how it was given (oral, written, by SMS). Field errors are translated keys.
 */
import { z } from 'zod'
import { dayOf } from '../clock.js'
import type { FieldError } from '../errors.js'

export const DISCLOSE = ['redacted', 'original', 'identity'] as const
/**
 * us_dol: ILAB at the US Department of Labor (USMCA petitions); ca_nao: Canada's National
 * Administrative Office; eu_sep: the EU Single Entry Point; mx_cfcrl: Mexico's CFCRL or labour
 * courts; cbp: US Customs and Border Protection; brand: the brand or buyer; press: the press.
 */
export const RECIPIENTS = ['us_dol', 'ca_nao', 'eu_sep', 'mx_cfcrl', 'cbp', 'brand', 'press'] as const
export const METHODS = ['oral', 'written', 'sms'] as const

export type Disclose = (typeof DISCLOSE)[number]
export type Recipient = (typeof RECIPIENTS)[number]
export type Method = (typeof METHODS)[number]

export interface ConsentTerms {
  disclose: Disclose[]
  recipients: Recipient[]
  /** The last day it holds (YYYY-MM-DD, UTC). */
  until: string
  method: Method
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s)

const schema = z.strictObject({
  disclose: z.array(z.enum(DISCLOSE)).min(1).max(DISCLOSE.length),
  recipients: z.array(z.enum(RECIPIENTS)).min(1).max(RECIPIENTS.length),
  until: z.string().trim().refine(isDay),
  method: z.enum(METHODS),
})

const KEYS: Record<string, string> = {
  disclose: 'console:partners.errors.disclose',
  recipients: 'console:partners.errors.recipients',
  until: 'console:partners.errors.until',
  method: 'console:partners.errors.method',
}

/**
 * Validate a consent object; errors are keyed `consent.<field>`. A consent that ends before
 * today is refused.
 */
export function validateConsent(
  input: unknown,
  now: number,
): { ok: true; value: ConsentTerms } | { ok: false; fields: Record<string, FieldError> } {
  const parsed = schema.safeParse(input)
  if (!parsed.success) {
    const fields: Record<string, FieldError> = {}
    for (const issue of parsed.error.issues) {
      const names = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')]
      for (const name of names) {
        fields[name ? `consent.${name}` : 'consent'] ??= {
          key: KEYS[name] ?? (name ? 'intake:field.unknownField' : 'console:partners.errors.consent'),
        }
      }
    }
    return { ok: false, fields }
  }
  const v = parsed.data
  if (Date.parse(`${v.until}T00:00:00Z`) < dayOf(now)) {
    return { ok: false, fields: { 'consent.until': { key: KEYS.until! } } }
  }
  return {
    ok: true,
    value: { disclose: [...new Set(v.disclose)], recipients: [...new Set(v.recipients)], until: v.until, method: v.method },
  }
}
