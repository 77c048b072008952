/**
 * @module facilities/demo
 * The demo registry `seed demo` writes before its cases (development only), so that the demo
 * Mexican report is suggested for its facility. Two RRM facilities from the sample registry
 * (catalog/facilities.sample.csv) and the demo employer's plant, which is invented.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { checkFacility, writeStatements, type FacilityInput } from './registry.js'

export const DEMO_FACILITIES: FacilityInput[] = [
  { code: 'demo-autopartes-reynosa-2', name: 'Autopartes del Norte, Planta Reynosa 2', aliases: ['Planta Reynosa 2'], employer: 'Autopartes del Norte', country: 'MX', state: 'Tamaulipas', location: 'Reynosa', sector: 'auto_parts' },
  { code: 'mx-gm-silao', name: 'GM Silao', aliases: ['General Motors Silao', 'Complejo Silao'], employer: 'General Motors de México, S. de R.L. de C.V.', country: 'MX', state: 'Guanajuato', location: 'Silao', sector: 'auto_assembly', covered: true },
  { code: 'mx-atento', name: 'Atento Mexicana', aliases: ['Atento'], employer: 'Atento', country: 'MX', sector: 'call_center', covered: true },
]

export async function seedFacilities(deps: Deps): Promise<number> {
  const statements = DEMO_FACILITIES.flatMap((input) => {
    const checked = checkFacility(input)
    if (!checked.ok) throw new Error(`demo facility ${String(input.code)} is invalid`)
    return writeStatements(deps, { ...checked.value, id: deps.crypto.randomToken(12) }, true)
  })
  await withAudit(deps, { actorId: null, action: 'facility_import', data: { created: DEMO_FACILITIES.length, updated: 0 } }, statements)
  return DEMO_FACILITIES.length
}
