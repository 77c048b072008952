/**
 * @module console/facility-section
 * What the case page's facility section needs: the case's links and the registry to choose from
 * (facilities of the case's country first).
 */
import type { Actor } from '../cases/scope.js'
import type { Deps } from '../deps.js'
import { linksForStaff } from '../facilities/links.js'
import { listFacilities } from '../facilities/registry.js'
import type { FacilitySectionProps } from './views/facility-section.js'

export async function facilitySection(
  deps: Deps,
  actor: Actor,
  kase: { id: string; country: string },
  error: string | undefined,
): Promise<FacilitySectionProps> {
  const all = await listFacilities(deps)
  const choices = [...all.filter((f) => f.country === kase.country), ...all.filter((f) => f.country !== kase.country)]
  const key = error && /^[a-zA-Z]{1,40}$/.test(error) ? error : undefined
  return { links: await linksForStaff(deps, actor, kase.id), choices, error: key }
}
