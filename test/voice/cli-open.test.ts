/**
 * `hotline voice open`: the custodian's offline step, through the real CLI process. A statement
 * is recorded on a call, fetched from a local fake of Twilio by the real recording job, sealed in
 * parts; the CLI opens it with the runtime's generated custodian.key and writes the exact WAV
 * bytes Twilio served, 0600, and never overwrites a file. It opens nothing without an approved
 * voice request for the case, uses each approval once (a refused overwrite or a wrong key does
 * not spend it), and audits every opening.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PART_BYTES } from '../../src/channels/voice/recording.js'
import { decideAccess } from '../../src/cases/access.js'
import type { Actor } from '../../src/cases/scope.js'
import { requestAccess } from '../../src/cases/staff-actions.js'
import { encodeBase64 } from '../../src/config.js'
import { addStaff, type Role } from '../../src/staff/accounts.js'
import { jobHandlers } from '../../src/jobs/handlers.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { type TestRuntime } from '../helpers/runtime.js'
import type { FakeTwilio } from '../helpers/twilio-fake.js'
import { withFakeTwilio } from '../helpers/twilio-runtime.js'
import { newSid } from '../helpers/twilio-sign.js'
import { Caller, reportByPhone } from './call.js'
import { cli as runCli } from '../helpers/cli.js'


/** A WAV-looking body longer than one stored part, so the CLI must join parts. */
function wav(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes)
  out.set(new TextEncoder().encode('RIFF....WAVEfmt CLI-OPEN-MARKER'))
  for (let i = 64; i < bytes; i++) out[i] = (i * 17) % 253
  return out
}

let twilio: FakeTwilio
let rt: TestRuntime
/** The real CLI against this test's database. */
const cli = (args: string[]) => runCli(args, { dir: rt.dir })
withFakeTwilio((t, r) => {
  twilio = t
  rt = r
})


async function actor(role: Role, email: string): Promise<Actor> {
  return { id: await addStaff(rt.deps, { email, role }), role, email, via: 'token' }
}

describe('hotline voice open', () => {
  it('writes the statement Twilio served, byte for byte, 0600, once per approval, and never overwrites', async () => {
    // The CLI runs on the real clock: approvals here are decided now.
    rt.clock.t = Date.now()
    const audio = wav(PART_BYTES + 4_321)
    const re = newSid('RE')
    twilio.records.set(re, audio)
    await reportByPhone(new Caller(rt), { recordingSid: re, seconds: 190 })
    expect(await runDueJobs(rt.deps, jobHandlers)).toMatchObject({ done: 1 })
    const parts = await rt.deps.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM voice_recordings WHERE audio_sealed IS NOT NULL',
    )
    expect(parts!.n).toBe(2)
    const kase = await rt.deps.sql.get<{ id: string; reference: string }>(
      'SELECT id, reference FROM cases',
    )
    const out = join(rt.dir, 'opened')
    const args = ['voice', 'open', '--key', join(rt.dir, 'custodian.key'), '--case']

    // Only under an approved voice request (an approved identity request is not enough).
    const admin = await actor('admin', 'admin@example.org')
    const custodian = await actor('custodian', 'custodian@example.org')
    const identity = await requestAccess(rt.deps, admin, kase!.id, 'identity', 'To call back.')
    await decideAccess(rt.deps, custodian, identity, 'approved', 'Fine.')
    const refused = await cli([...args, kase!.reference, '--out', out])
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/no approved access request for the voice recordings of/)
    expect(existsSync(out)).toBe(false)
    const voice = await requestAccess(rt.deps, admin, kase!.id, 'voice', 'To hear the statement.')
    await decideAccess(rt.deps, custodian, voice, 'approved', 'The hearing needs it.')

    const first = await cli([...args, kase!.reference, '--out', out])
    expect(first.code, first.out).toBe(0)
    const audit = await rt.deps.sql.all<{ case_id: string; data: string }>(
      "SELECT case_id, data FROM audit_log WHERE action = 'access_opened'",
    )
    expect(audit.map((a) => [a.case_id, JSON.parse(a.data)])).toEqual([
      [kase!.id, { what: 'voice', requestId: voice }],
    ])
    const file = join(out, '1-statement.wav')
    expect(first.out).toContain(file)
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(audio))).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)

    // The approval is spent: a second opening is refused.
    const spent = await cli([...args, kase!.reference, '--out', join(rt.dir, 'again')])
    expect(spent.code).toBe(1)
    expect(spent.out).toMatch(/was already used on .*an approval opens once/)
    expect(existsSync(join(rt.dir, 'again'))).toBe(false)

    const second = await requestAccess(rt.deps, admin, kase!.id, 'voice', 'The tribunal asks again.')
    await decideAccess(rt.deps, custodian, second, 'approved', 'Once more.')
    writeFileSync(file, 'edited by hand')
    const again = await cli([...args, kase!.reference, '--out', out])
    expect(again.code).not.toBe(0)
    expect(again.out).toMatch(/refusing to overwrite/)
    expect(readFileSync(file, 'utf8')).toBe('edited by hand')

    const otherKey = join(rt.dir, 'other.key')
    writeFileSync(otherKey, encodeBase64(rt.deps.crypto.randomBytes(32)))
    const wrong = await cli([
      ...args.slice(0, 3),
      otherKey,
      '--case',
      kase!.reference,
      '--out',
      join(rt.dir, 'wrong'),
    ])
    expect(wrong.code).not.toBe(0)
    expect(wrong.out).toMatch(/cannot open the recordings/)
    expect(wrong.out).not.toContain('CLI-OPEN-MARKER')
    // Neither the refused overwrite nor the wrong key spent the second approval.
    const used = await rt.deps.sql.get<{ used_at: number | null }>(
      'SELECT used_at FROM access_requests WHERE id = ?',
      second,
    )
    expect(used?.used_at).toBeNull()
    expect(
      await rt.deps.sql.all("SELECT seq FROM audit_log WHERE action = 'access_opened'"),
    ).toHaveLength(1)
  }, 60_000)
})
