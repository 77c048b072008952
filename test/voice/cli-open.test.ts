/**
 * `hotline voice open`: the custodian's offline step, through the real CLI process. A statement
 * is recorded on a call, fetched from a local fake of Twilio by the real recording job, sealed in
 * parts; the CLI opens it with the runtime's generated custodian.key and writes the exact WAV
 * bytes Twilio served, 0600, and never overwrites a file.
 */
import { execFile } from 'node:child_process'
import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PART_BYTES } from '../../src/channels/voice/recording.js'
import { encodeBase64 } from '../../src/config.js'
import { runDueJobs } from '../../src/jobs/runner.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'
import { startFakeTwilio, type FakeTwilio } from '../helpers/twilio-fake.js'
import { newSid } from '../helpers/twilio-sign.js'
import { Caller, reportByPhone } from './call.js'

const run = promisify(execFile)

/** A WAV-looking body longer than one stored part, so the CLI must join parts. */
function wav(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes)
  out.set(new TextEncoder().encode('RIFF....WAVEfmt CLI-OPEN-MARKER'))
  for (let i = 64; i < bytes; i++) out[i] = (i * 17) % 253
  return out
}

let twilio: FakeTwilio
let rt: TestRuntime
beforeEach(async () => {
  twilio = await startFakeTwilio()
  rt = await makeRuntime({
    env: {
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_API_BASE: twilio.url,
    },
  })
})
afterEach(async () => {
  rt.close()
  await twilio.close()
})

async function cli(args: string[]) {
  const env: Record<string, string | undefined> = {
    ...process.env,
    HOTLINE_ENV: 'development',
    DATABASE_PATH: join(rt.dir, 'hotline.db'),
  }
  for (const k of ['DATA_KEY', 'CUSTODIAN_PUBLIC_KEY', 'TWILIO_ACCOUNT_SID']) delete env[k]
  try {
    const r = await run(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
      cwd: join(import.meta.dirname, '../..'),
      env,
    })
    return { code: 0, out: r.stdout + r.stderr }
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string }
    return { code: e.code, out: e.stdout + e.stderr }
  }
}

describe('hotline voice open', () => {
  it('writes the statement Twilio served, byte for byte, 0600, and never overwrites', async () => {
    const audio = wav(PART_BYTES + 4_321)
    const re = newSid('RE')
    twilio.records.set(re, audio)
    await reportByPhone(new Caller(rt), { recordingSid: re, seconds: 190 })
    expect(await runDueJobs(rt.deps)).toMatchObject({ done: 1 })
    const parts = await rt.deps.sql.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM voice_recordings WHERE audio_sealed IS NOT NULL',
    )
    expect(parts!.n).toBe(2)
    const kase = await rt.deps.sql.get<{ reference: string }>('SELECT reference FROM cases')
    const out = join(rt.dir, 'opened')
    const args = ['voice', 'open', '--key', join(rt.dir, 'custodian.key'), '--case']

    const first = await cli([...args, kase!.reference, '--out', out])
    expect(first.code, first.out).toBe(0)
    const file = join(out, '1-statement.wav')
    expect(first.out).toContain(file)
    expect(Buffer.from(readFileSync(file)).equals(Buffer.from(audio))).toBe(true)
    expect(statSync(file).mode & 0o777).toBe(0o600)

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
  }, 60_000)
})
