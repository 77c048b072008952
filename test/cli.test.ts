import { mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verify } from '../src/audit/verify.js'
import { decideAccess } from '../src/cases/access.js'
import type { Actor } from '../src/cases/scope.js'
import { requestAccess } from '../src/cases/staff-actions.js'
import { addStaff, type Role } from '../src/staff/accounts.js'
import { cli } from './helpers/cli.js'
import { makeRuntime, postJson, type TestRuntime } from './helpers/runtime.js'

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
  it('opens a sealed identity only under an approved identity request, once, and audits it', async () => {
    const rt = await makeRuntime()
    // The CLI runs on the real clock: approvals here are decided now.
    rt.clock.t = Date.now()
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
      const { id: caseId } = (await rt.deps.sql.get<{ id: string }>(
        'SELECT id FROM cases WHERE reference = ?',
        reference,
      ))!
      const admin = await staff(rt, 'admin', 'admin@example.org')
      const custodian = await staff(rt, 'custodian', 'custodian@example.org')
      const open = (key = join(rt.dir, 'custodian.key')) =>
        cli(['identity', 'open', '--key', key, '--case', reference], { dir: rt.dir })

      // No request; a pending one; a refused one; an approved one for something else: refused.
      const none = await open()
      expect(none.code).toBe(1)
      expect(none.out).toMatch(/no approved access request for the identity of/)
      expect(none.out).not.toContain('Aïcha')
      const why = 'To call the witness back.'
      const pending = await requestAccess(rt.deps, admin, caseId, 'identity', why)
      expect((await open()).code).toBe(1)
      await decideAccess(rt.deps, custodian, pending, 'refused', 'Not needed yet.')
      const voice = await requestAccess(rt.deps, admin, caseId, 'voice', 'To hear the statement.')
      await decideAccess(rt.deps, custodian, voice, 'approved', 'Fine.')
      const refused = await open()
      expect(refused.code).toBe(1)
      expect(refused.out).not.toContain('Aïcha')
      expect(await opened(rt)).toEqual([])

      const approved = await requestAccess(rt.deps, admin, caseId, 'identity', why)
      await decideAccess(rt.deps, custodian, approved, 'approved', 'The hearing needs it.')
      // A wrong key file opens nothing and does not spend the approval.
      const wrong = await open(join(rt.dir, 'server.env'))
      expect(wrong.code).not.toBe(0)
      expect(await opened(rt)).toEqual([])
      const ok = await open()
      expect(ok.code, ok.out).toBe(0)
      expect(JSON.parse(ok.out)).toEqual({ name: 'Aïcha Koné', phone: '+225 07 12 34 56 78' })
      expect(await opened(rt)).toEqual([
        { actor_id: null, case_id: caseId, data: { what: 'identity', requestId: approved } },
      ])
      expect(await verify(rt.deps)).toMatchObject({ ok: true })

      // An approval opens once.
      const second = await open()
      expect(second.code).toBe(1)
      expect(second.out).toMatch(
        new RegExp(`approval to open the identity of ${reference} \\(request ${approved}\\) was already used on \\d{4}-\\d\\d-\\d\\d: an approval opens once`),
      )
      expect(second.out).not.toContain('Aïcha')
      expect(await opened(rt)).toHaveLength(1)
    } finally {
      rt.close()
    }
  }, 60_000)
})

describe('npm run hotline -- original open', () => {
  it("prints the reporter's own words only under an approved, unexpired original request, once, and audits it", async () => {
    const rt = await makeRuntime()
    // The CLI runs on the real clock: this approval is decided 8 days ago, the next one now.
    rt.clock.t = Date.now() - 8 * 86_400_000
    try {
      const res = await postJson(rt, '/api/v1/reports', {
        language: 'es',
        country: 'MX',
        employer: 'Maquila Norte',
        description: 'Me llamo Rosa Elena Campos y el supervisor me amenazó.',
      })
      const { reference, receipt } = (await res.json()) as { reference: string; receipt: string }
      await postJson(rt, '/api/v1/follow-up/messages', { receipt, body: 'Mi cel es 871 555 0101.' })
      const { id: caseId } = (await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases WHERE reference = ?', reference))!
      const open = () => cli(['original', 'open', '--case', reference], { dir: rt.dir })

      const refused = await open()
      expect(refused.code).toBe(1)
      expect(refused.out).toMatch(/no approved access request for the original text/)
      expect(refused.out).not.toContain('Rosa')

      const admin = await staff(rt, 'admin', 'admin@example.org')
      const custodian = await staff(rt, 'custodian', 'custodian@example.org')
      const stale = await requestAccess(rt.deps, admin, caseId, 'original', 'The tribunal asks for the exact words.')
      await decideAccess(rt.deps, custodian, stale, 'approved', 'Only the words, not the identity.')
      const expired = await open()
      expect(expired.code).toBe(1)
      expect(expired.out).toMatch(/approval to open the original text of .* expired on \d{4}-\d\d-\d\d: refusing to open it/)
      expect(expired.out).not.toContain('Rosa')
      expect(await opened(rt)).toEqual([])

      rt.clock.t = Date.now()
      const request = await requestAccess(rt.deps, admin, caseId, 'original', 'The hearing is next week.')
      await decideAccess(rt.deps, custodian, request, 'approved', 'Only the words, not the identity.')
      const ok = await open()
      expect(ok.code, ok.out).toBe(0)
      expect(ok.out).toContain('Me llamo Rosa Elena Campos y el supervisor me amenazó.')
      expect(ok.out).toContain('Mi cel es 871 555 0101.')
      expect(await opened(rt)).toEqual([
        { actor_id: null, case_id: caseId, data: { what: 'original', requestId: request } },
      ])
      const again = await open()
      expect(again.code).toBe(1)
      expect(again.out).toMatch(/was already used on/)
      expect(again.out).not.toContain('Rosa')
      expect(await opened(rt)).toHaveLength(1)
    } finally {
      rt.close()
    }
  }, 60_000)
})

async function staff(rt: TestRuntime, role: Role, email: string): Promise<Actor> {
  return { id: await addStaff(rt.deps, { email, role }), role, email, via: 'token' }
}

async function opened(rt: TestRuntime) {
  const rows = await rt.deps.sql.all<{ actor_id: string | null; case_id: string; data: string }>(
    "SELECT actor_id, case_id, data FROM audit_log WHERE action = 'access_opened' ORDER BY seq",
  )
  return rows.map((r) => ({ ...r, data: JSON.parse(r.data) as unknown }))
}
