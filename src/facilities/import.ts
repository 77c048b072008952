/**
 * @module facilities/import
 * Importing the registry from CSV rows (`npm run hotline -- facilities import FILE.csv`; the
 * parsing is the CLI's). Every row is checked first; one bad row, or a header that is not the
 * documented one, and nothing is written: the errors name the line and the field. Otherwise every
 * row is written in one batch with one audit row. A row whose `code` is already in the registry
 * updates that facility (the code is the stable key); a new code creates one.
 */
import { withAudit } from '../audit/log.js'
import type { Deps } from '../deps.js'
import { tFor } from '../i18n/index.js'
import * as store from '../store/facilities.js'
import { checkFacility, writeStatements } from './registry.js'

/** The CSV header, in this order or any other; `code`, `name` and `country` are required. */
export const CSV_COLUMNS = [
  'code',
  'name',
  'aliases',
  'employer',
  'country',
  'state',
  'location',
  'sector',
  'covered',
  'priority_sector',
] as const
const REQUIRED = ['code', 'name', 'country']

/** One parsed row: the line it starts on (1 is the header) and its cells by column name. */
export interface CsvRow {
  line: number
  cells: Record<string, string>
}

export class ImportError extends Error {
  constructor(readonly problems: string[]) {
    super(`nothing imported: ${problems.length} problem(s)\n${problems.join('\n')}`)
  }
}

/** Problems with the header row (unknown, repeated or missing columns). */
export function headerProblems(header: string[]): string[] {
  const problems: string[] = []
  const seen = new Set<string>()
  for (const h of header) {
    if (!(CSV_COLUMNS as readonly string[]).includes(h))
      problems.push(`line 1: unknown column "${h}" (columns: ${CSV_COLUMNS.join(', ')})`)
    if (seen.has(h)) problems.push(`line 1: column "${h}" appears twice`)
    seen.add(h)
  }
  for (const r of REQUIRED) if (!seen.has(r)) problems.push(`line 1: the column "${r}" is missing`)
  return problems
}

export interface ImportResult {
  created: number
  updated: number
}

/** Check every row, then write them all in one batch (or throw ImportError and write nothing). */
export async function importFacilities(deps: Deps, header: string[], rows: CsvRow[]): Promise<ImportResult> {
  const t = tFor('en')
  const problems = headerProblems(header)
  if (problems.length > 0) throw new ImportError(problems)
  if (rows.length === 0) throw new ImportError(['the file has no facility rows'])
  const existing = await store.codes(deps.sql)
  const seen = new Map<string, number>()
  const statements = []
  let created = 0
  let updated = 0
  for (const row of rows) {
    const c = row.cells
    // A code twice in one file is an error even when one of the rows has other problems.
    const code = (c.code ?? '').trim().toLowerCase()
    const first = code ? seen.get(code) : undefined
    if (first !== undefined) problems.push(`line ${row.line}: code: "${code}" is already on line ${first}`)
    else if (code) seen.set(code, row.line)
    const checked = checkFacility({
      code: c.code,
      name: c.name,
      aliases: c.aliases,
      employer: c.employer,
      country: c.country,
      state: c.state,
      location: c.location,
      sector: c.sector,
      covered: c.covered,
      prioritySector: c.priority_sector,
    })
    if (!checked.ok) {
      for (const [field, e] of Object.entries(checked.errors)) {
        const column = field === 'prioritySector' ? 'priority_sector' : field
        problems.push(`line ${row.line}: ${column}: ${t(e.key, e.params)}`)
      }
      continue
    }
    if (first !== undefined) continue
    const f = checked.value
    const id = existing.get(f.code)
    if (id) updated++
    else created++
    statements.push(...writeStatements(deps, { ...f, id: id ?? deps.crypto.randomToken(12) }, !id))
  }
  if (problems.length > 0) throw new ImportError(problems)
  await withAudit(deps, { actorId: null, action: 'facility_import', data: { created, updated } }, statements)
  return { created, updated }
}
