import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from './helpers/cli.js'
import { makeRuntime, postJson } from './helpers/runtime.js'

describe('npm run hotline -- keys generate', () => {
  it('prints the public key and a data key, writes the private key once, and refuses to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hotline-keys-'))
    const first = await cli(['keys', 'generate', '--out', 'custodian.key'], { cwd: dir })
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/^CUSTODIAN_PUBLIC_KEY=[A-Za-z0-9+/]{43}=$/m)
    expect(first.out).toMatch(/^DATA_KEY=[A-Za-z0-9+/]{43}=$/m)
    expect(first.out).toMatch(/offline/)
    const key = join(dir, 'custodian.key')
    expect(statSync(key).mode & 0o777).toBe(0o600)
    const before = readFileSync(key, 'utf8')
    const second = await cli(['keys', 'generate', '--out', 'custodian.key'], { cwd: dir })
    expect(second.code).not.toBe(0)
    expect(second.out).toMatch(/refusing to overwrite/)
    expect(readFileSync(key, 'utf8')).toBe(before)
  })
})

describe('npm run hotline -- identity open', () => {
  it('opens the sealed identity of a case with the custodian key, offline', async () => {
    const rt = await makeRuntime()
    try {
      const res = await postJson(rt, '/api/v1/reports', {
        language: 'fr',
        country: 'CI',
        employer: 'Coopérative du Sud',
        description: 'Des enfants travaillent au champ.',
        contact: { name: 'Aïcha Koné', phone: '+225 07 12 34 56 78' },
        consentToContact: true,
      })
      const { reference } = (await res.json()) as { reference: string }
      const opened = await cli(['identity', 'open', '--key', join(rt.dir, 'custodian.key'), '--case', reference], { dir: rt.dir })
      expect(opened.code).toBe(0)
      expect(JSON.parse(opened.out)).toEqual({ name: 'Aïcha Koné', phone: '+225 07 12 34 56 78' })
      const wrong = await cli(['identity', 'open', '--key', join(rt.dir, 'server.env'), '--case', reference], { dir: rt.dir })
      expect(wrong.code).not.toBe(0)
    } finally {
      rt.close()
    }
  })
})
