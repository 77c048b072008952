/**
 * @module escalation/forum-list
 * Which forums a set of cases can go to, and which organisations may file each: pure, from the
 * catalog (countries → agreements, sectors → priority and goods) and `catalog/forums.json`.
 * Every case of a package must fit the forum. An organisation's flags decide the forums that
 * only some may use: `eu_based` for the EU Single Entry Point, `ca_based` for Canada's NAO
 * (Annex 31-B); the others take anyone (the ILC's petitions may even be anonymous).
 */
import type { Catalog } from '../catalog/index.js'
import { agreementsFor } from '../routing/commitments.js'
import { getForums, KINDS, type EscalationKind, type Forum, type ForumsFile } from './forums.js'

export interface CaseFacts {
  country: string
  sector: string | null
  rights: readonly string[]
}

/** The flags of an organisation that decide who may file (organisations table). */
export interface Filer {
  id?: string
  name?: string
  euBased: boolean
  caBased: boolean
}

export interface ForumOption {
  kind: EscalationKind
  /** Who may file: anyone, or only organisations with that flag. */
  filers: Forum['filers']
  /** The organisations among those given that may file it (by name). */
  organisations: string[]
}

/** True when the forum takes this case. */
export function forumApplies(catalog: Catalog, f: Forum, c: CaseFacts): boolean {
  const a = f.applies
  const country = c.country.toUpperCase()
  const sector = c.sector ? catalog.sectors[c.sector] : undefined
  if (a.countries && !a.countries.includes(country)) return false
  if (a.notCountries?.includes(country)) return false
  if (a.agreements && !agreementsFor(catalog, country).some((x) => a.agreements!.includes(x))) return false
  if (a.prioritySector && sector && !sector.priority) return false
  if (a.goods && sector && !sector.goods) return false
  if (a.rights && !c.rights.some((r) => a.rights!.includes(r))) return false
  return true
}

/** True when this organisation may file with the forum. */
export function mayFile(f: Forum, org: Filer | undefined): boolean {
  if (f.filers === 'any') return true
  if (!org) return false
  return f.filers === 'eu_based' ? org.euBased : org.caBased
}

/**
 * The forums every one of `cases` fits, in the catalog's order, with the organisations (of
 * `orgs`) that may file each.
 */
export function forumsFor(
  catalog: Catalog,
  cases: readonly CaseFacts[],
  orgs: readonly Filer[] = [],
  forums: ForumsFile = getForums(),
): ForumOption[] {
  if (cases.length === 0) return []
  return KINDS.filter((k) => cases.every((c) => forumApplies(catalog, forums.forums[k], c))).map((kind) => {
    const f = forums.forums[kind]
    return { kind, filers: f.filers, organisations: orgs.filter((o) => mayFile(f, o)).map((o) => o.name ?? o.id ?? '') }
  })
}
