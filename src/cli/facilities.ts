/**
 * @module cli/facilities
 * `facilities import FILE.csv`: load the facility registry from a CSV file (header and columns
 * in docs/facilities.md; a sample: catalog/facilities.sample.csv). Every row is checked before
 * anything is written; a bad row names its line and field and nothing changes. Rows whose code
 * is already in the registry update it.
 */
import { readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { ImportError, importFacilities, type CsvRow } from '../facilities/import.js'
import { withRuntime } from './runtime.js'

/** Parse the file: the header row (trimmed, lower case) and each row with the line it starts on. */
export function parseCsv(text: string): { header: string[]; rows: CsvRow[] } {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[]
  } catch (err) {
    const e = err as { message: string; lines?: number }
    throw new ImportError([`line ${e.lines ?? '?'}: not valid CSV (${e.message.replace(/^Invalid Record Length: /, '')})`])
  }
  const [head, ...body] = records
  if (!head) throw new ImportError(['the file is empty'])
  const header = head.record.map((h) => h.trim().toLowerCase())
  const rows = body.map(({ record, info }) => ({
    line: info.lines,
    cells: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])),
  }))
  return { header, rows }
}

export async function facilitiesImport(args: string[]) {
  const file = args[0]
  if (!file || args.length !== 1) throw new Error('facilities import needs FILE.csv')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new Error(`cannot read ${file}`)
  }
  const { header, rows } = parseCsv(text)
  await withRuntime(async ({ deps }) => {
    const r = await importFacilities(deps, header, rows)
    console.log(`facilities imported: ${r.created} new, ${r.updated} updated`)
  })
}
