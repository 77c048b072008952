/**
 * @module facilities/match
 * Matching a new report to the registry at intake, on every channel (they all go through
 * intake/file-report). The employer and facility names the reporter typed are redacted and their
 * originals encrypted; what is compared, and kept, is the keyed hash of each folded original
 * (facilities/name-key). A match becomes a `suggested` link that staff confirm, correct or reject.
 *
 * Rules, within the report's country:
 * - the typed facility or employer equals a facility's name or one of its aliases → suggested;
 * - otherwise the typed employer equals the employer (parent company) of exactly one facility →
 *   suggested (a parent with several plants says nothing about which one).
 */
import type { Deps } from '../deps.js'
import * as store from '../store/facilities.js'
import type { Statement } from '../store/port.js'
import { isBlankName, nameHash } from './name-key.js'

export interface TypedNames {
  country: string
  employer: string
  facility?: string | undefined
}

/** At most this many suggestions for one report. */
export const MAX_SUGGESTIONS = 3

/**
 * The statements, for the intake batch, that keep the typed names' keyed hashes and suggest the
 * matching facilities. Reads the registry before the batch.
 */
export async function matchStatements(deps: Deps, caseId: string, at: number, typed: TypedNames): Promise<Statement[]> {
  const names: { field: 'employer' | 'facility'; hash: string }[] = []
  if (!isBlankName(typed.employer)) names.push({ field: 'employer', hash: nameHash(deps.crypto, typed.employer) })
  if (typed.facility && !isBlankName(typed.facility))
    names.push({ field: 'facility', hash: nameHash(deps.crypto, typed.facility) })
  if (names.length === 0) return []
  const found = await store.namesMatching(deps.sql, typed.country, [...new Set(names.map((n) => n.hash))])
  const suggestions = new Map<string, store.MatchedBy>()
  // The typed facility first: it names the workplace; the employer may name the company.
  for (const field of ['facility', 'employer'] as const) {
    const hash = names.find((n) => n.field === field)?.hash
    for (const f of found) {
      if (f.kind === 'name' && f.name_hash === hash && !suggestions.has(f.facility_id)) suggestions.set(f.facility_id, field)
    }
  }
  const employerHash = names.find((n) => n.field === 'employer')?.hash
  if (suggestions.size === 0 && employerHash) {
    const parents = found.filter((f) => f.kind === 'employer' && f.name_hash === employerHash)
    if (parents.length === 1 && (await store.facilitiesOfEmployer(deps.sql, typed.country, employerHash)) === 1)
      suggestions.set(parents[0]!.facility_id, 'parent')
  }
  return [
    ...store.insertCaseNames(caseId, names),
    ...[...suggestions].slice(0, MAX_SUGGESTIONS).map(([facilityId, by]) => store.suggest(caseId, facilityId, by, at)),
  ]
}
