/**
 * The sample registry (catalog/facilities.sample.csv: real RRM facilities), loaded through the
 * import's own parsing and checks, for tests.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseCsv } from '../../src/cli/facilities.js'
import { importFacilities } from '../../src/facilities/import.js'
import type { TestRuntime } from '../helpers/runtime.js'

export const SAMPLE_CSV = join(import.meta.dirname, '../../catalog/facilities.sample.csv')

/** Import the sample; returns facility ids by code. */
export async function loadSample(rt: TestRuntime): Promise<Record<string, string>> {
  const { header, rows } = parseCsv(readFileSync(SAMPLE_CSV, 'utf8'))
  await importFacilities(rt.deps, header, rows)
  const ids = await rt.deps.sql.all<{ id: string; code: string }>('SELECT id, code FROM facilities')
  return Object.fromEntries(ids.map((r) => [r.code, r.id]))
}
