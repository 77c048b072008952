/**
 * Checking a facility (facilities/registry.checkFacility): what the CSV import, the console form
 * and the API all go through. Each bad field gets its own translated message key.
 */
import { describe, expect, it } from 'vitest'
import { ALIASES_MAX, checkFacility } from '../../src/facilities/registry.js'

const base = { code: 'mx-a', name: 'Planta A', country: 'mx' }
const errorsOf = (input: Record<string, unknown>) => {
  const r = checkFacility(input)
  return r.ok ? {} : Object.fromEntries(Object.entries(r.errors).map(([k, e]) => [k, e.key.replace('console:facility.errors.', '')]))
}

describe('checkFacility', () => {
  it('normalises a good facility: code and country case, spaces, aliases (blank and repeated dropped)', () => {
    const r = checkFacility({ ...base, code: 'MX-A', name: '  Planta   A ', aliases: 'Planta A norte| |Planta A norte|La A', sector: 'call_center' })
    expect(r).toEqual({
      ok: true,
      value: {
        code: 'mx-a', name: 'Planta A', aliases: ['Planta A norte', 'La A'], employer: null, country: 'MX', state: null,
        location: null, sector: 'call_center', covered: false, prioritySector: true,
      },
    })
  })

  it('takes yes/no in three languages, and a priority sector from the sector unless given', () => {
    const ok = (x: Record<string, unknown>) => {
      const r = checkFacility({ ...base, ...x })
      if (!r.ok) throw new Error(JSON.stringify(r.errors))
      return [r.value.covered, r.value.prioritySector]
    }
    expect(ok({ covered: 'Sí', sector: 'mining' })).toEqual([true, true])
    expect(ok({ covered: 'non', prioritySector: 'OUI' })).toEqual([false, true])
    expect(errorsOf({ ...base, covered: 'oui', prioritySector: 'NON' })).toEqual({ covered: 'coveredPriority' })
    expect(ok({ covered: 'no', sector: 'agriculture' })).toEqual([false, false])
    expect(ok({ covered: true, sector: 'agriculture', prioritySector: 'yes' })).toEqual([true, true])
  })

  it('names every bad field', () => {
    expect(errorsOf({})).toEqual({ code: 'required', name: 'required', country: 'required' })
    expect(errorsOf({ ...base, code: '-x' })).toEqual({ code: 'code' })
    expect(errorsOf({ ...base, code: 'a b' })).toEqual({ code: 'code' })
    expect(errorsOf({ ...base, code: 'a'.repeat(65) })).toEqual({ code: 'code' })
    expect(errorsOf({ ...base, code: 7 })).toEqual({ code: 'code' })
    expect(errorsOf({ ...base, name: '¡¿...?!' })).toEqual({ name: 'name' })
    expect(errorsOf({ ...base, name: 'x'.repeat(201) })).toEqual({ name: 'name' })
    expect(errorsOf({ ...base, country: 'MEX' })).toEqual({ country: 'country' })
    expect(errorsOf({ ...base, country: 'ZZ' })).toEqual({ country: 'country' })
    expect(errorsOf({ ...base, sector: 'rockets' })).toEqual({ sector: 'sector' })
    expect(errorsOf({ ...base, covered: 'maybe' })).toEqual({ covered: 'yesNo' })
    expect(errorsOf({ ...base, covered: 'yes', sector: 'agriculture' })).toEqual({ covered: 'coveredPriority' })
    expect(errorsOf({ ...base, aliases: Array.from({ length: ALIASES_MAX + 1 }, (_, i) => `Alias ${i}`) })).toEqual({ aliases: 'aliases' })
    expect(errorsOf({ ...base, aliases: [42] })).toEqual({ aliases: 'aliases' })
    expect(errorsOf({ ...base, aliases: { a: 1 } })).toEqual({ aliases: 'aliases' })
    expect(errorsOf({ ...base, state: 'x'.repeat(101) })).toEqual({ state: 'text' })
    expect(errorsOf({ ...base, employer: ['x'] })).toEqual({ employer: 'name' })
  })
})
