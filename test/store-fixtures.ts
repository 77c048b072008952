/**
 * @module test/store-fixtures
 * What the store contracts (store-modules, console-store, escalation-store) share: unique ids and
 * a case row with every required column, written through `cases.insert` on either adapter.
 */
import type * as cases from '../src/store/cases.js'

let counter = 0
/** A label made unique for this run (contracts share one database per adapter). */
export const uniq = (label: string) => `${label}-${Date.now().toString(36)}-${++counter}`

/** A case with every required column; `over` changes some. */
export function newCase(over: Partial<cases.NewCase> = {}): cases.NewCase {
  return {
    id: uniq('case'),
    reference: uniq('REF'),
    receiptHash: uniq('receipt'),
    idempotencyKey: null,
    channel: 'web',
    language: 'es',
    country: 'MX',
    sector: 'auto_parts',
    employer: 'Employer [NAME-1]',
    facility: null,
    location: null,
    descriptionRedacted: 'redacted',
    originalEnc: new Uint8Array([1, 2, 3]),
    identitySealed: null,
    rights: '["wages"]',
    rightsChosen: '[]',
    commitments: '[]',
    occurredOn: null,
    workersAffected: null,
    retaliationFeared: null,
    authoritiesNotified: null,
    consentToContact: 0,
    priority: 'normal',
    assignedTo: null,
    filedBy: null,
    createdAt: 86_400_000,
    updatedAt: 86_400_000,
    ackDueAt: 2 * 86_400_000,
    employerHash: uniq('emp'),
    fieldsEnc: null,
    ...over,
  }
}
