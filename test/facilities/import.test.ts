/**
 * `npm run hotline -- facilities import FILE.csv` through the real CLI: the sample registry
 * (real RRM facilities) loads; bad rows name their line and field and change nothing; a
 * re-import updates by code; the import is audited; reports filed earlier get suggestions.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../src/cli/facilities.js'
import { importFacilities } from '../../src/facilities/import.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime, postJson, type TestRuntime } from '../helpers/runtime.js'
import { SAMPLE_CSV } from './sample.js'

const SAMPLE = SAMPLE_CSV
const HEADER = 'code,name,aliases,employer,country,state,location,sector,covered,priority_sector'

describe('facilities import', { timeout: 120_000 }, () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  const file = (name: string, text: string) => {
    const p = join(rt.dir, name)
    writeFileSync(p, text)
    return p
  }
  const facilities = () =>
    rt.deps.sql.all<{ code: string; name: string; aliases: string; state: string | null; covered: number; priority_sector: number; sector: string | null }>(
      'SELECT code, name, aliases, state, covered, priority_sector, sector FROM facilities ORDER BY code',
    )
  const names = async () => (await rt.deps.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM facility_names'))!.n

  it('loads the sample registry of RRM facilities, with their Annex 31-A status, and audits it', async () => {
    const r = await cli(['facilities', 'import', SAMPLE], { dir: rt.dir })
    expect(r.out).toMatch(/facilities imported: 8 new, 0 updated/)
    expect(r.code).toBe(0)
    const rows = await facilities()
    expect(rows.map((f) => f.code)).toContain('mx-gm-silao')
    const atento = rows.find((f) => f.code === 'mx-atento')!
    expect(atento).toMatchObject({ name: 'Atento Mexicana', sector: 'call_center', covered: 1, priority_sector: 1 })
    expect(JSON.parse(atento.aliases)).toContain('Atento')
    expect(rows.find((f) => f.code === 'mx-bbb-reynosa')).toMatchObject({ covered: 0, priority_sector: 1 })
    const audit = await rt.deps.sql.get<{ data: string }>("SELECT data FROM audit_log WHERE action = 'facility_import'")
    expect(JSON.parse(audit!.data)).toEqual({ created: 8, updated: 0 })
  })

  it('refuses a file with bad rows, naming each line and field, and writes nothing', async () => {
    await cli(['facilities', 'import', SAMPLE], { dir: rt.dir })
    const before = { rows: await facilities(), names: await names() }
    const bad = file(
      'bad.csv',
      [
        HEADER,
        'mx-gm-silao,GM Silao renamed,,,MX,Guanajuato,Silao,auto_assembly,yes,yes',
        'new-one,Planta Nueva,,,ZZ,,,auto_parts,,',
        ',Sin código,,,MX,,,,,',
        'mx-farm,Rancho Grande,,,MX,,,agriculture,yes,',
        'mx-x,Planta X,,,MX,,,rocket_science,maybe,',
        'new-one,Otra vez,,,MX,,,,,',
      ].join('\n'),
    )
    const r = await cli(['facilities', 'import', bad], { dir: rt.dir })
    expect(r.code).toBe(1)
    expect(r.out).toMatch(/nothing imported/)
    expect(r.out).toMatch(/line 3: country: Choose a country from the list\./)
    expect(r.out).toMatch(/line 4: code: This is required\./)
    expect(r.out).toMatch(/line 5: covered: A Covered Facility must be in a priority sector\./)
    expect(r.out).toMatch(/line 6: sector: Choose a sector from the list\./)
    expect(r.out).toMatch(/line 6: covered: Write yes or no\./)
    expect(r.out).toMatch(/line 7: code: "new-one" is already on line 3/)
    expect(r.out).not.toMatch(/line 2:/)
    expect({ rows: await facilities(), names: await names() }).toEqual(before)
  })

  it('refuses an unknown or missing column, and a malformed CSV, writing nothing', async () => {
    // Through the CLI: a malformed file and an unknown column.
    const viaCli: [string, RegExp][] = [
      [`${HEADER}\nmx-a,"Planta A,,,MX,,,,,\n`, /not valid CSV/],
      ['code,name,country,owner\nx,Y,MX,Z\n', /line 1: unknown column "owner"/],
    ]
    for (const [text, message] of viaCli) {
      const r = await cli(['facilities', 'import', file('x.csv', text)], { dir: rt.dir })
      expect(r.code, text).toBe(1)
      expect(r.out, text).toMatch(message)
    }
    // The same parsing and checks in process, for the other shapes.
    const inProcess: [string, RegExp][] = [
      ['code,name\nx,Y\n', /line 1: the column "country" is missing/],
      ['code,name,code,country\nx,Y,z,MX\n', /line 1: column "code" appears twice/],
      [`${HEADER}\nmx-a,Planta A,MX\n`, /line 2: not valid CSV/],
      [`${HEADER}\n`, /no facility rows/],
    ]
    for (const [text, message] of inProcess) {
      const run = async () => {
        const { header, rows } = parseCsv(text)
        await importFacilities(rt.deps, header, rows)
      }
      await expect(run(), text).rejects.toThrow(message)
    }
    expect(await facilities()).toEqual([])
    const missing = await cli(['facilities', 'import', join(rt.dir, 'nope.csv')], { dir: rt.dir })
    expect(missing.out).toMatch(/cannot read/)
  })

  it('re-importing updates facilities by code, keeps their ids and links, and adds new ones', async () => {
    await cli(['facilities', 'import', SAMPLE], { dir: rt.dir })
    const silaoId = (await rt.deps.sql.get<{ id: string }>("SELECT id FROM facilities WHERE code = 'mx-gm-silao'"))!.id
    const again = file(
      'again.csv',
      [
        'name,code,country,state,aliases,sector,covered',
        'GM Silao Complex,mx-gm-silao,mx,Guanajuato,Planta GM Silao,auto_assembly,yes',
        'Planta Nueva del Bajío,mx-nueva,MX,Guanajuato,,auto_parts,no',
      ].join('\n'),
    )
    const r = await cli(['facilities', 'import', again], { dir: rt.dir })
    expect(r.out).toMatch(/1 new, 1 updated/)
    const rows = await facilities()
    expect(rows).toHaveLength(9)
    const silao = await rt.deps.sql.get<{ id: string; name: string; aliases: string }>(
      "SELECT id, name, aliases FROM facilities WHERE code = 'mx-gm-silao'",
    )
    expect(silao).toEqual({ id: silaoId, name: 'GM Silao Complex', aliases: '["Planta GM Silao"]' })
  })

  it('suggests a newly imported facility for the reports filed before it', async () => {
    const filed = await postJson(rt, '/api/v1/reports', {
      language: 'es',
      country: 'MX',
      employer: 'TRIDONEX, S.A. DE C.V.',
      description: 'Despidieron a compañeros por apoyar al sindicato independiente.',
    })
    expect(filed.status).toBe(201)
    const { reference } = (await filed.json()) as { reference: string }
    expect(await rt.deps.sql.get('SELECT * FROM case_facilities')).toBeUndefined()
    await cli(['facilities', 'import', SAMPLE], { dir: rt.dir })
    const link = await rt.deps.sql.get<{ code: string; state: string; reference: string }>(
      `SELECT f.code, l.state, c.reference FROM case_facilities l JOIN facilities f ON f.id = l.facility_id
       JOIN cases c ON c.id = l.case_id`,
    )
    expect(link).toEqual({ code: 'mx-tridonex-matamoros', state: 'suggested', reference })
  })
})
