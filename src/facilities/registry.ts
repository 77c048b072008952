/**
 * @module facilities/registry
 * The facility registry: validating a facility, creating and editing it (admins, audited), the
 * CSV import's rows (one batch: all rows or none), and reading it. Every write recomputes the
 * keyed hashes of the facility's names and suggests it for cases filed earlier that match.
 */
import { withAudit } from '../audit/log.js'
import { getCatalog } from '../catalog/index.js'
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError, type FieldError } from '../errors.js'
import * as store from '../store/facilities.js'
import type { Statement } from '../store/port.js'
import { isBlankName, nameHash, nameKey } from './name-key.js'

export const NAME_MAX = 200
export const ALIASES_MAX = 20
const CODE = /^[a-z0-9][a-z0-9._-]{0,63}$/

/** A facility as staff and the API see it. */
export interface Facility {
  id: string
  code: string
  name: string
  aliases: string[]
  employer: string | null
  country: string
  state: string | null
  location: string | null
  sector: string | null
  covered: boolean
  prioritySector: boolean
  createdAt: number
  updatedAt: number | null
}

export const toFacility = (r: store.FacilityRow): Facility => ({
  id: r.id,
  code: r.code,
  name: r.name,
  aliases: JSON.parse(r.aliases) as string[],
  employer: r.employer,
  country: r.country,
  state: r.state,
  location: r.location,
  sector: r.sector,
  covered: r.covered === 1,
  prioritySector: r.priority_sector === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
})

/** What a form, the API or a CSV row gives: strings and booleans, unchecked. */
export interface FacilityInput {
  code?: unknown
  name?: unknown
  aliases?: unknown
  employer?: unknown
  country?: unknown
  state?: unknown
  location?: unknown
  sector?: unknown
  covered?: unknown
  prioritySector?: unknown
}

const err = (key: string, params?: Record<string, string | number>): FieldError => ({
  key: `console:facility.errors.${key}`,
  ...(params ? { params } : {}),
})

/** A yes/no value from JSON (boolean), a form (on, 1, true) or a CSV cell (yes/no, sí, oui…). */
function yesNo(v: unknown): boolean | undefined | null {
  if (v === undefined || v === null || v === '') return undefined
  if (typeof v === 'boolean') return v
  if (typeof v !== 'string') return null
  const s = nameKey(v)
  if (['1', 'true', 'yes', 'y', 'on', 'si', 'oui', 'x'].includes(s)) return true
  if (['0', 'false', 'no', 'n', 'off', 'non'].includes(s)) return false
  return null
}

function text(v: unknown, max: number): string | undefined | null {
  if (v === undefined || v === null) return undefined
  if (typeof v !== 'string') return null
  const s = v.trim().replace(/\s+/g, ' ')
  if (s === '') return undefined
  return s.length > max ? null : s
}

/**
 * Check a facility; returns its values or the translated error of each bad field. Without a
 * `prioritySector` value, the sector's Annex 31-A flag (catalog/sectors.json) decides. A Covered
 * Facility must be in a priority sector (Annex 31-A).
 */
