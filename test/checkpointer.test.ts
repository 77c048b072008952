/**
 * WAL checkpoints run on a worker thread, not inside the server's commits: with automatic
 * checkpoints off on the server's connection, the database file still takes in what was written.
 */
import { statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeCaseload } from '../src/cli/caseload.js'
import { startCheckpointer, walBackPressure } from '../src/node/checkpointer.js'
import { makeRuntime, type TestRuntime } from './helpers/runtime.js'

describe('the checkpointer', () => {
  let rt: TestRuntime
  beforeEach(async () => {
    rt = await makeRuntime()
  })
  afterEach(() => rt.close())

  it('copies the WAL into the database from its own thread, and hands checkpoints back when stopped', async () => {
    const file = join(rt.dir, 'hotline.db')
    const checkpointer = startCheckpointer(rt.db, file, rt.deps.log, 50)
    expect(rt.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = statSync(file).size
    await writeCaseload(rt.deps, { cases: 2_000 }) // ~4 MB, all of it into the WAL
    for (let i = 0; i < 200 && statSync(file).size <= before + 1_000_000; i++) await new Promise((r) => setTimeout(r, 50))
    expect(statSync(file).size).toBeGreaterThan(before + 1_000_000)
    expect(await checkpointer.stop(60_000)).toBe(true) // finished within the time it was given
    expect(rt.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000)
    expect(rt.logs.filter((l) => /checkpointer_/.test(l))).toEqual([])
  })

  it('keeps the WAL bounded under steady writes and reads: it restarts instead of growing', async () => {
    const file = join(rt.dir, 'hotline.db')
    rt.db.exec('CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL)')
    const insert = rt.db.prepare('INSERT OR REPLACE INTO wal_probe (id, body) VALUES (?, ?)')
    const read = rt.db.prepare('SELECT count(*) FROM wal_probe').pluck()
    const write = rt.db.transaction((round: number) => {
      for (let i = 0; i < 64; i++) insert.run((round * 7 + i) % 512, Buffer.alloc(4000, round))
    })
    // 256 pages (1 MB) before a restart here; ~1,200 transactions of 64 rows (~300 MB written).
    const checkpointer = startCheckpointer(rt.db, file, rt.deps.log, 10, 256)
    let largest = 0
    for (let round = 0; round < 1_200; round++) {
      write(round)
      read.get()
      if (round % 20 === 0) {
        largest = Math.max(largest, statSync(`${file}-wal`).size)
        await new Promise((r) => setTimeout(r, 5))
      }
    }
    expect(await checkpointer.stop(60_000)).toBe(true)
    // Without the RESTART the WAL holds every frame written: hundreds of MB.
    expect(largest).toBeLessThan(100 * 1024 * 1024)
  }, 120_000)

  it('background writers that wait on walBackPressure keep the WAL small without a RESTART', async () => {
    const file = join(rt.dir, 'hotline.db')
    rt.db.exec('CREATE TABLE wal_probe (id INTEGER PRIMARY KEY, body BLOB NOT NULL)')
    const insert = rt.db.prepare('INSERT OR REPLACE INTO wal_probe (id, body) VALUES (?, ?)')
    const write = rt.db.transaction((round: number) => {
      for (let i = 0; i < 64; i++) insert.run((round * 7 + i) % 512, Buffer.alloc(4000, round))
    })
    const checkpointer = startCheckpointer(rt.db, file, rt.deps.log, 10, 1e9) // no RESTART
    const pause = walBackPressure(file) // 64 MB, the journal_size_limit a restarted WAL is cut to
    let largest = 0
    for (let round = 0; round < 1_200; round++) {
      write(round)
      await pause() // as the purge does between its batches
      largest = Math.max(largest, statSync(`${file}-wal`).size)
    }
    expect(await checkpointer.stop(60_000)).toBe(true)
    expect(largest).toBeLessThan(100 * 1024 * 1024) // ~300 MB written: without the waits, ~300 MB
  }, 120_000)

  it('without it, nothing reaches the database file while automatic checkpoints are off (the control)', async () => {
    const file = join(rt.dir, 'hotline.db')
    rt.db.pragma('wal_autocheckpoint = 0')
    const before = statSync(file).size
    await writeCaseload(rt.deps, { cases: 2_000 })
    await new Promise((r) => setTimeout(r, 300))
    expect(statSync(file).size).toBe(before)
  })
})
