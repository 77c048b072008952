/**
 * Masked spans feed the redaction eval: `npm run hotline -- redaction misses --out FILE` writes
 * them (0600) in the corpus shape `npm run eval:redaction -- --corpus FILE` scores.
 */
import { execFile } from 'node:child_process'
import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'
import { purgeExpired } from '../../src/privacy/retention.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime } from '../helpers/runtime.js'
import { api } from '../console/setup.js'
import { fileFor, ORGS, world } from './helpers.js'

describe('npm run hotline -- redaction misses', () => {
  it('writes the masked spans as an eval corpus the redaction eval scores', async () => {
    const rt = await makeRuntime({ remoteAddress: '198.51.100.64' })
    try {
      const w = await world(rt)
      const a = await fileFor(rt, w.ngo, {
        country: 'MX',
        sector: 'auto_parts',
        rights: ['freedom_of_association'],
        // A licence plate the redactor does not know (a nickname it now catches would not reach the package).
        description: 'Nos amenazó el de la camioneta roja, placas GTO-4471, por la votación.',
      })
      const { id } = (await (await api(rt, 'POST', '/api/v1/escalations', w.admin.token, { kind: 'usmca-rrm', caseRefs: [a.reference], org: ORGS.union })).json()) as { id: string }
      const masked = await api(rt, 'POST', `/api/v1/escalations/${id}/masks`, w.admin.token, { text: 'GTO-4471', kind: 'id' })
      expect(masked.status).toBe(201)
      const out = join(rt.dir, 'misses.json')
      const r = await cli(['redaction', 'misses', '--out', out], { dir: rt.dir })
      expect(r, r.out).toMatchObject({ code: 0 })
      expect(r.out).toContain('wrote 1 item')
      expect(statSync(out).mode & 0o777).toBe(0o600)
      const items = JSON.parse(readFileSync(out, 'utf8')) as { lang: string; text: string; identifiers: { kind: string; value: string }[]; rights: string[] }[]
      expect(items).toEqual([
        expect.objectContaining({ lang: 'es', identifiers: [{ kind: 'id', value: 'GTO-4471' }], rights: ['freedom_of_association', 'violence'] }),
      ])
      expect(items[0]!.text).toContain('placas GTO-4471, por la votación')
      // The eval reads it (it measures; it always exits 0).
      const evalRun = await promisify(execFile)(process.execPath, ['--import', import.meta.resolve('tsx'), 'scripts/eval-redaction.ts', '--corpus', out], { cwd: join(import.meta.dirname, '../..') })
      expect(evalRun.stdout).toMatch(/es/)
      expect((await cli(['redaction', 'misses'], { dir: rt.dir })).code).toBe(1)
      // Kept for the eval 180 days, then the retention purge deletes them.
      rt.clock.advance(181 * 86_400_000)
      await purgeExpired(rt.deps)
      expect(rt.db.prepare('SELECT COUNT(*) AS n FROM redaction_misses').get()).toEqual({ n: 0 })
    } finally {
      rt.close()
    }
  }, 120_000)
})