export function checkFacility(
  input: FacilityInput,
): { ok: true; value: Omit<store.FacilityValues, 'id'> } | { ok: false; errors: Record<string, FieldError> } {
  const catalog = getCatalog()
  const errors: Record<string, FieldError> = {}
  const rawCode = text(input.code, 64)
  const code = rawCode ? rawCode.toLowerCase() : rawCode
  if (code === undefined) errors.code = err('required')
  else if (code === null || !CODE.test(code)) errors.code = err('code')
  const name = text(input.name, NAME_MAX)
  if (name === undefined) errors.name = err('required')
  else if (name === null || isBlankName(name)) errors.name = err('name', { max: NAME_MAX })
  let aliases: string[] = []
  const rawAliases =
    typeof input.aliases === 'string'
      ? input.aliases.split(/[|\n]/)
      : input.aliases === undefined || input.aliases === null
        ? []
        : input.aliases
  if (!Array.isArray(rawAliases) || rawAliases.length > 4 * ALIASES_MAX) errors.aliases = err('aliases', { max: ALIASES_MAX })
  else {
    // Blank lines and repeats are dropped; a value that is not text or too long is an error.
    const list = rawAliases.map((a) => text(a, NAME_MAX))
    aliases = [...new Set(list.filter((a): a is string => typeof a === 'string' && !isBlankName(a)))]
    if (list.some((a) => a === null) || aliases.length > ALIASES_MAX) errors.aliases = err('aliases', { max: ALIASES_MAX })
  }
  const employer = text(input.employer, NAME_MAX)
  if (employer === null) errors.employer = err('name', { max: NAME_MAX })
  const rawCountry = text(input.country, 2)
  const country = rawCountry ? rawCountry.toUpperCase() : rawCountry
  if (country === undefined) errors.country = err('required')
  else if (country === null || !catalog.countries[country]) errors.country = err('country')
  const state = text(input.state, 100)
  if (state === null) errors.state = err('text', { max: 100 })
  const location = text(input.location, NAME_MAX)
  if (location === null) errors.location = err('text', { max: NAME_MAX })
  const sector = text(input.sector, 40)
  if (sector === null || (sector !== undefined && !catalog.sectors[sector])) errors.sector = err('sector')
  const covered = yesNo(input.covered)
  if (covered === null) errors.covered = err('yesNo')
  let prioritySector = yesNo(input.prioritySector)
  if (prioritySector === null) errors.prioritySector = err('yesNo')
  if (prioritySector === undefined) prioritySector = sector ? catalog.sectors[sector]?.priority === true : false
  if (covered === true && prioritySector === false && !errors.prioritySector)
    errors.covered = err('coveredPriority')
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  return {
    ok: true,
    value: {
      code: code!,
      name: name!,
      aliases,
      employer: employer ?? null,
      country: country!,
      state: state ?? null,
      location: location ?? null,
      sector: sector ?? null,
      covered: covered === true,
      prioritySector: prioritySector === true,
    },
  }
}

/** The keyed hashes of a facility's names: name and aliases, and its employer. */
export function nameHashes(deps: Deps, f: Pick<store.FacilityValues, 'name' | 'aliases' | 'employer'>) {
  const names = [f.name, ...f.aliases].map((n) => ({ kind: 'name' as const, hash: nameHash(deps.crypto, n) }))
  const employer = f.employer && !isBlankName(f.employer) ? [{ kind: 'employer' as const, hash: nameHash(deps.crypto, f.employer) }] : []
  return [...names, ...employer]
}

/** The statements that write one facility (new or existing), its name hashes and its suggestions. */
export function writeStatements(deps: Deps, f: store.FacilityValues, isNew: boolean): Statement[] {
  const now = deps.clock.now()
  return [
    isNew ? store.insert(f, now) : store.update(f, now),
    ...store.replaceNames(f.id, nameHashes(deps, f)),
    store.rematch(f.id, now),
  ]
}

export async function listFacilities(deps: Deps, country?: string): Promise<Facility[]> {
  return (await store.list(deps.sql, country)).map(toFacility)
}

export async function getFacility(deps: Deps, id: string): Promise<Facility | undefined> {
  const r = await store.byId(deps.sql, id)
  return r ? toFacility(r) : undefined
}

function requireAdmin(actor: Actor) {
  if (actor.role !== 'admin') throw new AppError('forbidden')
}

/** Create a facility (admins). A code already in use is a 400 on `code`. */
export async function createFacility(deps: Deps, actor: Actor, input: FacilityInput): Promise<Facility> {
  requireAdmin(actor)
  const checked = checkFacility(input)
  if (!checked.ok) throw new AppError('validation', checked.errors)
  if (await store.byCode(deps.sql, checked.value.code))
    throw new AppError('validation', { code: err('codeTaken') })
  const f = { ...checked.value, id: deps.crypto.randomToken(12) }
  await withAudit(deps, { actorId: actor.id, action: 'facility_create', data: { id: f.id, code: f.code } }, writeStatements(deps, f, true))
  return (await getFacility(deps, f.id))!
}

/**
 * Edit a facility (admins): the fields given replace the stored ones; the others stay (a
 * `prioritySector` of null or '' goes back to the sector's flag). Another facility's code is a
 * 400 on `code`.
 */
export async function updateFacility(deps: Deps, actor: Actor, id: string, input: FacilityInput): Promise<Facility> {
  requireAdmin(actor)
  const old = await getFacility(deps, id)
  if (!old) throw new AppError('not_found')
  const merged: FacilityInput = { ...old, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) }
  const checked = checkFacility(merged)
  if (!checked.ok) throw new AppError('validation', checked.errors)
  const other = await store.byCode(deps.sql, checked.value.code)
  if (other && other.id !== id) throw new AppError('validation', { code: err('codeTaken') })
  const f = { ...checked.value, id }
  await withAudit(deps, { actorId: actor.id, action: 'facility_update', data: { id, code: f.code } }, writeStatements(deps, f, false))
  return (await getFacility(deps, id))!
}
