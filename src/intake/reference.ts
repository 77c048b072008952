/**
 * @module intake/reference
 * A case's reference for staff and the custodian ("HL-7K3M-Q2XD"): random, unrelated to the
 * receipt, safe to write in a ticket or an e-mail.
 */
import type { HotlineCrypto } from '../privacy/crypto.js'

// Crockford base32: no I, L, O, U. 32 symbols, so a byte's low 5 bits carry no bias.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function newReference(crypto: HotlineCrypto): string {
  let out = ''
  for (const b of crypto.randomBytes(8)) out += ALPHABET[b & 31]
  return `HL-${out.slice(0, 4)}-${out.slice(4)}`
}
