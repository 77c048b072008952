/**
 * @module cli/stats
 * The statistics' settings from the command line (docs/analytics.md), each change audited with no
 * actor: `stats show`, `stats k N`, `stats public on|off`, `stats lattice DIM,DIM,…`, and
 * `stats refresh` (rebuild the snapshot of the whole caseload now, printing how long it took).
 */
import { AppError } from '../errors.js'
import { tFor } from '../i18n/index.js'
import { BASE_DIMENSIONS } from '../stats/dimensions.js'
import { setK, setLattice, setPublic, statsSettings } from '../stats/settings.js'
import { rebuildSnapshot } from '../stats/source.js'
import { withRuntime } from './runtime.js'

/** A validation error's message in English, for the terminal. */
function explain(err: unknown): never {
  if (err instanceof AppError && err.fields) {
    const t = tFor('en')
    throw new Error(Object.values(err.fields).map((f) => t(f.key, f.params ?? {})).join(' '))
  }
  throw err
}

export async function statsShow() {
  await withRuntime(async ({ deps }) => {
    const s = await statsSettings(deps)
    console.log(`k        ${s.k}`)
    console.log(`public   ${s.public ? 'on' : 'off'}`)
    console.log(`lattice  ${s.lattice.join(',')}`)
    console.log(`         (any of: ${BASE_DIMENSIONS.join(', ')})`)
    if (s.snapshot) {
      const m = JSON.parse(s.snapshot) as { at: number }
      console.log(`snapshot ${new Date(m.at).toISOString()}`)
    }
  })
}

export async function statsK(args: string[]) {
  if (args.length !== 1) throw new Error('usage: stats k N (a whole number from 3 to 100)')
  await withRuntime(async ({ deps }) => {
    const k = await setK(deps, null, args[0]!).catch(explain)
    console.log(`k is now ${k}`)
  })
}

export async function statsPublic(args: string[]) {
  const v = args[0]
  if (args.length !== 1 || (v !== 'on' && v !== 'off')) throw new Error('usage: stats public on|off')
  await withRuntime(async ({ deps }) => {
    await setPublic(deps, null, v === 'on')
    console.log(`the public figures page is now ${v}`)
  })
}

export async function statsLattice(args: string[]) {
  if (args.length !== 1) throw new Error(`usage: stats lattice DIM,DIM,… (any of: ${BASE_DIMENSIONS.join(', ')})`)
  await withRuntime(async ({ deps }) => {
    const list = await setLattice(deps, null, args[0]!.split(',')).catch(explain)
    console.log(`lattice is now ${list.join(',')}; rebuilding the snapshot…`)
    const cells = await rebuildSnapshot(deps)
    console.log(`snapshot rebuilt: ${cells} base cells`)
  })
}

export async function statsRefresh() {
  await withRuntime(async ({ deps }) => {
    const t0 = performance.now()
    const cells = await rebuildSnapshot(deps)
    console.log(`snapshot rebuilt: ${cells} base cells in ${Math.round(performance.now() - t0)} ms`)
  })
}
