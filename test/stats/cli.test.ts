/**
 * The statistics' settings from the real CLI against a runtime's database: k never below 3 (a
 * refusal changes nothing), the public page switched on and off, the lattice, the snapshot; each
 * change audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cli } from '../helpers/cli.js'
import type { TestRuntime } from '../helpers/runtime.js'
import { consoleRuntime, insertCase } from '../console/setup.js'
import { statsSettings } from '../../src/stats/settings.js'

describe('stats CLI', () => {
  let rt: TestRuntime
  beforeAll(async () => {
    rt = await consoleRuntime()
    for (let i = 0; i < 6; i++) await insertCase(rt)
  })
  afterAll(() => rt?.close())

  it('sets k (3 to 100), the public page and the lattice; refuses the rest and changes nothing', async () => {
    const refused = await cli(['stats', 'k', '2'], { dir: rt.dir })
    expect(refused.code).toBe(1)
    expect(refused.out).toContain('k must be a whole number from 3 to 100')
    expect((await statsSettings(rt.deps)).k).toBe(5)

    expect((await cli(['stats', 'k', '7'], { dir: rt.dir })).code).toBe(0)
    expect((await cli(['stats', 'public', 'on'], { dir: rt.dir })).out).toContain('now on')
    expect((await cli(['stats', 'public', 'maybe'], { dir: rt.dir })).code).toBe(1)
    expect((await cli(['stats', 'lattice', 'month,nonsense'], { dir: rt.dir })).code).toBe(1)
    const lattice = await cli(['stats', 'lattice', 'month,right,status'], { dir: rt.dir })
    expect(lattice.out).toContain('snapshot rebuilt')
    const s = await statsSettings(rt.deps)
    expect(s).toMatchObject({ k: 7, public: true, lattice: ['month', 'right', 'status'] })
    const show = await cli(['stats', 'show'], { dir: rt.dir })
    expect(show.out).toMatch(/k\s+7/)
    expect(show.out).toMatch(/lattice\s+month,right,status/)
    const audit = await rt.deps.sql.all<{ data: string }>("SELECT data FROM audit_log WHERE action = 'stats_setting'")
    expect(audit.map((r) => JSON.parse(r.data).key)).toEqual(['stats.k', 'stats.public', 'stats.lattice'])
    expect((await cli(['stats', 'refresh'], { dir: rt.dir })).out).toMatch(/snapshot rebuilt: \d+ base cells/)
  }, 180_000)
})
