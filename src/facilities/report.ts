/**
 * @module facilities/report
 * What a facility page shows: its confirmed cases over time by right (month × right counts),
 * the pattern flags, and the cases the viewer may open. Counts of cases inside the viewer's own
 * scope (cases/scope: what their queue shows) are exact; counts of the others follow the
 * statistics' rule (stats/figures, docs/analytics.md) with the installation's k: each cell is
 * rounded down to a multiple of k, a figure of 0 shows as "<k" (it never says whether anyone else
 * is there), and the total is the sum of the rounded month cells (never "total − cells" = a small
 * hidden count). Only an administrator, who sees every case, has nobody outside (0). A case counts
 * once in each of its rights, and once in its month's total. The flags look at every confirmed
 * case of the facility (that a pattern exists is what a monitor must learn); a flag's count is
 * rounded like a cell unless the viewer may see every report in it.
 */
import { RIGHTS } from '../catalog/index.js'
import { excludedEmployers, withoutExcluded, type Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { AppError } from '../errors.js'
import { isLang, type Lang } from '../i18n/index.js'
import * as store from '../store/facilities.js'
import { patternFlags, type PatternFlag } from './patterns.js'
import { getFacility, type Facility } from './registry.js'
import { display, rounded } from '../stats/figures.js'
import { statsSettings } from '../stats/settings.js'

export type Count = number | `<${number}`

export interface Cell {
  /** Cases inside the viewer's scope (exact). */
  inScope: number
  /** Cases outside it: a positive multiple of k (rounded down), or "<k"; 0 only for an administrator. */
  outside: Count
}

export interface FacilityReport {
  facility: Facility
  k: number
  /** Months with cases, oldest first (YYYY-MM, UTC). */
  months: string[]
  /** Rights with cases, in the order of the canonical list. */
  rights: string[]
  /** cells[month][right], and cells[month]['*'] for the month's cases. */
  cells: Record<string, Record<string, Cell>>
  total: Cell
  /** Cases suggested by matching and waiting for a decision. */
  suggested: Count
  /** Each flag's count is exact when the viewer may see every case in its window, else suppressed. */
  flags: (Omit<PatternFlag, 'count' | 'members'> & { count: Count })[]
  /** The confirmed cases the viewer may open. */
  cases: { id: string; reference: string; createdAt: number }[]
}

const month = (ms: number) => new Date(ms).toISOString().slice(0, 7)

export async function facilityReport(deps: Deps, actor: Actor, facilityId: string, kIn?: number): Promise<FacilityReport> {
  if (actor.role === 'custodian') throw new AppError('forbidden')
  const k = kIn ?? (await statsSettings(deps)).k
  // The statistics' rule for what lies outside the viewer's scope; an administrator has no outside.
  const all = actor.role === 'admin'
  const suppress = (n: number): Count => (all ? n : display(rounded(n, k), k))
  const facility = await getFacility(deps, facilityId)
  if (!facility) throw new AppError('not_found')
  const rows = await store.facilityCases(deps.sql, facilityId, actor)
  // Conflict of interest: a monitor's excluded employers count as outside their scope.
  const seen = new Set(withoutExcluded(deps, rows.filter((r) => r.visible === 1), await excludedEmployers(deps, actor)).map((r) => r.id))
  const raw: Record<string, Record<string, { inScope: number; outside: number }>> = {}
  const total = { inScope: 0, outside: 0 }
  const rightsSeen = new Set<string>()
  const bump = (m: string, right: string, mine: boolean) => {
    const cell = ((raw[m] ??= {})[right] ??= { inScope: 0, outside: 0 })
    if (mine) cell.inScope++
    else cell.outside++
  }
  for (const r of rows) {
    const mine = seen.has(r.id)
    const m = month(r.created_at)
    bump(m, '*', mine)
    if (mine) total.inScope++
    else total.outside++
    for (const right of JSON.parse(r.rights) as string[]) {
      rightsSeen.add(right)
      bump(m, right, mine)
    }
  }
  const cell = (c: { inScope: number; outside: number }): Cell => ({ inScope: c.inScope, outside: suppress(c.outside) })
  // What is listed must not depend on cases the viewer cannot see beyond the rounded figures: a
  // month or a right appears when the viewer has a case there or its rounded figure is positive,
  // and then with every cell ("<k" where nothing is published), never only where cases happen to be.
  const shown = (c: { inScope: number; outside: number } | undefined) =>
    !!c && (c.inScope > 0 || (all ? c.outside > 0 : rounded(c.outside, k) > 0))
  const months = Object.keys(raw).filter((m) => shown(raw[m]!['*'])).sort()
  const order: readonly string[] = RIGHTS
  const rights = [...rightsSeen].filter((r) => months.some((m) => shown(raw[m]![r]))).sort((a, b) => order.indexOf(a) - order.indexOf(b))
  const empty = { inScope: 0, outside: 0 }
  const cells = Object.fromEntries(
    months.map((m) => [
      m,
      Object.fromEntries(
        ['*', ...rights].flatMap((r) => (all && !raw[m]![r] ? [] : [[r, cell(raw[m]![r] ?? empty)] as const])),
      ),
    ]),
  )
  // The total outside is the sum of the rounded month totals (the months partition the cases).
  const outsideTotal = Object.values(raw).reduce((acc, byRight) => acc + (all ? byRight['*']!.outside : rounded(byRight['*']!.outside, k)), 0)
  return {
    facility,
    k,
    months,
    rights,
    cells,
    total: { inScope: total.inScope, outside: all ? total.outside : display(outsideTotal, k) },
    suggested: suppress(await store.suggestedCount(deps.sql, facilityId)),
    flags: patternFlags(
      rows.map((r) => ({
        createdAt: r.created_at,
        rights: JSON.parse(r.rights) as string[],
        commitments: JSON.parse(r.commitments) as string[],
        text: r.description_redacted,
        language: (isLang(r.language) ? r.language : 'en') as Lang,
      })),
    ).map(({ members, ...f }) => ({
      ...f,
      count: members.every((i) => seen.has(rows[i]!.id)) ? f.count : suppress(f.count),
    })),
    cases: rows.filter((r) => seen.has(r.id)).map((r) => ({ id: r.id, reference: r.reference, createdAt: r.created_at })),
  }
}
