/**
 * `hotline evidence open`: the custodian's offline path to one evidence file, through the real CLI
 * process, with the runtime's generated custodian.key: the file key sealed to the custodian opens
 * the stripped file, written 0600; nothing opens without an approval for that very file; an
 * approval opens once (and a key released for that approval goes with it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { requestEvidenceAccess } from '../../src/evidence/access.js'
import { listEvidence } from '../../src/evidence/list.js'
import { stripMetadata } from '../../src/evidence/strip.js'
import { addStaff, parseScope } from '../../src/staff/accounts.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { fixture, multipart, postMultipart, release } from './helpers.js'

let rt: TestRuntime
afterEach(() => rt?.close())

describe('hotline evidence open', () => {
  it('opens one approved file with the custodian key, once, 0600', { timeout: 120_000 }, async () => {
    rt = await makeRuntime({ remoteAddress: '198.51.100.40' })
    rt.clock.t = Date.now() // the CLI runs on the real clock
    const filed = await rt.app.request('/api/v1/reports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'es', country: 'MX', employer: 'Autopartes', description: 'No pagan las horas extra.' }),
    })
    const { receipt, reference } = (await filed.json()) as { receipt: string; reference: string }
    const photo = fixture('photo-gps.jpg')
    const up = await postMultipart(rt, '/api/v1/follow-up/attachments', multipart({ receipt }, [
      { name: 'a.jpg', bytes: photo },
      { name: 'b.wav', bytes: fixture('voice-note.wav') },
    ]))
    expect(up.status).toBe(201)
    const kase = await rt.deps.sql.get<{ id: string }>('SELECT id FROM cases')
    const [jpeg, wav] = await listEvidence(rt.deps.sql, kase!.id)
    const out = join(rt.dir, 'opened')
    const open = (id: string) => cli(['evidence', 'open', '--key', join(rt.dir, 'custodian.key'), '--case', reference, '--evidence', id, '--out', out], { dir: rt.dir })

    const refused = await open(jpeg!.id)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/no usable approval to open evidence/)

    const monitor: Actor = { id: await addStaff(rt.deps, { email: 'm@example.org', role: 'monitor', scopes: [parseScope('right:*@MX')] }), role: 'monitor', email: 'm@example.org', via: 'token' }
    const custodian: Actor = { id: await addStaff(rt.deps, { email: 'c@example.org', role: 'custodian' }), role: 'custodian', email: 'c@example.org', via: 'token' }
    const request = await requestEvidenceAccess(rt.deps, monitor, kase!.id, jpeg!.id, 'To check the notice of dismissal.')
    await decideAccess(rt.deps, custodian, request, 'approved', 'Needed for the review.')
    // Released for the monitor meanwhile: the custodian's own opening spends the approval and the release.
    await release(rt, request)

    // An approval for one file opens no other.
    expect((await open(wav!.id)).code).toBe(1)
    const ok = await open(jpeg!.id)
    expect(ok.code, ok.out).toBe(0)
    const [name] = readdirSync(out)
    expect(name).toMatch(/^evidence-[\w-]{8}\.jpg$/)
    expect(statSync(join(out, name!)).mode & 0o777).toBe(0o600)
    const expected = await stripMetadata(photo)
    if (!expected.ok) throw new Error('fixture does not strip')
    expect(Buffer.from(readFileSync(join(out, name!))).equals(Buffer.from(expected.file.bytes))).toBe(true)

    // Once.
    const again = await open(jpeg!.id)
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/no usable approval/)
    expect(await rt.deps.sql.all('SELECT request_id FROM evidence_releases')).toEqual([])
  })
})
