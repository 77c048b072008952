/**
 * `audit checkpoint` prints a keyed line (seq:hash:mac) to keep off the server; `audit verify
 * --checkpoint LINE` fails when the log holds less than that line proves, even when whoever
 * deleted the rows moved the head back with them, and refuses a line it did not make.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { checkCheckpoint, checkpointLine } from '../../src/audit/checkpoint.js'
import { append } from '../../src/audit/log.js'
import { verify } from '../../src/audit/verify.js'
import { cli } from '../helpers/cli.js'
import { makeRuntime, type TestRuntime } from '../helpers/runtime.js'

let rt: TestRuntime
beforeEach(async () => {
  rt = await makeRuntime()
})
afterEach(() => rt.close())

const LINE = /^(\d+):([0-9a-f]{64}):([0-9a-f]{64})$/m
const run = (args: string[]) => cli(['audit', ...args], { dir: rt.dir })
async function fill(n: number) {
  for (let i = 0; i < n; i++) await append(rt.deps, { actorId: 'a', action: 'test', data: { i } })
}
/** Delete the rows after `seq` and move the head back onto it: verify alone no longer sees it. */
function truncateQuietly(seq: number) {
  const row = rt.db.prepare('SELECT hash FROM audit_log WHERE seq = ?').get(seq) as { hash: string }
  rt.db.prepare('DELETE FROM audit_log WHERE seq > ?').run(seq)
  rt.db.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(seq, row.hash)
}

describe('audit checkpoint', () => {
  it('prints a line that an intact log, and the same log grown since, satisfy', async () => {
    await fill(30)
    const made = await run(['checkpoint'])
    expect(made.code, made.out).toBe(0)
    const line = LINE.exec(made.out)![0]
    expect(line.startsWith('30:')).toBe(true)
    expect(made.out).toMatch(/off the server/)
    const ok = await run(['verify', '--checkpoint', line])
    expect(ok.code, ok.out).toBe(0)
    expect(ok.out).toMatch(/intact: 30 entries/)
    expect(ok.out).toMatch(/checkpoint #30 matches/)
    await fill(5)
    expect(await checkCheckpoint(rt.deps, line)).toMatchObject({ ok: true })
  }, 60_000)

  it('then deleting rows fails verify --checkpoint, even with the head moved back', async () => {
    await fill(30)
    const line = LINE.exec((await run(['checkpoint'])).out)![0]
    truncateQuietly(20)
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 20 })
    expect(await checkCheckpoint(rt.deps, line)).toMatchObject({
      ok: false,
      problem: 'missing',
      point: { seq: 30 },
    })
    const cmd = await run(['verify', '--checkpoint', line])
    expect(cmd.code).toBe(1)
    expect(cmd.out).toMatch(/fewer entries than the checkpoint proves \(entry #30\)/)
  }, 60_000)

  it('fails when the log was rebuilt past the checkpoint with DATA_KEY (another hash at its seq)', async () => {
    await fill(30)
    const line = checkpointLine(rt.deps, (await verify(rt.deps)).head!)
    truncateQuietly(25)
    await fill(10) // a valid chain again, with other rows from #26 on
    expect(await verify(rt.deps)).toMatchObject({ ok: true, count: 35 })
    expect(await checkCheckpoint(rt.deps, line)).toMatchObject({ ok: false, problem: 'rewritten' })
  })

  it('refuses a forged, altered, foreign or malformed line', async () => {
    await fill(10)
    const line = checkpointLine(rt.deps, (await verify(rt.deps)).head!)
    const [seq, hash, mac] = line.split(':') as [string, string, string]
    const flip = (hex: string) => (hex[0] === '0' ? '1' : '0') + hex.slice(1)
    const row3 = rt.db.prepare('SELECT hash FROM audit_log WHERE seq = 3').get() as { hash: string }
    const other = await makeRuntime()
    let foreign: string
    try {
      await append(other.deps, { actorId: 'x', action: 'test' })
      foreign = checkpointLine(other.deps, { seq: 1, hash: (await verify(other.deps)).head!.hash })
    } finally {
      other.close()
    }
    for (const forged of [
      `${seq}:${hash}:${flip(mac)}`, // MAC altered
      `3:${row3.hash}:${mac}`, // another row, the MAC of this one
      `${seq}:${flip(hash)}:${mac}`, // hash altered
      foreign, // made with another DATA_KEY
    ]) {
      expect(await checkCheckpoint(rt.deps, forged), forged).toMatchObject({
        ok: false,
        problem: 'forged',
      })
    }
    for (const bad of ['', 'nonsense', `${seq}:${hash}`, `0:${hash}:${mac}`, `-1:${hash}:${mac}`]) {
      expect(await checkCheckpoint(rt.deps, bad), bad).toMatchObject({ ok: false, problem: 'malformed' })
    }
    const cmd = await run(['verify', '--checkpoint', `${seq}:${hash}:${flip(mac)}`])
    expect(cmd.code).toBe(1)
    expect(cmd.out).toMatch(/intact: 10 entries/)
    expect(cmd.out).toMatch(/checkpoint refused: its MAC is wrong/)
    const malformed = await run(['verify', '--checkpoint', 'nonsense'])
    expect(malformed.code).toBe(1)
    expect(malformed.out).toMatch(/checkpoint refused: not a checkpoint line/)
  }, 60_000)

  it('makes no checkpoint of a broken or empty log', async () => {
    const empty = await run(['checkpoint'])
    expect(empty.code).toBe(1)
    expect(empty.out).toMatch(/empty: nothing to checkpoint/)
    await fill(5)
    rt.db.prepare('DELETE FROM audit_log WHERE seq = 5').run()
    const broken = await run(['checkpoint'])
    expect(broken.code).toBe(1)
    expect(broken.out).toMatch(/BROKEN at entry #5.*no checkpoint made/)
    expect(broken.out).not.toMatch(LINE)
  }, 60_000)
})
